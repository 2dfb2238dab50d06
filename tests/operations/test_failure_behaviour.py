"""What readers get when Redis or the database fails, against real servers.

* Redis: a redis-server of our own is killed and started again while pages are served;
  pages stay 200 and the cache works again afterwards.
* Database: the portal runs in a subprocess with production settings. With PostgreSQL
  reachable at a closed port it answers the Vietnamese maintenance page (503); on the
  PostgreSQL run a throwaway database is cut off (connections terminated, new ones
  refused) and opened again, and the same process serves pages again by itself.
"""

import json
import logging
import socket
import time

import pytest
import redis
from django.core.cache import cache, caches
from django.db import connection
from django.test import override_settings
from django.urls import path, reverse
from factories import ArticleFactory
from ops_servers import (
    PortalServer,
    RedisServer,
    free_port,
    manage,
    pg_connect,
    production_env,
    throwaway_pg_database,
)

from visitors import statistics

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


def redis_cache_settings(url: str) -> dict:
    """CACHES as portal/settings/base.py builds it for REDIS_URL, retrying Redis at once."""
    return {
        "default": {
            "BACKEND": "caching.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "cong-test",
            "OPTIONS": {
                "socket_connect_timeout": 1,
                "socket_timeout": 1,
                "OUTAGE_RETRY_SECONDS": 0,
            },
        }
    }


def test_production_settings_use_the_resilient_backend_with_short_timeouts(tmp_path):
    env = production_env_for_settings(tmp_path)
    result = manage(
        env,
        "shell",
        "-c",
        "from django.conf import settings; import json; "
        "print(json.dumps({'cache': settings.CACHES['default'], "
        "'db': settings.DATABASES['default']}, default=str))",
    )
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["cache"]["BACKEND"] == "caching.cache.ResilientRedisCache"
    assert loaded["cache"]["OPTIONS"]["socket_timeout"] <= 2
    assert loaded["cache"]["OPTIONS"]["socket_connect_timeout"] <= 2
    options = loaded["db"]["OPTIONS"]
    assert options["connect_timeout"] <= 2
    assert options["pool"]["timeout"] <= 5
    assert "check_pooled_connection" in options["pool"]["check"]
    assert loaded["db"]["CONN_HEALTH_CHECKS"] is True


def production_env_for_settings(tmp_path):
    return production_env(
        tmp_path,
        REDIS_URL="redis://127.0.0.1:6379/0",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/cong_settings_only",
    )


