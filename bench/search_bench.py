"""Search benchmark (not a test): p50 and p95 of typical queries over 100,000 articles.

    .venv/bin/python bench/search_bench.py                  # 100,000 articles, 10 runs each
    .venv/bin/python bench/search_bench.py --articles 20000 --repeat 5
    .venv/bin/python bench/search_bench.py --keep           # keep the database, print its URL
    .venv/bin/python bench/search_bench.py --reuse NAME     # time an existing bench database

It creates a throwaway PostgreSQL database named cong_search_bench_<pid> on the
server of BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/),
migrates it, loads the demo content with `load_demo --articles N` (bulk inserts,
the same documents Article.save() would write), runs VACUUM ANALYZE, then times
every query through the selectors (news.search: directives, organisations, the
article count, the first page and its snippets: everything the page needs) and
through the view with Django's test client (the whole page). The database is
dropped at the end, also after an error, Ctrl-C or SIGTERM, unless --keep.
"""

import argparse
import logging
import os
import shutil
import signal
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    "tre em",
    "trẻ em",
    "tinh doan",
    "Tỉnh Đoàn",
    "dang",
    "Đảng viên",
    "20-CT/TW",
    "20/CT-TW",
    "chỉ thị 05",
    "CT 05",
    "chi thi so 20",
    "Nghị quyết số 18-NQ/TW",
    "thanh nien tinh nguyen",
    "chuyển đổi số",
    "dan van kheo",
    "xây dựng nông thôn mới",
    "hoc tap va lam theo tu tuong dao duc phong cach Ho Chi Minh",
    "tuyen truy",
    "Ben Tre",
    "hội nghị sơ kết",
]


def percentile(values, fraction):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def server_url(database_url: str, name: str) -> str:
    parts = urlsplit(database_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def admin_execute(base_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(server_url(base_url, "postgres"), autocommit=True) as conn:
        conn.execute(sql)


def close_django() -> None:
    """Close this process's database connections and pools, and remove the temporary media
    and static folders of the test settings; nothing when Django was never set up."""
    if "django" not in sys.modules:
        return
    from django.db import connections

    connections.close_all()
    for connection in connections.all():
        if hasattr(connection, "close_pool"):
            connection.close_pool()
    from django.conf import settings

    if settings.configured:
        for folder in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
            if "cong-test-" in str(folder):
                shutil.rmtree(folder, ignore_errors=True)


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    import django

    django.setup()
    # One log line per request would drown the figures.
    logging.disable(logging.INFO)


def load(articles: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"Migrated in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    call_command("load_demo", articles=articles, verbosity=0)
    print(f"Loaded {articles} articles in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"VACUUM ANALYZE in {time.perf_counter() - started:.1f} s", flush=True)


def run_selectors(query: str) -> int:
    """What the search page asks of news.search, without the template."""
    from django.conf import settings

    from news.search import (
        add_snippets,
        search_articles,
        search_directives,
        search_organizations,
    )
    from news.search_query import parse_query

    parsed = parse_query(query)
    directives = search_directives(query=parsed)
    named = [directive.pk for directive in directives if directive.is_named_in_query]
    articles = search_articles(query=parsed, filters={}, directive_ids=named)
    count = articles.count()
    page = list(articles[: settings.NEWS_PAGE_SIZE])
    add_snippets(page, parsed)
    search_organizations(query=parsed)
    return count


def time_queries(repeat: int) -> dict:
    from django.db import connection, reset_queries
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    results = {}
    for query in QUERIES:
        run_selectors(query)  # warm the caches once
        client.get("/tim-kiem/", {"q": query})
        selector_times, view_times = [], []
        count = 0
        for _ in range(repeat):
            started = time.perf_counter()
            count = run_selectors(query)
            selector_times.append((time.perf_counter() - started) * 1000)
            reset_queries()
            started = time.perf_counter()
            response = client.get("/tim-kiem/", {"q": query})
            view_times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{query!r}: status {response.status_code}")
        results[query] = (count, selector_times, view_times)
        print(
            f"{query[:44]:<46}{count:>7}  selectors p50 {statistics.median(selector_times):6.1f}"
            f"  p95 {percentile(selector_times, 0.95):6.1f}   view p50"
            f" {statistics.median(view_times):6.1f}  p95 {percentile(view_times, 0.95):6.1f}",
            flush=True,
        )
    connection.close()
    return results


def report(results: dict) -> None:
    selector_times = [t for _, times, _ in results.values() for t in times]
    view_times = [t for _, _, times in results.values() for t in times]
    print()
    print(f"All {len(results)} queries, {len(selector_times)} runs each path (ms):")
    print(
        f"  selectors  p50 {statistics.median(selector_times):6.1f}"
        f"  p95 {percentile(selector_times, 0.95):6.1f}  max {max(selector_times):6.1f}"
    )
    print(
        f"  view       p50 {statistics.median(view_times):6.1f}"
        f"  p95 {percentile(view_times, 0.95):6.1f}  max {max(view_times):6.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--reuse", metavar="NAME", help="time an existing database, load nothing")
    args = parser.parse_args()

    base_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/")
    name = args.reuse or f"cong_search_bench_{os.getpid()}"
    created = False

    def stop(signum, frame):
        raise KeyboardInterrupt

    # SIGINT too: a shell that starts the script in the background makes it ignore Ctrl-C.
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        if not args.reuse:
            admin_execute(base_url, f'CREATE DATABASE "{name}"')
            created = True
            print(f"Created database {name}", flush=True)
        setup_django(server_url(base_url, name))

        if not args.reuse:
            load(args.articles)
        report(time_queries(args.repeat))
        return 0
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    finally:
        close_django()
        if created and not args.keep:
            admin_execute(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            print(f"Dropped database {name}", flush=True)
        elif created:
            print(f"Kept database {name}: {server_url(base_url, name)}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
