"""Real servers for the operations tests: a throwaway Redis, throwaway PostgreSQL
databases, and the portal itself running with production settings in a subprocess.

    with RedisServer() as redis: ...            # redis-server on a free port; stop()/start()
    with throwaway_pg_database(settings_dict) as url: ...   # created, then dropped
    with PortalServer(env={...}) as portal: portal.get("/")  # production settings over HTTP
"""

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def require_program(name: str) -> str:
    """The program's path; skips the test without it, except under CI where it fails."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} không có trên máy này ({name} is not installed)"
        if os.environ.get("CI"):
            pytest.fail(f"CI: {message}", pytrace=False)
        pytest.skip(message)
    return path


class RedisServer:
    """A redis-server of our own on a free port, without persistence. stop() kills it;
    start() brings it back on the same port."""

    def __init__(self):
        self.binary = require_program("redis-server")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = tempfile.mkdtemp(prefix="cong-test-redis-")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                self.dir,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


# PostgreSQL ------------------------------------------------------------------


def pg_connect(settings_dict: dict, dbname: str = "postgres"):
    import psycopg

    return psycopg.connect(
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        dbname=dbname,
        autocommit=True,
    )


def pg_url(settings_dict: dict, dbname: str) -> str:
    user = settings_dict["USER"] or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{dbname}"


@contextlib.contextmanager
def throwaway_pg_database(settings_dict: dict, purpose: str):
    """An empty database named after the test database (so parallel runs do not clash),
    dropped afterwards whatever happened. Yields (name, url)."""
    name = f"{settings_dict['NAME']}_{purpose}_{secrets.token_hex(3)}"[:63]
    with pg_connect(settings_dict) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name, pg_url(settings_dict, name)
    finally:
        with pg_connect(settings_dict) as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# The portal in a subprocess ----------------------------------------------------

# Production settings (portal.settings.base with debug off) except the static files storage:
# the manifest storage would need a collectstatic run first.
SETTINGS_MODULE = """
from portal.settings.base import *  # noqa: F403

STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
"""

# A threaded WSGI server, as gunicorn would run the portal: one request per thread,
# Django's request_started/request_finished signals around each.
SERVER_SCRIPT = """
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import django
from django.core.wsgi import get_wsgi_application


class Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


django.setup()
server = make_server("127.0.0.1", int(sys.argv[1]), get_wsgi_application(),
                     server_class=Server, handler_class=QuietHandler)
print("ready", flush=True)
server.serve_forever()
"""


@dataclass
class Reply:
    status: int
    headers: dict
    body: str
    seconds: float


def production_env(tmp_dir: Path, **extra) -> dict:
    """Environment for a production-like portal process on plain HTTP."""
    settings_dir = tmp_dir / "settings"
    settings_dir.mkdir(exist_ok=True)
    (settings_dir / "ops_test_settings.py").write_text(textwrap.dedent(SETTINGS_MODULE))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_")) and key != "PYTHONPATH"
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ops_test_settings",
            "PYTHONPATH": os.pathsep.join([str(settings_dir), str(BASE_DIR)]),
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Plain HTTP, through the documented switches.
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_BEHIND_TLS_PROXY": "0",
            "DJANGO_VAR_DIR": str(tmp_dir / "var"),
            "DJANGO_LOG_FORMAT": "json",
        }
    )
    env.update(extra)
    return env


def manage(env: dict, *args: str, check: bool = True, timeout: float = 300):
    return subprocess.run(
        [PYTHON, str(BASE_DIR / "manage.py"), *args],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=check,
        timeout=timeout,
    )


class PortalServer:
    def __init__(self, env: dict, log_path: Path):
        self.env = env
        self.port = free_port()
        self.log_path = log_path
        self.process = None

    def __enter__(self):
        self.log = open(self.log_path, "w")  # closed in __exit__
        self.process = subprocess.Popen(
            [PYTHON, "-c", SERVER_SCRIPT, str(self.port)],
            env=self.env,
            cwd=BASE_DIR,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_port(self.port, timeout=60)
        except TimeoutError:
            self.__exit__()
            raise AssertionError(f"the portal did not start:\n{self.output()}") from None
        return self

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.log.close()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def get(self, path: str, timeout: float = 30) -> Reply:
        started = time.monotonic()
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, headers, body = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            status, headers, body = error.code, dict(error.headers), error.read()
        return Reply(status, headers, body.decode("utf-8", "replace"), time.monotonic() - started)
