"""portal/gunicorn_conf.py: gunicorn's settings from the environment (no server is started)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.gunicorn_conf import ConfigError, default_workers, read_settings

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def test_workers_follow_the_cpu_count():
    assert read_settings({}, cpu_count=2)["workers"] == default_workers(2)
    assert default_workers(1) < default_workers(2) < default_workers(8)
    assert default_workers(None) == default_workers(1)  # cpu count unknown


def test_defaults():
    settings = read_settings({}, cpu_count=2)
    assert settings["bind"] == ["127.0.0.1:8000"]
    assert settings["worker_class"] == "sync"
    assert settings["threads"] == 1
    assert settings["max_requests"] > 0
    assert 0 < settings["max_requests_jitter"] < settings["max_requests"]
    assert settings["accesslog"] is None  # the portal logs its own requests
    assert settings["preload_app"] is False
    assert settings["forwarded_allow_ips"] == ""  # no proxy trusted unless configured
    assert settings["control_socket_disable"] is True


def test_environment_overrides():
    settings = read_settings(
        {
            "GUNICORN_BIND": "0.0.0.0:9000, unix:/run/cong.sock",
            "GUNICORN_WORKERS": " 7 ",
            "GUNICORN_WORKER_CLASS": "gthread",
            "GUNICORN_THREADS": "3",
            "GUNICORN_TIMEOUT": "60",
            "GUNICORN_MAX_REQUESTS": "0",
            "GUNICORN_KEEPALIVE": "2",
            "GUNICORN_PRELOAD": "yes",
            "GUNICORN_ACCESS_LOG": "-",
            "GUNICORN_CONTROL_SOCKET": "/run/cong/gunicorn.ctl",
            "DJANGO_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.7/8",
        },
        cpu_count=2,
    )
    assert settings["bind"] == ["0.0.0.0:9000", "unix:/run/cong.sock"]
    assert (settings["workers"], settings["threads"], settings["timeout"]) == (7, 3, 60)
    assert (settings["max_requests"], settings["max_requests_jitter"]) == (0, 0)
    assert settings["keepalive"] == 2
    assert settings["preload_app"] is True
    assert settings["accesslog"] == "-"
    assert settings["control_socket"] == "/run/cong/gunicorn.ctl"
    assert "control_socket_disable" not in settings
    assert settings["forwarded_allow_ips"] == "127.0.0.1/32,10.0.0.0/8"


def test_sync_workers_have_one_thread():
    settings = read_settings({"GUNICORN_WORKER_CLASS": "sync", "GUNICORN_THREADS": "8"}, 2)
    assert (settings["worker_class"], settings["threads"]) == ("sync", 1)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("GUNICORN_WORKERS", "many", "GUNICORN_WORKERS phải là số nguyên từ 1 trở lên"),
        ("GUNICORN_WORKERS", "0", "không phải '0'"),
        ("GUNICORN_THREADS", "2.5", "GUNICORN_THREADS phải là số nguyên"),
        ("GUNICORN_MAX_REQUESTS", "-1", "từ 0 trở lên"),
        ("GUNICORN_PRELOAD", "maybe", "GUNICORN_PRELOAD phải là 1 hoặc 0"),
        (
            "GUNICORN_WORKER_CLASS", "gevent",
            "GUNICORN_WORKER_CLASS phải là một trong sync, gthread",
        ),
        ("DJANGO_TRUSTED_PROXIES", "nginx.local", "'nginx.local' không phải địa chỉ IP"),
    ],
)
def test_bad_values_are_refused_with_the_variable_named(name, value, message):
    with pytest.raises(ConfigError, match=message):
        read_settings({name: value}, cpu_count=2)


def _gunicorn(env: dict) -> subprocess.CompletedProcess:
    environ = {
        key: value for key, value in os.environ.items() if not key.startswith("GUNICORN_")
    }
    return subprocess.run(
        [str(GUNICORN), "-c", "python:portal.gunicorn_conf", "--print-config",
         "portal.wsgi:application"],
        cwd=ROOT, env={**environ, "DJANGO_DEBUG": "1", **env},
        capture_output=True, text=True, timeout=60, check=False,
    )


def test_gunicorn_reads_the_module():
    finished = _gunicorn({"GUNICORN_WORKERS": "6", "GUNICORN_BIND": "127.0.0.1:8123"})
    assert finished.returncode == 0, finished.stderr
    lines = {line.split("=", 1)[0].strip(): line.split("=", 1)[1].strip()
             for line in finished.stdout.splitlines() if "=" in line}
    assert lines["workers"] == "6"
    assert lines["bind"] == "['127.0.0.1:8123']"
    assert lines["worker_class"] == "sync"
    assert lines["control_socket_disable"] == "True"


def test_gunicorn_stops_with_the_message_not_a_traceback():
    finished = _gunicorn({"GUNICORN_TIMEOUT": "soon"})
    assert finished.returncode == 1
    assert "GUNICORN_TIMEOUT must be a whole number of at least 1, not 'soon'" in finished.stderr
    assert "Traceback" not in finished.stderr
