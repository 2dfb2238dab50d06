"""Saving a directive that 1,000 articles mention (not a test; figures in bench/TASKS.md).

    .venv/bin/python bench/directive_save_bench.py                  # 1,000 articles
    .venv/bin/python bench/directive_save_bench.py --articles 3000
    .venv/bin/python bench/directive_save_bench.py --database cong_b  # this database instead

It creates a throwaway PostgreSQL database (cong_directive_bench_<pid>, or --database) on
the server of BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/), migrates
it, and writes N articles that mention "Chỉ thị số 35-CT/TW" and N that mention "Chỉ thị
số 36-CT/TW" before either document is in the library (each article saved once, so each
has its unresolved mention, as the importer leaves them). The settings are production's
(portal.settings.base, debug off), with the production task backend (django-tasks-db).

Then, with Django's test client and a logged-in superuser:
1. the admin POST adding 35-CT/TW: the request time (the save writes one task row);
2. `manage.py db_worker --batch`: the worker time, which links the N articles;
3. for comparison, the POST adding 36-CT/TW with the immediate backend, that is with the
   linking inside the request as it was before the task worker;
4. saving 35-CT/TW again (no article left to link: no task).
The database is dropped at the end, also after an error, Ctrl-C or SIGTERM.
"""

import argparse
import logging
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

BODY = (
    "<p>Các cấp bộ Đoàn tổ chức quán triệt Chỉ thị số {number}-CT/TW ngày 30/5/2024 của Bộ Chính "
    "trị tới toàn thể đoàn viên, thanh niên; bài số {index}.</p>"
)


def server_url(database_url: str, name: str) -> str:
    return urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))


def admin_execute(base_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(server_url(base_url, "postgres"), autocommit=True) as conn:
        conn.execute(sql)


def setup_django(database_url: str) -> None:
    os.environ.update({
        "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "DJANGO_SECRET_KEY": "bench-only", "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0", "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_VAR_DIR": tempfile.mkdtemp(prefix="cong-directive-bench-"),
    })
    import django

    django.setup()
    from django.conf import settings

    # No collectstatic here: a form shown again with its errors must still render.
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    logging.disable(logging.INFO)  # one line per request and per task would drown the figures


def use_task_backend(backend: str) -> None:
    from asgiref.local import Local
    from django.conf import settings
    from django.tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": backend}}
    task_backends._settings = task_backends.settings = task_backends.configure_settings(None)
    task_backends._connections = Local(task_backends.thread_critical)


def load(articles: int):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from news.directive_links import link_article_directives
    from news.models import Article, Category
    from organizations.models import Organization

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_superuser("bench", "bench@example.vn", "x")
    politburo = Organization.objects.add_root(
        instance=Organization(name="Bộ Chính trị", slug="bo-chinh-tri")
    )
    category = Category.objects.create(name="Tin tức", slug="tin-tuc")
    for number in (35, 36):
        rows = Article.objects.bulk_create([
            Article(
                title=f"Quán triệt Chỉ thị {number} tại cơ sở số {index}",
                slug=f"chi-thi-{number}-co-so-{index}",
                body=BODY.format(number=number, index=index),
                category=category, organization=politburo, author=user,
                status=Article.Status.PUBLISHED, published_at="2026-12-01T08:00:00+07:00",
            )
            for index in range(1, articles + 1)
        ], batch_size=500)
        for article in rows:
            link_article_directives(article=article)  # its unresolved mention
    return user, politburo


def post_directive(client, politburo, code: str, path: str = "/admin/news/directive/add/"):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data = {
        "doc_type": "chi_thi", "code": code, "issuer": politburo.pk, "issued_on": "30/05/2024",
        "title": "Về đại hội đảng bộ các cấp", "status": "in_force",
    }
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.post(path, data)
        elapsed = time.perf_counter() - started
    assert response.status_code == 302, response.content.decode()[:2000]
    return elapsed, len(queries)


def measure(articles: int) -> None:
    from django.core.management import call_command
    from django.test import Client

    from news.models import Article, Directive

    user, politburo = load(articles)
    client = Client()
    client.force_login(user)
    client.get("/admin/news/directive/add/")  # the first request of a process loads the URLs
    linked = Article.objects.filter(directives__number_key="35").count

    use_task_backend("django_tasks_db.DatabaseBackend")
    request, queries = post_directive(client, politburo, "35-CT/TW")
    print(f"save with the task worker: request {request * 1000:.0f} ms ({queries} queries), "
          f"articles linked when it answered: {linked()}")
    started = time.perf_counter()
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    print(f"worker: {time.perf_counter() - started:.2f} s to link {linked()} articles")

    directive = Directive.objects.get(number_key="35")
    again, queries = post_directive(
        client, politburo, "35-CT/TW", f"/admin/news/directive/{directive.pk}/change/"
    )
    print(
        f"saving it again (nothing left to link): request {again * 1000:.0f} ms "
        f"({queries} queries)"
    )

    use_task_backend("django.tasks.backends.immediate.ImmediateBackend")
    inline, queries = post_directive(client, politburo, "36-CT/TW")
    count = Article.objects.filter(directives__number_key="36").count()
    print(f"save linking in the request (as before): request {inline:.2f} s ({queries} queries), "
          f"{count} articles linked")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--database", help="database name to create and drop (default: throwaway)")
    args = parser.parse_args()
    base_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/")
    name = args.database or f"cong_directive_bench_{os.getpid()}"

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    admin_execute(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin_execute(base_url, f'CREATE DATABASE "{name}"')
    try:
        setup_django(server_url(base_url, name))
        print(f"{args.articles} articles mention each directive; PostgreSQL database {name}")
        measure(args.articles)
    finally:
        from django.db import connections

        connections.close_all()
        for connection in connections.all():
            if hasattr(connection, "close_pool"):
                connection.close_pool()
        admin_execute(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
