"""The portal with DATABASE_REPLICA_URL in a production-like process (threaded WSGI server,
production settings): readers' pages open connections to the replica, the admin does not.

The "replica" is the same throwaway database under another application_name, so
PostgreSQL's pg_stat_activity tells which of the two pools a request used."""

import pytest
from django.db import connection
from ops_servers import PortalServer, manage, pg_connect, production_env, throwaway_pg_database

pytestmark = pytest.mark.django_db


def connections_named(settings_dict, database: str, application: str) -> int:
    with pg_connect(settings_dict) as admin:
        return admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND application_name = %s",
            [database, application],
        ).fetchone()[0]


def test_readers_pages_use_the_replica_and_the_admin_the_primary(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run with DATABASE_URL=postgres://...)")
    settings_dict = connection.settings_dict
    with throwaway_pg_database(settings_dict, "replica") as (name, url):
        env = production_env(
            tmp_path,
            DATABASE_URL=f"{url}?application_name=cong_primary",
            DATABASE_REPLICA_URL=f"{url}?application_name=cong_replica",
            DATABASE_POOL_MIN="1",
            PAGE_CACHE_SECONDS="0",
        )
        manage(env, "migrate", "--noinput", "-v0")
        with PortalServer(env, tmp_path / "server.log") as portal:
            assert portal.get("/admin/login/").status == 200
            assert portal.get("/healthz").status == 200
            assert connections_named(settings_dict, name, "cong_primary") >= 1
            assert connections_named(settings_dict, name, "cong_replica") == 0

            for path in ("/", "/tin-tuc/", "/van-ban/", "/tim-kiem/?q=nghi+quyet"):
                reply = portal.get(path)
                assert reply.status == 200, f"{path}: {reply.body[:300]}\n{portal.output()[-2000:]}"
            assert connections_named(settings_dict, name, "cong_replica") >= 1
