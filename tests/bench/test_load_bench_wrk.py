"""The wrk report parser of bench/load_bench.py, on output captured from wrk 4.1 (Debian)."""

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "bench" / "load_bench.py"
_spec = importlib.util.spec_from_file_location("load_bench", _PATH)
load_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(load_bench)

# wrk -t2 -c16 -d2s --latency against a server answering 404.
NOT_FOUND = """\
Running 2s test @ http://127.0.0.1:18777/missing
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    20.13ms   85.01ms 844.37ms   95.32%
    Req/Sec     1.12k   641.37     2.30k    63.33%
  Latency Distribution
     50%    2.11ms
     75%    4.23ms
     90%    9.52ms
     99%  504.31ms
  3412 requests in 2.01s, 1.69MB read
  Non-2xx or 3xx responses: 3412
Requests/sec:   1695.80
Transfer/sec:    861.15KB
"""

# wrk -t2 -c8 -d4s --timeout 1s --latency against a server that sometimes takes 1.6 s.
TIMEOUTS = """\
Running 4s test @ http://127.0.0.1:18778/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   366.23ms  300.75ms 907.70ms   76.67%
    Req/Sec     6.55      3.68    14.00     79.31%
  Latency Distribution
     50%  203.35ms
     75%  208.38ms
     90%  901.50ms
     99%  907.70ms
  39 requests in 4.01s, 8.11KB read
  Socket errors: connect 0, read 0, write 0, timeout 9
Requests/sec:      9.72
Transfer/sec:      2.02KB
"""

# wrk -t1 -c4 -d1s --latency, every answer 200.
CLEAN = """\
Running 1s test @ http://127.0.0.1:18777/
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.58ms    4.06ms  37.29ms   88.74%
    Req/Sec     1.43k   459.78     2.42k    80.00%
  Latency Distribution
     50%    1.70ms
     75%    4.50ms
     90%    8.11ms
     99%   21.29ms
  1427 requests in 1.00s, 260.59KB read
Requests/sec:   1424.36
Transfer/sec:    260.11KB
"""


def test_clean_run():
    result = load_bench.parse_wrk(CLEAN)
    assert result.requests == 1427
    assert result.requests_per_s == pytest.approx(1424.36)
    assert result.p50_ms == pytest.approx(1.70)
    assert result.p99_ms == pytest.approx(21.29)
    assert result.errors == 0


def test_bad_statuses_are_errors():
    result = load_bench.parse_wrk(NOT_FOUND)
    assert result.requests == 3412
    assert result.requests_per_s == pytest.approx(1695.80)
    assert result.p99_ms == pytest.approx(504.31)
    assert (result.bad_status, result.socket_errors, result.errors) == (3412, 0, 3412)


def test_socket_errors_are_errors():
    result = load_bench.parse_wrk(TIMEOUTS)
    assert result.requests_per_s == pytest.approx(9.72)
    assert result.p50_ms == pytest.approx(203.35)
    assert (result.bad_status, result.socket_errors, result.errors) == (0, 9, 9)


@pytest.mark.parametrize(
    ("text", "ms"), [("850.00us", 0.85), ("21.29ms", 21.29), ("2.31s", 2310.0), ("1.50m", 90_000.0)]
)
def test_latency_units(text, ms):
    assert load_bench._duration_ms(text) == pytest.approx(ms)


def test_unreadable_output_is_a_clear_error():
    with pytest.raises(load_bench.BenchError, match="Requests/sec"):
        load_bench.parse_wrk(CLEAN.replace("Requests/sec:", "Req:"))


def test_targets_need_the_fraction_the_latency_and_no_errors():
    def row(phase, page, rps, p99=10.0, errors=0):
        result = load_bench.WrkResult(1000, rps, 5.0, p99, errors, 0)
        return load_bench.Row(page, phase, result, ceiling_rps=1000.0)

    assert row("cached", "article", 800).verdict == "PASS"
    assert row("cached", "article", 799).verdict == "FAIL"
    assert row("cached", "article", 900, p99=50.0).verdict == "FAIL"
    assert row("cached", "article", 900, errors=1).verdict == "FAIL"
    assert row("uncached", "article", 200, p99=400.0).verdict == "PASS"
    assert row("uncached", "home", 99).verdict == "FAIL"
    assert row("uncached", "news", 1).verdict == ""  # no target
