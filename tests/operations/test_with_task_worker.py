"""scripts/with-task-worker, which `make run` and `make serve` start the server through: the
real task worker (`manage.py db_worker`, on an SQLite database of its own) beside a
stand-in server, and no process of either left behind however they stop."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "with-task-worker"
# A server that stops cleanly on SIGINT and SIGTERM, or by itself after `lifetime` seconds.
SERVER = (
    "import signal, sys, time\n"
    "for sig in (signal.SIGINT, signal.SIGTERM): signal.signal(sig, lambda *a: sys.exit(0))\n"
    "time.sleep({lifetime}); sys.exit({code})\n"
)


@pytest.fixture(scope="module")
def worker_env(tmp_path_factory):
    """make run's settings on a fresh var/ whose SQLite database has the task table."""
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.base", "DJANGO_DEBUG": "1",
        "DJANGO_VAR_DIR": str(tmp_path_factory.mktemp("var")), "WORKER_ARGS": "--no-reload",
    }
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "django_tasks_database", "-v0"],
        env=env, cwd=ROOT, check=True,
    )
    return env


def start(env, tmp_path, *, lifetime=120, code=0, worker_args=None):
    log = tmp_path / "out.log"
    if worker_args is not None:
        env = {**env, "WORKER_ARGS": worker_args}
    process = subprocess.Popen(
        [
            sys.executable, str(SCRIPT),
            sys.executable, "-c", SERVER.format(lifetime=lifetime, code=code),
        ],
        env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    return process, log


def wait_for(log: Path, text: str, seconds=60) -> None:
    deadline = time.monotonic() + seconds
    while text not in log.read_text():
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.2)


def session_processes(sid: int) -> list[str]:
    listing = subprocess.run(["ps", "-e", "-o", "sid=,pid=,args="], capture_output=True, text=True)
    return [line for line in listing.stdout.splitlines() if line.split()[0] == str(sid)]


def test_ctrl_c_stops_the_server_and_the_worker_and_leaves_nothing(worker_env, tmp_path):
    process, log = start(worker_env, tmp_path)
    wait_for(log, "Starting worker")
    assert any("db_worker" in line for line in session_processes(process.pid))
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl+C does to the terminal's foreground group
    assert process.wait(timeout=30) == 0
    assert "shutting down gracefully" in log.read_text()  # the worker was told, not killed
    assert session_processes(process.pid) == []


def test_sigterm_to_the_script_alone_stops_both(worker_env, tmp_path):
    process, log = start(worker_env, tmp_path)
    wait_for(log, "Starting worker")
    process.terminate()
    assert process.wait(timeout=30) == 0
    assert session_processes(process.pid) == []


def test_a_server_that_stops_takes_the_worker_with_it(worker_env, tmp_path):
    process, log = start(worker_env, tmp_path, lifetime=5, code=3)
    assert process.wait(timeout=60) == 3  # the server's own status
    assert "máy chủ / the server đã dừng / has stopped" in log.read_text()
    assert session_processes(process.pid) == []


def test_a_worker_that_stops_takes_the_server_with_it(worker_env, tmp_path):
    # --batch: the worker runs what is waiting (nothing) and exits.
    process, log = start(worker_env, tmp_path, worker_args="--no-reload --batch")
    assert process.wait(timeout=60) == 1
    assert "tiến trình chạy nền / the task worker đã dừng / has stopped" in log.read_text()
    assert session_processes(process.pid) == []
