"""Scale benchmark of many portals (not a test): 50 portals × 1,000 articles against one portal.

    .venv/bin/python bench/portals_scale.py                  # what `make bench-portals` runs
    .venv/bin/python bench/portals_scale.py --output bench/PORTALS.md
    .venv/bin/python bench/portals_scale.py --portals 10 --articles 200 --duration 3

On a throwaway PostgreSQL database (cong_portals_bench_<pid>, on BENCH_DATABASE_URL's server)
it migrates and loads the demo (`load_demo --articles 1000`), keeps its main portal only (the
Tỉnh ủy's: a single-portal installation), adds --portals organisations under the Tỉnh ủy with
--articles published articles each, written in batches through
news.services.articles_bulk_create as the demo writes them, and runs VACUUM ANALYZE. Then:

  1. queries per page (home, news list, article, category, search), each page's second
     request through Django's test client with the page cache off: with one portal (every
     article the main portal's), then with a portal for each organisation (domains
     cong1.bench.localhost … cong50.bench.localhost) on portal 1, portal 50 and the main one;
  2. the host lookup: portals.hosts.resolve() with the map in the process (every request
     after the first), the map read from Redis (a new process, another app server), and the
     map built from the database (after a portal, a domain or an organisation changed);
  3. requests per second with gunicorn and wrk as `make bench` runs them (bench/load_bench.py:
     production settings, Redis, 16 connections): the ceiling page, then an article on the
     single portal, and the same kind of article on portal 1 and portal 50, cached and
     uncached (PAGE_CACHE_SECONDS=0).

It prints the tables and writes them as Markdown with --output. Everything it started is
stopped at the end, the database dropped (unless --keep) and its Redis keys removed.
"""

import argparse
import contextlib
import datetime
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load_bench import (  # noqa: E402
    USER_AGENT,
    BenchError,
    Server,
    flush_redis_prefix,
    get,
    load_average,
    parse_wrk,
    redis_version,
    server_env,
    setup_django,
)
from search_bench import admin_execute, close_django, server_url  # noqa: E402

DOMAIN = "cong{number}.bench.localhost"
PAGES = ["home", "news", "article", "category", "search"]
PAGE_NAMES = {
    "home": "Trang chủ", "news": "Danh sách tin", "article": "Bài viết",
    "category": "Chuyên mục", "search": "Tìm kiếm",
}
SEARCH_WORD = "thanh niên"
BATCH_SIZE = 1_000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--portals", type=int, default=50)
    parser.add_argument("--articles", type=int, default=1_000, help="articles per portal")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--output", type=Path, help="also write the report as Markdown here")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    return parser.parse_args()


# --- the data ---------------------------------------------------------------------------------


def load_single_portal() -> None:
    """The demo, with its main portal only."""
    from django.core.management import call_command

    from portals.models import Portal

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", articles=1_000, stdout=open(os.devnull, "w"))  # noqa: SIM115
    Portal.objects.filter(is_main=False).delete()
    print(f"Demo loaded in {time.perf_counter() - started:.0f} s", flush=True)


def add_organisations(count: int, per_organisation: int) -> list[int]:
    """`count` organisations under the Tỉnh ủy, each with `per_organisation` published
    articles (through articles_bulk_create); their ids, in order."""
    from django.utils import timezone

    from demo import data
    from news.models import Article, Category
    from news.services import articles_bulk_create
    from organizations.models import Organization

    started = time.perf_counter()
    categories = list(Category.objects.order_by("pk"))
    ids = []
    now = timezone.now()
    for number in range(1, count + 1):
        parent = Organization.objects.get(slug=data.PROVINCIAL_COMMITTEE)
        organisation = Organization.objects.add_child(parent, instance=Organization(
            name=f"Đảng ủy xã Bến Tre số {number}", short_name=f"Xã {number}",
            slug=f"dang-uy-xa-ben-tre-so-{number}",
        ))
        ids.append(organisation.pk)
        for start in range(0, per_organisation, BATCH_SIZE):
            articles = []
            for index in range(start, min(start + BATCH_SIZE, per_organisation)):
                published_at = now - datetime.timedelta(minutes=index * count + number)
                title = (
                    f"Xã {number}: đoàn viên thanh niên ra quân chiến dịch tình nguyện, "
                    f"tin số {index}"
                )
                articles.append(Article(
                    title=title, slug=f"xa-{number}-tin-{index}",
                    summary=f"Tin số {index} của Đảng ủy xã số {number}.",
                    body=f"<p>Nội dung tin số {index}: thanh niên xã {number} tham gia "
                    "chiến dịch tình nguyện hè, xây dựng nông thôn mới.</p>",
                    status=Article.Status.PUBLISHED, published_at=published_at,
                    first_published_at=published_at, organization=organisation,
                    category=categories[index % len(categories)],
                ))
            articles_bulk_create(articles=articles)
        if number % 10 == 0 or number == count:
            print(f"  {number} organisations, {number * per_organisation} articles "
                  f"({time.perf_counter() - started:.0f} s)", flush=True)
    return ids


