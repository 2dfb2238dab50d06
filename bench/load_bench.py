"""Load benchmark (not a test): the portal under gunicorn and wrk, against a ceiling page.

    .venv/bin/python bench/load_bench.py                     # what `make bench` runs
    .venv/bin/python bench/load_bench.py --output bench/RESULTS.md
    .venv/bin/python bench/load_bench.py --duration 5 --skip-memory
    .venv/bin/python bench/load_bench.py --keep               # keep the database, print its name
    .venv/bin/python bench/load_bench.py --reuse NAME --pages ceiling,article --phases uncached

It creates a throwaway PostgreSQL database (cong_load_bench_<pid>) on the server
of BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/), migrates it,
loads `load_demo --articles 10000` (progress bar on a terminal), runs VACUUM
ANALYZE and collectstatic into a temporary STATIC_ROOT. Then it starts gunicorn
with portal/gunicorn_conf.py on a free loopback port, in its own process group,
with production settings (debug off, a generated secret key, Redis at
BENCH_REDIS_URL under a key prefix of its own, the ceiling page switched on,
worker recycling off) and measures with wrk, 16 connections:

  1. cached phase (default settings) and uncached phase (PAGE_CACHE_SECONDS=0),
     each on a fresh server: the ceiling page (portal/ceiling.py) and the home,
     news list, category, article, directive, organisation and search pages,
     each checked for 200 first, warmed up, then loaded; then the ceiling again,
     and each page's fraction is of the mean of both ceilings;
  2. memory: a fresh server with a pid-only access log gets a mix of several
     hundred portal URLs until every worker has served 10,000 requests, then each
     worker's VmRSS is read from /proc;
  3. static files: size of the site's CSS and JS (raw, gzip, brotli) and the
     Cache-Control of their hashed URLs.

It prints one table with the targets of issue 6 and PASS/FAIL, plus the machine,
and writes the same as Markdown with --output. Exit status 1 when a target is
missed. Everything it started is stopped at the end, also after an error, the
global --timeout, Ctrl-C or SIGTERM: gunicorn's process group, the database
(unless --keep) and the Redis keys under its prefix.

GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_WORKER_CLASS and GUNICORN_PRELOAD
from the environment are passed on to the server, to compare settings.
"""

import argparse
import contextlib
import datetime
import http.client
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))  # also when loaded by path, as the tests do

from search_bench import admin_execute, close_django, server_url  # noqa: E402

BIN = Path(sys.executable).parent
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
SEARCH_WORD = "thanh niên"
MEMORY_REQUESTS_PER_WORKER = 10_000
MEMORY_LIMIT_MB = 150
GUNICORN_PASSED_ON = (
    "GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_WORKER_CLASS", "GUNICORN_PRELOAD"
)

PAGES = {
    "ceiling": "Trần (ceiling)",
    "ceiling_again": "Trần, cuối pha (again)",
    "home": "Trang chủ",
    "news": "Danh sách tin",
    "category": "Chuyên mục",
    "article": "Bài viết",
    "article_data": "Bài viết, chỉ dữ liệu (data only)",
    "directive": "Văn bản",
    "organisation": "Tổ chức",
    "search": "Tìm kiếm",
}
PHASES = ("cached", "uncached")


@dataclass(frozen=True)
class Target:
    fraction: float
    p99_ms: float | None = None

    def describe(self) -> str:
        text = f"≥{self.fraction:g}×"
        if self.p99_ms is not None:
            text += f", p99<{self.p99_ms:g} ms"
        return text + ", 0 err"


# Issue 6: anonymous readers served from cache, and with the page cache switched off.
TARGETS = {
    **{
        ("cached", page): Target(0.8, 50)
        for page in ("home", "news", "category", "article", "directive", "organisation")
    },
    ("uncached", "article"): Target(0.2),
    ("uncached", "home"): Target(0.1),
    ("uncached", "search"): Target(0.1),
}


class BenchError(Exception):
    """Something the benchmark cannot go on without; the message says what."""


class BenchTimeout(BenchError):
    pass


# --- wrk -----------------------------------------------------------------------------------


