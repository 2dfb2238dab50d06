"""gunicorn's settings for the portal, read from environment variables.

    gunicorn -c python:portal.gunicorn_conf portal.wsgi:application

`make serve`, the systemd unit of docs/deployment.md and `make bench` all start
gunicorn this way, so the server measured is the server deployed. Every value
has a default that suits the machine it runs on; the variables are listed in
the README's configuration table. A bad value stops gunicorn before it binds,
with a message naming the variable.
"""

import ipaddress
import os
import sys

# Measured with bench/load_bench.py on 2 cores (docs/deployment.md, "Workers"): on a quiet
# machine 2 × cores + 1 sync workers served the ceiling, cached and uncached pages faster and
# with a far lower p99 than gthread workers, whose threads only contend for the GIL on these
# CPU-bound pages. nginx buffers slow clients, which is what sync workers need in front.
WORKERS_PER_CORE = 2
EXTRA_WORKERS = 1
DEFAULT_THREADS = 4
WORKER_CLASSES = ("sync", "gthread")


class ConfigError(ValueError):
    """An environment variable gunicorn cannot be started with."""


def default_workers(cpu_count: int | None) -> int:
    return max(1, cpu_count or 1) * WORKERS_PER_CORE + EXTRA_WORKERS


def _int(environ, name: str, default: int, minimum: int) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise ConfigError(
            f"{name} phải là số nguyên từ {minimum} trở lên, không phải {raw!r} "
            f"/ {name} must be a whole number of at least {minimum}, not {raw!r}."
        )
    return value


def _flag(environ, name: str, default: bool) -> bool:
    raw = environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(
        f"{name} phải là 1 hoặc 0, không phải {raw!r} / {name} must be 1 or 0, not {raw!r}."
    )


def _list(environ, name: str) -> list[str]:
    return [item.strip() for item in environ.get(name, "").split(",") if item.strip()]


def _networks(environ, name: str) -> list[str]:
    networks = []
    for entry in _list(environ, name):
        try:
            networks.append(str(ipaddress.ip_network(entry, strict=False)))
        except ValueError:
            raise ConfigError(
                f"{name}: {entry!r} không phải địa chỉ IP hay dải mạng "
                f"/ {entry!r} is not an IP address or network."
            ) from None
    return networks


def read_settings(environ, cpu_count: int | None) -> dict:
    """gunicorn setting names and values from `environ` (os.environ, or a dict in tests)."""
    worker_class = environ.get("GUNICORN_WORKER_CLASS", "").strip() or "sync"
    if worker_class not in WORKER_CLASSES:
        raise ConfigError(
            f"GUNICORN_WORKER_CLASS phải là một trong {', '.join(WORKER_CLASSES)}, không phải "
            f"{worker_class!r} / GUNICORN_WORKER_CLASS must be one of "
            f"{', '.join(WORKER_CLASSES)}, not {worker_class!r}."
        )
    threads = _int(environ, "GUNICORN_THREADS", DEFAULT_THREADS, minimum=1)
    if worker_class == "sync":
        threads = 1
    max_requests = _int(environ, "GUNICORN_MAX_REQUESTS", 2000, minimum=0)
    bind = _list(environ, "GUNICORN_BIND") or ["127.0.0.1:8000"]
    access_log = environ.get("GUNICORN_ACCESS_LOG", "").strip() or None
    control_socket = environ.get("GUNICORN_CONTROL_SOCKET", "").strip()
    return {
        "bind": bind,
        "workers": _int(environ, "GUNICORN_WORKERS", default_workers(cpu_count), minimum=1),
        "worker_class": worker_class,
        "threads": threads,
        # A request that runs longer is killed and logged; pages take milliseconds.
        "timeout": _int(environ, "GUNICORN_TIMEOUT", 30, minimum=1),
        "graceful_timeout": _int(environ, "GUNICORN_GRACEFUL_TIMEOUT", 30, minimum=1),
        # Longer than nothing, shorter than nginx's upstream keepalive_timeout (60 s).
        "keepalive": _int(environ, "GUNICORN_KEEPALIVE", 5, minimum=0),
        # Recycling workers now and then is a safety net against slow leaks; 0 turns it off.
        "max_requests": max_requests,
        "max_requests_jitter": _int(
            environ, "GUNICORN_MAX_REQUESTS_JITTER", max_requests // 10, minimum=0
        ),
        # Loading the application in the master before forking shares its memory between
        # workers, but then `systemctl reload` (HUP) keeps running the old code: off by default.
        "preload_app": _flag(environ, "GUNICORN_PRELOAD", False),
        # The portal writes its own request log (operations/logs.py); gunicorn's is off unless
        # asked.
        "accesslog": access_log,
        "errorlog": "-",
        "loglevel": environ.get("GUNICORN_LOG_LEVEL", "").strip() or "info",
        # Only the proxies the portal trusts may say a request came over HTTPS
        # (DJANGO_TRUSTED_PROXIES, core/client_ip.py); empty means nobody.
        "forwarded_allow_ips": ",".join(_networks(environ, "DJANGO_TRUSTED_PROXIES")),
        # Heartbeat files in memory: a slow disk must not get workers killed as hung.
        "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None,
        "proc_name": "cong",
        # gunicorn's control socket (gunicornc) defaults to one path per user, which a second
        # gunicorn on the machine would take over; only with an explicit path.
        **(
            {"control_socket": control_socket}
            if control_socket
            else {"control_socket_disable": True}
        ),
    }


def available_cpus() -> int | None:
    """CPUs this process may run on (a container or taskset may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count()


try:
    globals().update(read_settings(os.environ, available_cpus()))
except ConfigError as error:
    # SystemExit, not the exception: gunicorn would bury the message under a traceback.
    print(f"gunicorn: {error}", file=sys.stderr)
    raise SystemExit(1) from None