def add_portals(organisation_ids: list[int]) -> None:
    from portals.models import Portal, PortalDomain

    for number, organisation_id in enumerate(organisation_ids, start=1):
        portal = Portal.objects.create(organization_id=organisation_id)
        PortalDomain.objects.create(
            portal=portal, domain=DOMAIN.format(number=number), is_primary=True
        )


def analyse() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def paths_for(organisation_id: int | None) -> dict[str, str]:
    """The measured pages of the portal of `organisation_id` (None: the main portal's
    demo content): its newest article and the category it is in."""
    from django.urls import reverse

    from news.models import Article
    from portals import hosts

    articles = Article.objects.published()
    if organisation_id is None:
        hosts.forget()
        own = hosts.organization_ids(hosts.main_portal())
    else:
        own = [organisation_id]
    articles = articles.filter(organization_id__in=own)
    article = articles.order_by("-published_at", "-id").first()
    return {
        "home": reverse("home"),
        "news": reverse("news:article_list"),
        "article": article.get_absolute_url(),
        "category": article.category.get_absolute_url(),
        "search": reverse("news:search") + "?q=" + quote(SEARCH_WORD),
    }


# --- queries and the host lookup ------------------------------------------------------------


def queries(host: str, paths: dict[str, str]) -> dict[str, int]:
    """Queries of each page's second request on `host` (the first fills what is cached by
    design: the portal map, the frame, the statistics)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    client = Client(headers={"host": host, "user-agent": USER_AGENT})
    counted = {}
    for page, path in paths.items():
        first = client.get(path)
        if first.status_code != 200:
            raise BenchError(f"{host}{path} answered {first.status_code}")
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        counted[page] = len(captured)
    return counted


def host_lookup(hosts_to_resolve: list[str], repeat: int = 20_000) -> list[tuple[str, str]]:
    """What finding the portal of a request costs, three ways."""
    from portals import hosts

    hosts.forget()
    hosts.resolve(hosts_to_resolve[0])
    started = time.perf_counter()
    for index in range(repeat):
        hosts.resolve(hosts_to_resolve[index % len(hosts_to_resolve)])
    in_process = (time.perf_counter() - started) / repeat * 1e6

    runs = 200
    started = time.perf_counter()
    for _ in range(runs):
        hosts._local = None  # as a new process, or after LOCAL_SECONDS
        hosts.portal_map()
    from_cache = (time.perf_counter() - started) / runs * 1e3

    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        hosts.forget()
        hosts.portal_map()
    built = (time.perf_counter() - started) / runs * 1e3
    return [
        ("Map in the process (every request within 5 s of the last read)", f"{in_process:.1f} µs"),
        ("Map read from the cache (Redis), per process every 5 s", f"{from_cache:.2f} ms"),
        ("Map built from the database, after a portal, domain or organisation change",
         f"{built:.1f} ms"),
    ]


# --- requests per second ----------------------------------------------------------------------


def wrk(server: Server, host: str, path: str, args, duration: int) -> tuple[float, float]:
    """(requests/s, p99 ms) of `path` on `host`."""
    status, headers, _ = get(server.port, path, headers={"Host": host})
    if status != 200:
        raise BenchError(f"{host}{path} answered {status} ({headers.get('Location', '-')})")
    command = [
        "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{duration}s", "--latency",
        "--timeout", "5s", "-H", f"User-Agent: {USER_AGENT}", "-H", "Accept: text/html",
        "-H", f"Host: {host}", server.url(path),
    ]
    finished = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 30, check=False
    )
    if finished.returncode != 0:
        raise BenchError(f"wrk failed on {host}{path}:\n{finished.stdout}{finished.stderr}")
    result = parse_wrk(finished.stdout)
    if result.errors:
        raise BenchError(f"{result.errors} errors on {host}{path}")
    return result.requests_per_s, result.p99_ms


def throughput(env: dict, targets: list[tuple[str, str, str]], args, work: Path, phase: str):
    """[(label, req/s, p99, fraction of the ceiling)] on a fresh server; the ceiling is
    measured first and last, the fractions are of their mean."""
    phase_env = {**env, "PAGE_CACHE_SECONDS": "0"} if phase == "uncached" else env
    server = Server(phase_env, work / f"gunicorn-{phase}.log").start()
    try:
        steps = [("Trần (ceiling)", "127.0.0.1", "/__bench__/ceiling/"), *targets,
                 ("Trần, cuối pha (again)", "127.0.0.1", "/__bench__/ceiling/")]
        measured = []
        for label, host, path in steps:
            if args.warmup:
                wrk(server, host, path, args, args.warmup)
            rate, p99 = wrk(server, host, path, args, args.duration)
            print(f"  {phase:<8} {label:<40} {rate:9.1f} req/s  p99 {p99:7.2f} ms", flush=True)
            measured.append((label, rate, p99))
    finally:
        server.stop()
    ceiling = (measured[0][1] + measured[-1][1]) / 2
    return [(phase, label, rate, p99, rate / ceiling) for label, rate, p99 in measured]


# --- report ---------------------------------------------------------------------------------


def report(args, counts, lookup, rates, machine: list[tuple[str, str]]) -> str:
    lines = [
        "# Many portals: 50 portals × 1,000 articles against one portal",
        "",
        f"Measured {datetime.datetime.now(datetime.UTC):%d/%m/%Y} with "
        f"`.venv/bin/python bench/portals_scale.py --portals {args.portals} "
        f"--articles {args.articles} --duration {args.duration} --output bench/PORTALS.md` "
        "(`make bench-portals`). Not a test: the figures depend on the machine and on what "
        "else it was doing (below). The query counts are exact and checked by "
        "`tests/test_portal_scale_budgets.py`.",
        "",
        f"The data: the demo (1,000 articles of the Tỉnh ủy's organisations) plus "
        f"{args.portals} organisations under the Tỉnh ủy with {args.articles:,} published "
        f"articles each, {args.portals * args.articles + 1000:,} articles in all. "
        "*One portal*: every article is the main portal's. *Many portals*: each of the "
        f"{args.portals} organisations has its portal (cong1…cong{args.portals}.bench.localhost) "
        "beside the main one.",
        "",
        "## Queries per page (second request, page cache off)",
        "",
        "| Page | One portal | Portal 1 of " + str(args.portals) + " | Portal "
        + str(args.portals) + " of " + str(args.portals) + " | Main portal among them |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    note = (
        "", "The first three columns show the same kind of page (portal 1's and portal "
        f"{args.portals}'s newest article and its category; with one portal, portal 1's "
        "article on the main portal). The main portal's article is a demo article, with "
        "figures, directives and reading lists, so its count is not comparable to the others.",
    )
    for page in PAGES:
        lines.append(
            f"| {PAGE_NAMES[page]} | {counts['one'][page]} | {counts['first'][page]} | "
            f"{counts['last'][page]} | {counts['main'][page]} |"
        )
    lines += note
    lines += ["", "## Finding the portal of a request (portals/hosts.py)", "",
              "| Where the map comes from | Cost |", "| --- | ---: |"]
    lines += [f"| {label} | {value} |" for label, value in lookup]
    lines += [
        "",
        "## Requests per second of an article (gunicorn, wrk, 16 connections)",
        "",
        "As `make bench` measures (bench/load_bench.py, production settings, Redis). The "
        "ceiling is the bare Django page of portal/ceiling.py, measured first and last in each "
        "phase; the fraction is of their mean.",
        "",
        "| Phase | Page | req/s | p99 (ms) | of the ceiling |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for phase, label, rate, p99, fraction in rates:
        lines.append(f"| {phase} | {label} | {rate:.0f} | {p99:.1f} | {fraction:.0%} |")
    lines += ["", "## Machine", "", "| | |", "| --- | --- |"]
    lines += [f"| {key} | {value} |" for key, value in machine]
    return "\n".join(lines) + "\n"


def measure(args, env: dict, *, redis_url: str, prefix: str, work: Path,
            load_before: str) -> int:
    """Every figure on the new database, the report printed (and written with --output)."""
    # The bench process itself counts queries of uncached pages.
    setup_django({**env, "PAGE_CACHE_SECONDS": "0"})
    from django.core.management import call_command

    load_single_portal()
    organisation_ids = add_organisations(args.portals, args.articles)
    analyse()
    call_command("collectstatic", interactive=False, verbosity=0)
    counts = {"one": queries("127.0.0.1", paths_for(organisation_ids[0]))}
    single_article = paths_for(organisation_ids[0])["article"]
    close_django()
    rates = []
    single_target = [("Bài viết, một cổng (one portal)", "127.0.0.1", single_article)]
    for phase in ("cached", "uncached"):
        rates += throughput(env, single_target, args, work, phase)
        flush_redis_prefix(redis_url, prefix)

    add_portals(organisation_ids)
    analyse()
    first, last = DOMAIN.format(number=1), DOMAIN.format(number=args.portals)
    first_paths, last_paths = paths_for(organisation_ids[0]), paths_for(organisation_ids[-1])
    counts["first"] = queries(first, first_paths)
    counts["last"] = queries(last, last_paths)
    counts["main"] = queries("127.0.0.1", paths_for(None))
    lookup = host_lookup([DOMAIN.format(number=n) for n in range(1, args.portals + 1)])
    close_django()
    targets = [
        (f"Bài viết, cổng 1 / {args.portals}", first, first_paths["article"]),
        (f"Bài viết, cổng {args.portals} / {args.portals}", last, last_paths["article"]),
    ]
    for phase in ("cached", "uncached"):
        rates += throughput(env, targets, args, work, phase)
        flush_redis_prefix(redis_url, prefix)
    machine = [
        ("CPU cores", str(os.cpu_count())),
        ("Load average before / after", f"{load_before} / {load_average()}"),
        ("Python", sys.version.split()[0]),
    ]
    text = report(args, counts, lookup, rates, machine)
    print("\n" + text, flush=True)
    if args.output:
        args.output.write_text(text)
        print(f"Written to {args.output}", flush=True)
    return 0


def main() -> int:
    args = parse_args()
    load_before = load_average()
    base_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    name = f"cong_portals_bench_{os.getpid()}"
    database_url = server_url(base_url, name)
    prefix = name
    work = Path(tempfile.mkdtemp(prefix="cong-portals-bench-"))
    media = Path(tempfile.gettempdir()) / f"{name}-media"
    env = server_env(
        database_url=database_url, redis_url=redis_url, prefix=prefix, work=work, media=media
    )
    created = False
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        redis_version(redis_url)
        admin_execute(base_url, f'CREATE DATABASE "{name}"')
        created = True
        print(f"Created database {name}", flush=True)
        return measure(args, env, redis_url=redis_url, prefix=prefix, work=work,
                       load_before=load_before)
    except BenchError as error:
        print(f"\nBenchmark stopped: {error}", file=sys.stderr)
        return 2
    finally:
        for server in Server.running:
            server.stop()
        close_django()
        with contextlib.suppress(Exception):
            flush_redis_prefix(redis_url, prefix)
        if created and not args.keep:
            admin_execute(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            print(f"Dropped database {name}", flush=True)
            shutil.rmtree(media, ignore_errors=True)
        elif created:
            print(f"Kept database {name}", flush=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