@dataclass
class WrkResult:
    requests: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    socket_errors: int
    bad_status: int

    @property
    def errors(self) -> int:
        return self.socket_errors + self.bad_status


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _duration_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not match:
        raise BenchError(f"wrk: unreadable duration {text!r}")
    return float(match[1]) * _UNITS_MS[match[2]]


def parse_wrk(output: str) -> WrkResult:
    """The figures of `wrk --latency` output (its text report, wrk 4)."""

    def find(pattern: str) -> re.Match:
        match = re.search(pattern, output, re.MULTILINE)
        if not match:
            raise BenchError(f"wrk output without {pattern!r}:\n{output}")
        return match

    socket_errors = 0
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if errors:
        socket_errors = sum(int(value) for value in errors.groups())
    bad_status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return WrkResult(
        requests=int(find(r"^\s*(\d+) requests in ")[1]),
        requests_per_s=float(find(r"^Requests/sec:\s+([\d.]+)")[1]),
        p50_ms=_duration_ms(find(r"^\s+50%\s+(\S+)")[1]),
        p99_ms=_duration_ms(find(r"^\s+99%\s+(\S+)")[1]),
        socket_errors=socket_errors,
        bad_status=int(bad_status[1]) if bad_status else 0,
    )


def run_wrk(url: str, args, duration: int, script: Path | None = None) -> WrkResult:
    command = [
        "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{duration}s", "--latency",
        "--timeout", "5s", "-H", f"User-Agent: {USER_AGENT}", "-H", "Accept: text/html",
    ]
    if script:
        command += ["-s", str(script)]
    try:
        finished = subprocess.run(
            [*command, url], capture_output=True, text=True, timeout=duration + 30, check=False
        )
    except subprocess.TimeoutExpired:
        raise BenchError(f"wrk did not finish within {duration + 30:g} s on {url}") from None
    if finished.returncode != 0:
        raise BenchError(f"wrk failed on {url}:\n{finished.stdout}{finished.stderr}")
    return parse_wrk(finished.stdout)


def mix_script(paths: list[str], folder: Path) -> Path:
    """A wrk script that sends the paths in turn, each thread from another starting point."""
    quoted = ",\n".join(f'  "{path}"' for path in paths)
    script = folder / "mix.lua"
    script.write_text(
        f"local paths = {{\n{quoted}\n}}\n"
        "local next_index = 1\n"
        "local thread_count = 0\n"
        "function setup(thread)\n"
        "  thread_count = thread_count + 1\n"
        "  thread:set('first', thread_count * 7919)\n"
        "end\n"
        "function init(args)\n"
        "  next_index = (first % #paths) + 1\n"
        "end\n"
        "function request()\n"
        "  local path = paths[next_index]\n"
        "  next_index = (next_index % #paths) + 1\n"
        "  return wrk.format(nil, path)\n"
        "end\n"
    )
    return script


# --- the database, Redis and Django in this process ----------------------------------------


