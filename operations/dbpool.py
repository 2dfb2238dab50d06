"""The check Django's PostgreSQL connection pool runs on a connection before lending it.

psycopg_pool's own check finds one broken connection at a time and waits a second,
then two, before trying the next one, so after a database restart a request that
meets two dead connections in the pool waits three seconds or more and may time out
(DATABASE_POOL_TIMEOUT). When one pooled connection turns out broken the others
usually are too (the server restarted or an operator cut them off), so the first
failure checks every idle connection at once and has the dead ones replaced: the
request gets a fresh connection after a single retry.
"""

import logging

from psycopg_pool import ConnectionPool

logger = logging.getLogger(__name__)


def check_pooled_connection(conn) -> None:
    try:
        ConnectionPool.check_connection(conn)
    except Exception:
        pool = getattr(conn, "_pool", None)
        if pool is not None:
            logger.warning("Broken database connection in the pool; checking the others")
            pool.check()
        raise