@pytest.mark.django_db
def test_pages_are_served_while_redis_is_down_and_caching_resumes(client, caplog):
    article = ArticleFactory()
    with RedisServer() as server, override_settings(CACHES=redis_cache_settings(server.url)):
        direct = redis.Redis.from_url(server.url)

        response = client.get("/", HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 200
        assert direct.keys("cong-test:*"), "the visit counters went to Redis"
        cache.set("probe", "up")
        assert cache.get("probe") == "up"

        server.stop()
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="caching.cache"):
            for url in ("/", article.get_absolute_url(), reverse("news:article_list")):
                response = client.get(url, HTTP_USER_AGENT=BROWSER)
                assert response.status_code == 200, url
            assert cache.get("probe") is None
            assert cache.add("new-key", 1) is False
            with pytest.raises(ValueError, match="Redis unreachable"):
                cache.incr("counter")
            health = client.get(reverse("healthz"))
        assert health.status_code == 503
        assert health.json() == {"status": "error", "database": "ok", "cache": "error"}
        warnings = [r for r in caplog.records if r.name == "caching.cache"]
        assert len(warnings) == 1, "one warning per minute, not one per cache call"
        assert "unreachable" in warnings[0].getMessage()

        server.start()
        response = client.get("/", HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 200
        cache.set("probe", "back")
        assert cache.get("probe") == "back"
        assert direct.get("cong-test:1:probe") is not None
        assert client.get(reverse("healthz")).json()["cache"] == "ok"
    caches["default"].close()


@pytest.mark.django_db
def test_a_redis_that_hangs_costs_one_timeout_per_interval(client):
    """An address that accepts connections and never answers (a hung Redis, a dropped
    route): the first cache call waits for the socket timeout, the following calls of the
    retry interval answer at once, and the page is still served."""
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(100)  # never accept()ed: the connection opens, no reply ever comes
        settings = redis_cache_settings(f"redis://127.0.0.1:{hung.getsockname()[1]}/0")
        settings["default"]["OPTIONS"]["OUTAGE_RETRY_SECONDS"] = 60
        with override_settings(CACHES=settings):
            started = time.monotonic()
            assert cache.get("anything") is None
            assert 0.8 < time.monotonic() - started < 3
            started = time.monotonic()
            response = client.get("/", HTTP_USER_AGENT=BROWSER)
            assert response.status_code == 200
            for _ in range(20):
                cache.get("anything")
            assert time.monotonic() - started < 2


def test_statistics_never_count_the_health_probe():
    assert any("/healthz".startswith(prefix) for prefix in statistics.EXCLUDED_PREFIXES)


# The database ----------------------------------------------------------------------


def assert_maintenance_page(reply):
    assert reply.status == 503, reply.body[:500]
    assert "Hệ thống đang bảo trì" in reply.body
    assert int(reply.headers["Retry-After"]) > 0
    assert "no-store" in reply.headers["Cache-Control"]
    assert "Content-Security-Policy" in reply.headers


def test_unreachable_database_gives_the_maintenance_page(tmp_path):
    """PostgreSQL at a port where nothing listens; runs on the SQLite CI run as well."""
    env = production_env(tmp_path, DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/cong")
    with PortalServer(env, tmp_path / "server.log") as portal:
        for path in ("/", "/tin-tuc/", "/khong-co-trang-nay/"):
            reply = portal.get(path)
            assert_maintenance_page(reply)
            assert reply.seconds < 10, "fails fast: connect and pool timeouts"
        health = portal.get("/healthz")
        assert health.status == 503
        assert json.loads(health.body) == {"status": "error", "database": "error", "cache": "ok"}
        assert "Set-Cookie" not in health.headers
    log = portal.output()
    assert "Database unavailable" in log
    assert " 500 " not in log


@pytest.mark.django_db
def test_site_recovers_by_itself_when_postgresql_comes_back(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (run with DATABASE_URL=postgres://...): cuts a real "
            "PostgreSQL database off with ALLOW_CONNECTIONS false and pg_terminate_backend"
        )
    settings_dict = connection.settings_dict
    with throwaway_pg_database(settings_dict, "outage") as (name, url):
        # Without the page cache, which would go on serving "/" from memory during the outage.
        env = production_env(
            tmp_path, DATABASE_URL=url, DATABASE_POOL_MIN="2", PAGE_CACHE_SECONDS="0"
        )
        manage(env, "migrate", "--noinput", "-v0")
        with PortalServer(env, tmp_path / "server.log") as portal:
            pid = portal.process.pid
            assert portal.get("/").status == 200
            assert portal.get("/healthz").status == 200

            # A restart of the database server: every pooled connection is cut. The pool
            # checks connections before handing them out, so no reader sees an error.
            with pg_connect(settings_dict) as admin:
                killed = terminate_connections(admin, name)
            assert killed >= 1, "the pool kept connections open"
            for _ in range(3):
                reply = portal.get("/")
                assert reply.status == 200, reply.body[:300]
                assert reply.seconds < 2.5, "dead connections are replaced all at once"

            # An outage: connections cut and new ones refused.
            with pg_connect(settings_dict) as admin:
                admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
                terminate_connections(admin, name)
            assert_maintenance_page(portal.get("/"))
            assert_maintenance_page(portal.get("/tin-tuc/"))
            health = portal.get("/healthz")
            assert health.status == 503
            assert json.loads(health.body)["database"] == "error"

            with pg_connect(settings_dict) as admin:
                admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            statuses = [portal.get("/").status for _ in range(8)]
            assert statuses[-1] == 200, f"did not recover: {statuses}\n{portal.output()[-3000:]}"
            assert statuses.count(200) >= 6, statuses
            assert portal.get("/healthz").status == 200
            assert portal.process.pid == pid
            assert portal.process.poll() is None
        log = portal.output()
        assert "Database unavailable" in log


def terminate_connections(admin, database: str) -> int:
    rows = admin.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> pg_backend_pid()",
        [database],
    ).fetchall()
    return len(rows)


def query_a_missing_table(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table_here")
    return None


urlpatterns = [path("bug/", query_a_missing_table)]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_database_bug_stays_a_500_and_is_not_hidden_as_maintenance(client):
    """Only connection failures get the maintenance page; a query on a missing table is a
    bug that must show as a 500."""
    client.raise_request_exception = False
    response = client.get("/bug/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "bảo trì" not in response.content.decode()