def postgres_version(database_url: str) -> str:
    import psycopg

    with psycopg.connect(database_url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def flush_redis_prefix(redis_url: str, prefix: str) -> int:
    import redis

    client = redis.Redis.from_url(redis_url)
    removed = 0
    try:
        batch = []
        for key in client.scan_iter(match=f"{prefix}:*", count=1000):
            batch.append(key)
            if len(batch) >= 1000:
                removed += client.delete(*batch)
                batch = []
        if batch:
            removed += client.delete(*batch)
    finally:
        client.close()
    return removed


def redis_version(redis_url: str) -> str:
    import redis

    client = redis.Redis.from_url(redis_url, socket_connect_timeout=2)
    try:
        return client.info("server")["redis_version"]
    except redis.RedisError as error:
        raise BenchError(
            f"Redis at {redis_url} does not answer ({error}). Start redis-server, or set "
            "BENCH_REDIS_URL to a Redis the benchmark may use."
        ) from None
    finally:
        client.close()


def setup_django(env: dict) -> None:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.base"
    import django

    django.setup()


def load(articles: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"Migrated in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    call_command("load_demo", articles=articles)
    print(f"Loaded {articles} articles in {time.perf_counter() - started:.1f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def collect_static() -> None:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"collectstatic in {time.perf_counter() - started:.1f} s", flush=True)


def _most_articles(articles, field: str):
    """The id of the category or organisation with the most of these articles."""
    from django.db.models import Count

    top = articles.values(field).annotate(n=Count("id")).order_by("-n").first()
    return top[field] if top else None


def page_paths() -> tuple[dict[str, str], list[str]]:
    """One path per measured page, and a few hundred paths for the memory mix."""
    from django.urls import reverse

    from news.models import Article, Category, Directive
    from organizations.models import Organization

    published = Article.objects.published()
    article = published.order_by("-published_at", "-id").first()
    category = Category.objects.filter(pk=_most_articles(published, "category")).first()
    directive = Directive.objects.for_home().first()
    organisation = Organization.objects.filter(pk=_most_articles(published, "organization")).first()
    if not (article and category and directive and organisation):
        raise BenchError("The demo content has no article, category, directive or organisation.")
    search = reverse("news:search") + "?q=" + quote(SEARCH_WORD)
    paths = {
        "ceiling": "/__bench__/ceiling/",
        "home": reverse("home"),
        "news": reverse("news:article_list"),
        "category": category.get_absolute_url(),
        "article": article.get_absolute_url(),
        # The article page's queries without its templates (portal/ceiling.py).
        "article_data": f"/__bench__/article-data/{article.slug}/",
        "directive": directive.get_absolute_url(),
        "organisation": organisation.get_absolute_url(),
        "search": search,
    }
    mix = [path for page, path in paths.items() if page not in {"ceiling", "article_data"}]
    mix += [a.get_absolute_url() for a in published.order_by("-published_at")[:300]]
    mix += [f"{paths['news']}?page={number}" for number in range(2, 30)]
    mix += [c.get_absolute_url() for c in Category.objects.all()]
    mix += [d.get_absolute_url() for d in Directive.objects.order_by("-issued_on")[:40]]
    mix += [o.get_absolute_url() for o in Organization.objects.active()[:40]]
    for word in ("đoàn", "chuyển đổi số", "tinh nguyen", "nông thôn mới", "Đảng viên", "20-CT/TW"):
        mix.append(reverse("news:search") + "?q=" + quote(word))
    return paths, mix


# --- gunicorn -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, headers: dict | None = None, timeout: float = 10):
    """(status, headers, body) of one GET, redirects not followed."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"User-Agent": USER_AGENT, **(headers or {})})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


class Server:
    """gunicorn in its own process group, logging to a file."""

    running: ClassVar[list["Server"]] = []  # stopped by main() whatever happens

    def __init__(self, env: dict, log_path: Path, extra_args=()):
        self.port = free_port()
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        self.log_path = log_path
        self.extra_args = list(extra_args)
        self.process = None

    def start(self, timeout: float = 60) -> "Server":
        command = [
            str(BIN / "gunicorn"), "-c", "python:portal.gunicorn_conf", *self.extra_args,
            "portal.wsgi:application",
        ]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )
        Server.running.append(self)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited with {self.process.returncode}:\n{self.tail()}")
            with contextlib.suppress(OSError):
                status, _, _ = get(self.port, "/healthz", timeout=2)
                if status == 200:
                    return self
            time.sleep(0.2)
        raise BenchError(f"gunicorn did not answer /healthz within {timeout:g} s:\n{self.tail()}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def worker_pids(self) -> list[int]:
        master = self.process.pid
        children = Path(f"/proc/{master}/task/{master}/children")
        if children.exists():
            return sorted(int(pid) for pid in children.read_text().split())
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == master:
                    pids.append(int(stat.parent.name))
        return sorted(pids)

    def tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        group = self.process.pid
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
            self.process.wait(timeout=5)
        # Workers left behind by a master that died first.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise BenchError(f"no VmRSS for process {pid}")


# --- the measurements ----------------------------------------------------------------------


@dataclass
class Row:
    page: str
    phase: str
    result: WrkResult
    ceiling_rps: float

    @property
    def fraction(self) -> float:
        return self.result.requests_per_s / self.ceiling_rps if self.ceiling_rps else 0.0

    @property
    def target(self) -> Target | None:
        return TARGETS.get((self.phase, self.page))

    @property
    def verdict(self) -> str:
        target = self.target
        if target is None:
            return ""
        ok = self.fraction >= target.fraction and self.result.errors == 0
        if target.p99_ms is not None:
            ok = ok and self.result.p99_ms < target.p99_ms
        return "PASS" if ok else "FAIL"


def check_pages(server: Server, paths: dict[str, str]) -> None:
    for page, path in paths.items():
        status, headers, body = get(server.port, path)
        if status != 200:
            raise BenchError(
                f"{PAGES[page]} {path} answered {status}, not 200 "
                f"(Location: {headers.get('Location', '-')}):\n{server.tail()}"
            )
        if page == "ceiling" and len(body) != 20 * 1024:
            raise BenchError(f"the ceiling page has {len(body)} bytes, not 20480")


def measure_phase(phase: str, env: dict, paths: dict, args, work: Path) -> list[Row]:
    print(f"\n== {phase} phase ==", flush=True)
    server = Server(env, work / f"gunicorn-{phase}.log").start()
    try:
        check_pages(server, paths)
        results = {}
        # The ceiling again at the end: the fractions are of the mean of both, so a change in
        # what else the machine is doing during the phase shows instead of skewing them.
        steps = [*paths.items(), ("ceiling_again", paths["ceiling"])]
        for page, path in steps:
            if args.warmup:
                run_wrk(server.url(path), args, args.warmup)
            results[page] = result = run_wrk(server.url(path), args, args.duration)
            print(
                f"  {page:<13} {result.requests_per_s:9.1f} req/s  p50 {result.p50_ms:7.2f} ms"
                f"  p99 {result.p99_ms:7.2f} ms  errors {result.errors}",
                flush=True,
            )
    finally:
        server.stop()
    ceiling = (results["ceiling"].requests_per_s + results["ceiling_again"].requests_per_s) / 2
    return [Row(page, phase, result, ceiling) for page, result in results.items()]


@dataclass
class MemoryResult:
    requests_per_worker: dict[int, int]
    rss_before: dict[int, float]
    rss_after: dict[int, float]
    seconds: float

    @property
    def verdict(self) -> str:
        enough = min(self.requests_per_worker.values(), default=0) >= MEMORY_REQUESTS_PER_WORKER
        small = max(self.rss_after.values(), default=0) < MEMORY_LIMIT_MB
        return "PASS" if enough and small else "FAIL"


def measure_memory(env: dict, mix: list[str], args, work: Path) -> MemoryResult:
    print(f"\n== memory: {MEMORY_REQUESTS_PER_WORKER} requests per worker ==", flush=True)
    access_log = work / "access.log"
    server = Server(
        env, work / "gunicorn-memory.log",
        extra_args=["--access-logfile", str(access_log), "--access-logformat", "%(p)s"],
    ).start()
    try:
        workers = server.worker_pids()
        # Each worker renders every page once before "before" is read.
        for path in mix[:20]:
            get(server.port, path)
        rss_before = {pid: rss_mb(pid) for pid in workers}
        script = mix_script(mix, work)
        started = time.monotonic()
        counts: dict[int, int] = {}
        while True:
            run_wrk(server.url("/"), args, 15, script=script)
            counts = dict.fromkeys(workers, 0)
            with open(access_log, errors="replace") as log:
                for line in log:
                    pid = int(line.strip().strip("<>") or 0)
                    if pid in counts:
                        counts[pid] += 1
            print(f"  requests per worker so far: {sorted(counts.values())}", flush=True)
            if min(counts.values()) >= MEMORY_REQUESTS_PER_WORKER:
                break
            if time.monotonic() - started > args.memory_seconds:
                print("  stopped: --memory-seconds reached", flush=True)
                break
        if server.worker_pids() != workers:
            raise BenchError("gunicorn replaced a worker during the memory run:\n" + server.tail())
        rss_after = {pid: rss_mb(pid) for pid in workers}
        return MemoryResult(counts, rss_before, rss_after, time.monotonic() - started)
    finally:
        server.stop()


@dataclass
class StaticFile:
    url: str
    raw: int
    gzip: int | None
    brotli: int | None
    cache_control: str
    encoding: str


def measure_static(env: dict, paths: dict, static_root: Path, work: Path) -> list[StaticFile]:
    server = Server(env, work / "gunicorn-static.log").start()
    try:
        urls = []
        for path in paths.values():
            _, _, body = get(server.port, path)
            for url in re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', body):
                if url.decode() not in urls:
                    urls.append(url.decode())
        files = []
        for url in urls:
            file = static_root / url.removeprefix("/static/")
            gz, br = Path(f"{file}.gz"), Path(f"{file}.br")
            status, headers, _ = get(server.port, url, {"Accept-Encoding": "br, gzip"})
            if status != 200:
                raise BenchError(f"static file {url} answered {status}")
            files.append(
                StaticFile(
                    url=url,
                    raw=file.stat().st_size,
                    gzip=gz.stat().st_size if gz.exists() else None,
                    brotli=br.stat().st_size if br.exists() else None,
                    cache_control=headers.get("Cache-Control", "-"),
                    encoding=headers.get("Content-Encoding", "none"),
                )
            )
        return files
    finally:
        server.stop()


# --- the report ----------------------------------------------------------------------------


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def machine(env: dict, database_url: str, redis_url: str, load_before: str):
    import django
    import gunicorn

    from portal.gunicorn_conf import available_cpus, read_settings

    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    system = platform.platform()
    with contextlib.suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = f"{line.split('=', 1)[1].strip(chr(34))} (Linux {platform.release()})"
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()
    config = read_settings(env, available_cpus())
    threads = f", {config['threads']} threads each" if config["worker_class"] == "gthread" else ""
    return [
        ("Date", datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("CPU", f"{cpu}, {os.cpu_count()} cores ({available_cpus()} available)"),
        ("Memory", memory),
        ("OS", system),
        ("PostgreSQL", postgres_version(database_url)),
        ("Redis", redis_version(redis_url)),
        ("Python", platform.python_version()),
        ("Django", django.get_version()),
        ("gunicorn", f"{gunicorn.__version__}: {config['workers']} {config['worker_class']} "
                     f"workers{threads}, preload {'on' if config['preload_app'] else 'off'}"),
        ("wrk", (wrk[0] if wrk else "?").split(" Copyright")[0]),
        # Anything else running on the machine takes CPU from the server and wrk alike.
        ("Load average", f"{load_before} before the run, {load_average()} after (1, 5, 15 min)"),
    ]


def _kb(size: int | None) -> str:
    return "—" if size is None else f"{size / 1024:.1f} KB"


def report(machine_rows, rows, memory, static, args, markdown: bool) -> str:
    lines = []

    def table(header: list[str], body: list[list[str]]) -> None:
        if markdown:
            lines.append("| " + " | ".join(header) + " |")
            lines.append("|" + "|".join(" --- " for _ in header) + "|")
            lines.extend("| " + " | ".join(cells) + " |" for cells in body)
        else:
            columns = zip(header, *body, strict=True)
            widths = [max(len(str(c)) for c in column) for column in columns]
            for cells in [header, *body]:
                lines.append("  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)))
        lines.append("")

    title = "Load benchmark (make bench)"
    lines += [f"# {title}", ""] if markdown else [title, "=" * len(title), ""]
    lines.append(
        f"{args.articles} published demo articles, gunicorn on loopback, wrk {args.threads} "
        f"threads, {args.connections} connections, {args.duration:g} s per page after "
        f"{args.warmup:g} s of warm-up; cached = default settings, uncached = "
        "PAGE_CACHE_SECONDS=0. × ceiling is of the mean of the ceiling at the start and the "
        "end of the phase. Errors are socket errors plus statuses ≥ 400."
    )
    lines.append("")
    table(["Machine", ""], [list(row) for row in machine_rows])
    table(
        ["Page", "Phase", "req/s", "× ceiling", "p50 ms", "p99 ms", "Errors", "Target", "Result"],
        [
            [
                PAGES[row.page], row.phase, f"{row.result.requests_per_s:.1f}",
                f"{row.fraction:.2f}", f"{row.result.p50_ms:.2f}", f"{row.result.p99_ms:.2f}",
                str(row.result.errors), row.target.describe() if row.target else "—", row.verdict,
            ]
            for row in rows
        ],
    )
    if memory:
        body = [
            [
                str(pid), str(memory.requests_per_worker.get(pid, 0)),
                f"{memory.rss_before[pid]:.1f}", f"{memory.rss_after[pid]:.1f}",
                f"< {MEMORY_LIMIT_MB} MB after ≥ {MEMORY_REQUESTS_PER_WORKER} requests",
                memory.verdict,
            ]
            for pid in sorted(memory.rss_after)
        ]
        lines.append(
            f"Memory: each worker's VmRSS after a mix of portal pages for {memory.seconds:.0f} s "
            "(cached phase settings, worker recycling off)."
        )
        lines.append("")
        table(["Worker", "Requests", "RSS before MB", "RSS after MB", "Target", "Result"], body)
    if static:
        lines.append("Static files (whitenoise, collectstatic): sizes and headers of hashed URLs.")
        lines.append("")
        table(
            ["File", "Raw", "gzip", "brotli", "Sent as", "Cache-Control"],
            [
                [f.url, _kb(f.raw), _kb(f.gzip), _kb(f.brotli), f.encoding, f.cache_control]
                for f in static
            ],
        )
    verdicts = [row.verdict for row in rows if row.verdict] + ([memory.verdict] if memory else [])
    failed = verdicts.count("FAIL")
    lines.append(
        f"Targets: {len(verdicts) - failed} of {len(verdicts)} met"
        + (f", {failed} missed." if failed else ".")
    )
    return "\n".join(lines) + "\n"


# --- main -----------------------------------------------------------------------------------


def parse_args() -> tuple[argparse.Namespace, list[str], list[str]]:
    """The options, the pages to measure (the ceiling always first) and the phases."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    # wrk takes whole seconds.
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument(
        "--warmup", type=int, default=2, help="seconds of warm-up per page (0: none)"
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument(
        "--pages", default=",".join(p for p in PAGES if p != "ceiling_again"),
        help="comma-separated subset (the ceiling is always measured)",
    )
    parser.add_argument("--phases", default=",".join(PHASES), help="cached,uncached")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--memory-seconds", type=float, default=300,
                        help="longest the memory run may take")
    parser.add_argument("--timeout", type=float, default=2400, help="bound on the whole run (s)")
    parser.add_argument("--output", type=Path, help="also write the report as Markdown here")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--reuse", metavar="NAME", help="use an existing bench database")
    args = parser.parse_args()
    pages = [page for page in args.pages.split(",") if page]
    phases = [phase for phase in args.phases.split(",") if phase]
    unknown = [p for p in pages if p not in PAGES] + [p for p in phases if p not in PHASES]
    if unknown:
        parser.error(f"unknown page or phase: {', '.join(unknown)}")
    if args.duration < 1 or args.warmup < 0:
        parser.error("--duration must be at least 1 second, --warmup 0 or more")
    if "ceiling" not in pages:
        pages.insert(0, "ceiling")
    if shutil.which("wrk") is None:
        parser.error("wrk is not installed: sudo bash scripts/install-wrk")
    return args, pages, phases


def handle_signals(timeout: float) -> None:
    """Ctrl-C and SIGTERM stop the run, and so does --timeout; main() then cleans up."""

    def stop(signum, frame):
        raise KeyboardInterrupt

    def out_of_time(signum, frame):
        raise BenchTimeout(f"the whole run took longer than --timeout {timeout:g} s")

    # SIGINT too: a shell that starts the script in the background makes it ignore Ctrl-C.
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(max(1, int(timeout)))


def server_env(*, database_url: str, redis_url: str, prefix: str, work: Path,
               media: Path) -> dict:
    """The environment of the portal under load: this one without the portal's own
    settings, then production settings on the bench database and Redis prefix."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "DATABASE_", "REDIS_", "CACHE_"))
        and key not in {"PAGE_CACHE_SECONDS", "SEARCH_RATE_LIMIT", "MEDIA_STORAGE"}
    }
    env.update({key: os.environ[key] for key in GUNICORN_PASSED_ON if os.environ.get(key)})
    env.update(
        {
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": prefix,
            # Production settings over plain HTTP on loopback.
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_BEHIND_TLS_PROXY": "0",
            "SEARCH_RATE_LIMIT": "100000000",
            "DJANGO_BENCH_CEILING": "1",
            "GUNICORN_MAX_REQUESTS": "0",
            "DJANGO_VAR_DIR": str(work / "var"),
            "DJANGO_STATIC_ROOT": str(work / "static"),
            "DJANGO_MEDIA_ROOT": str(media),
        }
    )
    return env


def measure_and_report(args, env: dict, *, pages: list[str], phases: list[str],
                       database_url: str, redis_url: str, prefix: str, work: Path,
                       load_before: str) -> int:
    """Demo content, every phase, memory and static files measured, the report printed
    (and written with --output); 1 when a target is missed."""
    setup_django(env)
    # On a reused database load_demo only adds what is missing (the demo photos of a
    # database kept by an earlier run, for example).
    load(args.articles)
    collect_static()
    paths, mix = page_paths()
    paths = {page: path for page, path in paths.items() if page in pages}
    close_django()

    rows = []
    for phase in phases:
        phase_env = {**env, "PAGE_CACHE_SECONDS": "0"} if phase == "uncached" else env
        rows += measure_phase(phase, phase_env, paths, args, work)
        flush_redis_prefix(redis_url, prefix)
    memory = None if args.skip_memory else measure_memory(env, mix, args, work)
    flush_redis_prefix(redis_url, prefix)
    static = measure_static(env, paths, work / "static", work)
    machine_rows = machine(env, database_url, redis_url, load_before)
    text = report(machine_rows, rows, memory, static, args, False)
    print("\n" + text, flush=True)
    if args.output:
        md = report(machine_rows, rows, memory, static, args, True)
        args.output.write_text(md)
        print(f"Written to {args.output}", flush=True)
    return 1 if "FAIL" in text else 0


def main() -> int:
    args, pages, phases = parse_args()
    load_before = load_average()
    base_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    name = args.reuse or f"cong_load_bench_{os.getpid()}"
    database_url = server_url(base_url, name)
    prefix = f"cong_load_bench_{os.getpid()}"
    created = False
    work = Path(tempfile.mkdtemp(prefix="cong-load-bench-"))
    # Uploads belong with the database: kept with --keep, found again with --reuse.
    media = Path(tempfile.gettempdir()) / f"{name}-media"
    handle_signals(args.timeout)
    env = server_env(
        database_url=database_url, redis_url=redis_url, prefix=prefix, work=work, media=media
    )
    try:
        redis_version(redis_url)
        if not args.reuse:
            admin_execute(base_url, f'CREATE DATABASE "{name}"')
            created = True
            print(f"Created database {name}", flush=True)
        return measure_and_report(
            args, env, pages=pages, phases=phases, database_url=database_url,
            redis_url=redis_url, prefix=prefix, work=work, load_before=load_before,
        )
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    except BenchError as error:
        print(f"\nBenchmark stopped: {error}", file=sys.stderr)
        return 2
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        for server in Server.running:
            server.stop()
        close_django()
        with contextlib.suppress(Exception):
            removed = flush_redis_prefix(redis_url, prefix)
            print(f"Removed {removed} Redis keys under {prefix}:", flush=True)
        if created and not args.keep:
            admin_execute(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            print(f"Dropped database {name}", flush=True)
            shutil.rmtree(media, ignore_errors=True)
        elif created:
            print(f"Kept database {name} (--reuse {name}), media in {media}", flush=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
