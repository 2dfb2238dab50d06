"""Admin search benchmark (not a test): the article list searched without diacritics.

    .venv/bin/python bench/admin_search_bench.py                   # 5,000 articles, 10 runs
    .venv/bin/python bench/admin_search_bench.py --articles 100000 --repeat 5
    .venv/bin/python bench/admin_search_bench.py --keep       # then --reuse NAME

Like bench/search_bench.py (whose database helpers it uses): a throwaway PostgreSQL
database cong_search_bench_<pid> on the server of BENCH_DATABASE_URL, migrated and loaded
with `load_demo --articles N`, dropped at the end. Times, as a superuser through Django's
test client, the whole article list page (/admin/news/article/?q=…: the search, its count,
the full count, 50 rows, the filters and the template) and the organisation autocomplete
of the article form (/admin/autocomplete/?term=…). Figures: bench/SEARCH.md.
"""

import argparse
import os
import signal
import statistics
import sys
import time

from search_bench import admin_execute, close_django, load, percentile, server_url, setup_django

LIST_QUERIES = [
    "", "tuyen giao", "Tuyên giáo", "khoi", "TINH DOAN", "hoi nghi so ket", "20-CT",
    "dan van kheo", "xyzw khong co",
]
AUTOCOMPLETE_TERMS = ["", "khoi", "tuyen giao", "doan"]


def timed(client, url, params, repeat):
    client.get(url, params)  # warm the caches once
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} {params}: status {response.status_code}")
    return response, times


def line(label, count, times):
    print(
        f"{label[:44]:<46}{count:>7}  p50 {statistics.median(times):7.1f}"
        f"  p95 {percentile(times, 0.95):7.1f}",
        flush=True,
    )


def run(repeat: int) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the responses carry their context (the result count)

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    print("article list /admin/news/article/?q=…        results   ms")
    for query in LIST_QUERIES:
        response, times = timed(client, "/admin/news/article/", {"q": query}, repeat)
        line(repr(query), response.context["cl"].result_count, times)
    print("organisation autocomplete ?term=…")
    for term in AUTOCOMPLETE_TERMS:
        response, times = timed(client, "/admin/autocomplete/", {
            "app_label": "news", "model_name": "article", "field_name": "organization",
            "term": term,
        }, repeat)
        line(repr(term), len(response.json()["results"]), times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--reuse", metavar="NAME", help="time an existing database, load nothing")
    args = parser.parse_args()
    base_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/")
    name = args.reuse or f"cong_search_bench_{os.getpid()}"

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    created = False
    try:
        if not args.reuse:
            admin_execute(base_url, f'CREATE DATABASE "{name}"')
            created = True
        setup_django(server_url(base_url, name))
        if not args.reuse:
            load(args.articles)
        run(args.repeat)
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
            print(f"Kept database {name}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
