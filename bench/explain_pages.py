"""EXPLAIN of every public page (not a test): the plan, index and time of each query.

    .venv/bin/python bench/explain_pages.py                      # 100,000 articles
    .venv/bin/python bench/explain_pages.py --articles 20000 --directives 500
    .venv/bin/python bench/explain_pages.py --markdown var/explain.md --plans var/plans.txt
    .venv/bin/python bench/explain_pages.py --keep               # keep the database
    .venv/bin/python bench/explain_pages.py --reuse NAME         # explain a kept database again

Like bench/search_bench.py it creates a throwaway PostgreSQL database on the
server of BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/),
migrates it, loads `load_demo --articles N`, adds --directives synthetic
directives (the demo has 16; a province's library has thousands, and with 16
rows no index is ever worth reading), runs VACUUM ANALYZE, then requests each
public page through Django's test client, captures its SQL and runs
EXPLAIN (ANALYZE, BUFFERS) on every SELECT. For each query it reports the
indexes read, a sequential scan of a large table or a sort of many rows, and
the execution time. The database is dropped at the end, also after an error,
Ctrl-C or SIGTERM, unless --keep. bench/INDEXES.md has the figures.
"""

import argparse
import json
import os
import platform
import re
import signal
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote

from search_bench import admin_execute, close_django, load, server_url, setup_django

# A table with more rows than this is "large": reading all of it is a finding.
LARGE_TABLE_ROWS = 10_000
# A sort of more input rows than this is a finding (a page shows 20).
LARGE_SORT_ROWS = 1_000
# A SELECT, a WITH, a UNION of parenthesised SELECTs, or a server-side cursor over one.
SQL_START = re.compile(
    r"^\s*(?:DECLARE\s+\S+\s+NO\s+SCROLL\s+CURSOR\s+.*?FOR\s+)?(\(*\s*(?:SELECT|WITH)\b)",
    re.IGNORECASE | re.DOTALL,
)


@dataclass
class QueryReport:
    label: str
    sql: str
    indexes: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    milliseconds: float = 0.0
    buffers: int = 0
    plan_text: str = ""


@dataclass
class PageReport:
    name: str
    url: str
    milliseconds: float
    queries: list[QueryReport]
    other_statements: int = 0

    @property
    def database_milliseconds(self) -> float:
        return sum(query.milliseconds for query in self.queries)


# -- the data ---------------------------------------------------------------------------


def add_directives(count: int) -> None:
    """Synthetic directives of several types, years, issuers and states, in bulk."""
    from news import directive_numbers
    from news.models import Directive
    from news.search_document import directive_document
    from organizations.models import Organization

    if count <= 0:
        return
    issuers = list(Organization.objects.order_by("path")[:8])
    kinds = [
        (Directive.DocumentType.DIRECTIVE, "CT/TU"), (Directive.DocumentType.RESOLUTION, "NQ/TU"),
        (Directive.DocumentType.CONCLUSION, "KL/TU"), (Directive.DocumentType.PLAN, "KH/TU"),
        (Directive.DocumentType.NOTICE, "TB/TU"), (Directive.DocumentType.DECISION, "QĐ/TU"),
    ]
    topics = ["công tác cán bộ", "chuyển đổi số", "xây dựng nông thôn mới", "công tác dân vận",
              "phòng, chống tham nhũng", "giáo dục chính trị tư tưởng", "bảo vệ trẻ em"]
    statuses = [Directive.Status.IN_FORCE] * 3 + [Directive.Status.EXPIRED]
    directives = []
    for index in range(count):
        doc_type, symbol = kinds[index % len(kinds)]
        issued_on = date(2005, 1, 1) + timedelta(days=(index * 37) % 7300)
        number = str(500 + index)
        label = Directive.DocumentType(doc_type).label
        code = f"{number}-{symbol}"
        title = f"Về {topics[index % len(topics)]} giai đoạn {issued_on.year}–{issued_on.year + 5}"
        directives.append(Directive(
            doc_type=doc_type, number=number, symbol=symbol,
            symbol_key=directive_numbers.symbol_key(symbol),
            number_key=directive_numbers.number_key(number), year=issued_on.year,
            issued_on=issued_on, issuer=issuers[index % len(issuers)], title=title,
            status=statuses[index % len(statuses)], slug=f"van-ban-mau-{index}",
            search_document=directive_document(
                doc_type_label=label, code=code, title=title, summary=""
            ),
        ))
    Directive.objects.bulk_create(directives, batch_size=2000)
    print(f"Added {count} directives", flush=True)


def analyze_directives() -> None:
    from django.db import connection

    with connection.cursor() as cursor:  # load() analysed the rest
        cursor.execute("VACUUM ANALYZE news_directive")


def table_sizes() -> dict[str, int]:
    """Rows per table, as the planner's statistics have them (exact enough to tell large)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples::bigint FROM pg_class"
            " WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
        )
        return dict(cursor.fetchall())


def data_summary() -> str:
    from news.models import Article, Directive, ImageUse

    return (
        f"{Article.objects.published().count():,} published articles,"
        f" {Directive.objects.count():,} directives,"
        f" {Article.directives.through.objects.count():,} article–directive links,"
        f" {ImageUse.objects.filter(as_cover=False).count():,} photos shown in the texts"
    )


def _most(articles, field_name: str):
    from django.db.models import Count

    top = articles.values(field_name).annotate(n=Count("id")).order_by("-n").first()
    return top[field_name] if top else None


def pages() -> list[tuple[str, str]]:
    """(name, URL) of every public page, with the demo's busiest category, organisation
    and directive, an article from the middle of the archive and the directive filters."""
    from django.utils import timezone

    from news.models import Article, Category, Directive
    from organizations.models import Organization
    from pages.models import StaticPage

    published = Article.objects.published()
    newest = published.order_by("-published_at", "-id").first()
    middle = published.order_by("-published_at", "-id")[published.count() // 2]
    category = Category.objects.get(pk=_most(published, "category"))
    organization = Organization.objects.get(pk=_most(published, "organization"))
    directive = Directive.objects.get(pk=_most(Article.directives.through.objects, "directive"))
    issuer = Directive.objects.values_list("issuer", flat=True).first()
    year = Directive.objects.order_by("-year").values_list("year", flat=True).first()
    static_page = StaticPage.objects.filter(is_published=True).first()
    since = (timezone.localdate() - timedelta(days=90)).strftime("%d/%m/%Y")
    search = "/tim-kiem/?q="
    listed = [
        ("home", "/"),
        ("news list", "/tin-tuc/"),
        ("news list, page 2", "/tin-tuc/?page=2"),
        ("news list, page 100", "/tin-tuc/?page=100"),
        ("news list, last page", "/tin-tuc/?page=last"),
        ("category", category.get_absolute_url()),
        ("category, page 2", category.get_absolute_url() + "?page=2"),
        ("article (newest)", newest.get_absolute_url()),
        ("article (middle of the archive)", middle.get_absolute_url()),
        ("directive library", "/van-ban/"),
        ("directive library, page 2", "/van-ban/?page=2"),
        ("directives by type", "/van-ban/?doc_type=chi_thi"),
        ("directives by issuer", f"/van-ban/?issuer={issuer}"),
        ("directives by year", f"/van-ban/?year={year}"),
        ("directives in force", "/van-ban/?status=in_force"),
        ("directives by type, issuer, year, status",
         f"/van-ban/?doc_type=nghi_quyet&issuer={issuer}&year={year}&status=in_force"),
        ("directives by number", "/van-ban/?q=20"),
        ("directives by code", "/van-ban/?q=" + quote("20-CT/TW")),
        ("directives by words", "/van-ban/?q=" + quote("chuyển đổi số")),
        ("directive", directive.get_absolute_url()),
        ("directive, page 2", directive.get_absolute_url() + "?page=2"),
        ("search, common words", search + quote("tỉnh đoàn")),
        ("search, directive code", search + quote("20-CT/TW")),
        ("search, rare word", search + quote("kheo")),
        ("search, no result", search + "khongcotunay"),
        ("search with filters", search + quote("thanh nien")
         + f"&category={category.pk}&organization={organization.pk}&date_from={since}"),
        ("RSS", "/rss/"),
        ("RSS of a category", f"/rss/{category.slug}/"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap of articles", "/sitemap-articles.xml"),
        ("sitemap of articles, page 2", "/sitemap-articles.xml?p=2"),
        ("sitemap of directives", "/sitemap-directives.xml"),
        ("organisations", "/to-chuc/"),
        ("organisation", organization.get_absolute_url()),
        ("organisation's news", organization.get_absolute_url() + "tin-tuc/"),
        ("organisation's news, page 2", organization.get_absolute_url() + "tin-tuc/?page=2"),
        ("English page", "/en/"),
        ("contact", "/lien-he/"),
    ]
    if static_page is not None:
        listed.append(("static page", static_page.get_absolute_url()))
    return listed


# -- EXPLAIN --------------------------------------------------------------------------------


def _filtered_columns(sql: str) -> list[str]:
    """The columns the WHERE clause of a query compares, each once, in order."""
    where = re.split(r"\bWHERE\b", sql, maxsplit=1)
    if len(where) < 2:
        return []
    clause = re.split(r"\b(?:ORDER BY|GROUP BY|LIMIT)\b", where[1])[0]
    compared = r'"\w+"\."(\w+)"\s*(?:=|<=|>=|<|>|IN\b|@@|LIKE|ILIKE|::)'
    return list(dict.fromkeys(re.findall(compared, clause)))


def label(sql: str) -> str:
    """A short name for a query: its tables, what it filters and orders by, its limit."""
    tables = list(dict.fromkeys(re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', sql)))
    conditions = _filtered_columns(sql)
    text = ", ".join(tables[:3]) or sql[:40]
    if "@@" in sql and "search_vector" not in conditions:
        conditions.append("search_vector")
    if conditions:
        text += " where " + ", ".join(conditions[:5])
    order = re.search(r"ORDER BY (.+?)(?: LIMIT| OFFSET|\)|$)", sql)
    if order:
        columns = re.findall(r'(?:"\w+"\.)?"(\w+)"\s*(ASC|DESC)?', order.group(1))
        text += " order " + ", ".join(
            ("-" if direction == "DESC" else "") + column for column, direction in columns[:3]
        )
    limit = re.search(r"LIMIT (\d+)(?: OFFSET (\d+))?\s*$", sql)
    if limit:
        text += f" limit {limit.group(1)}" + (f" offset {limit.group(2)}" if limit.group(2) else "")
    if sql.lstrip().upper().startswith("SELECT COUNT") or "COUNT(*)" in sql[:80].upper():
        text = "count " + text
    return text


def _walk(node, visit) -> None:
    visit(node)
    for child in node.get("Plans", ()):
        _walk(child, visit)


def explain(sql: str, sizes: dict[str, int]) -> QueryReport:
    from django.db import connection

    match = SQL_START.match(sql)
    statement = sql[match.start(1):]
    report = QueryReport(label=label(statement), sql=statement)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement)
        result = cursor.fetchone()[0]
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
        report.plan_text = "\n".join(row[0] for row in cursor.fetchall())
    plan = (json.loads(result) if isinstance(result, str) else result)[0]
    report.milliseconds = plan["Planning Time"] + plan["Execution Time"]
    top = plan["Plan"]
    report.buffers = top.get("Shared Hit Blocks", 0) + top.get("Shared Read Blocks", 0)

    def visit(node):
        kind = node["Node Type"]
        if "Index Name" in node and node["Index Name"] not in report.indexes:
            report.indexes.append(node["Index Name"])
        loops = node.get("Actual Loops", 1) or 1
        if kind == "Seq Scan":
            table = node["Relation Name"]
            read = (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)) * loops
            if sizes.get(table, 0) >= LARGE_TABLE_ROWS:
                report.findings.append(f"Seq Scan {table} ({read:,.0f} rows)")
        elif kind == "Sort":
            children = node.get("Plans", [])
            rows = (
                children[0].get("Actual Rows", 0) * (children[0].get("Actual Loops", 1) or 1)
                if children else 0
            )
            if rows >= LARGE_SORT_ROWS:
                report.findings.append(f"Sort of {rows:,.0f} rows ({node.get('Sort Method', '?')})")

    _walk(top, visit)
    return report


def explain_page(client, name: str, url: str, sizes: dict[str, int]) -> PageReport:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = client.get(url)  # warms what is cached by design (thumbnails, statistics, pg_stats)
    if first.status_code != 200:
        raise RuntimeError(f"{url}: status {first.status_code}")
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url}: status {response.status_code}")
    queries, others = [], 0
    for query in captured:
        if SQL_START.match(query["sql"]):
            queries.append(explain(query["sql"], sizes))
        else:
            others += 1
    return PageReport(name=name, url=url, milliseconds=elapsed, queries=queries,
                      other_statements=others)


# -- the report -----------------------------------------------------------------------------


def machine() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        buffers = cursor.fetchone()[0]
        cursor.execute("SHOW work_mem")
        work_mem = cursor.fetchone()[0]
    import django

    return (
        f"{os.cpu_count()} CPU, {platform.system()} {platform.release()}; PostgreSQL {server}"
        f" (shared_buffers {buffers}, work_mem {work_mem}); Python {platform.python_version()},"
        f" Django {django.get_version()}"
    )


def markdown(reports: list[PageReport], sizes: dict[str, int], header: str) -> str:
    lines = [header, ""]
    lines += ["| page | queries | database ms | page ms | findings |", "|---|---:|---:|---:|---|"]
    for page in reports:
        findings = sorted({f for query in page.queries for f in query.findings})
        lines.append(
            f"| {page.name} | {len(page.queries) + page.other_statements} |"
            f" {page.database_milliseconds:.1f} | {page.milliseconds:.1f} |"
            f" {'; '.join(findings) or '—'} |"
        )
    lines += ["", "Every query:", "", "| page | query | indexes | ms | findings |",
              "|---|---|---|---:|---|"]
    for page in reports:
        for query in page.queries:
            lines.append(
                f"| {page.name} | {query.label} | {', '.join(query.indexes) or '—'} |"
                f" {query.milliseconds:.2f} | {'; '.join(query.findings) or '—'} |"
            )
    return "\n".join(lines) + "\n"


def run(args) -> list[PageReport]:
    from django.test import Client

    sizes = table_sizes()
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0")
    reports = []
    for name, url in pages():
        page = explain_page(client, name, url, sizes)
        reports.append(page)
        flagged = sorted({f for query in page.queries for f in query.findings})
        print(
            f"{name[:40]:<42}{len(page.queries):>3} queries {page.database_milliseconds:7.1f} ms"
            f" in the database  {'; '.join(flagged)}",
            flush=True,
        )
    header = (
        f"EXPLAIN ANALYZE of the public pages, {datetime.now(UTC):%d/%m/%Y %H:%M} UTC."
        f" Machine: {machine()}. Data: {data_summary()}."
    )
    text = markdown(reports, sizes, header)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as out:
            out.write(text)
        print(f"Wrote {args.markdown}")
    if args.plans:
        with open(args.plans, "w", encoding="utf-8") as out:
            for page in reports:
                for query in page.queries:
                    out.write(
                        f"== {page.name}: {query.label}\n{query.sql}\n\n{query.plan_text}\n\n"
                    )
        print(f"Wrote {args.plans}")
    return reports


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--directives", type=int, default=2_000,
                        help="synthetic directives added to the demo's (default 2000)")
    parser.add_argument("--markdown", metavar="FILE", help="write the tables to FILE")
    parser.add_argument("--plans", metavar="FILE", help="write every query and its plan to FILE")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument(
        "--reuse", metavar="NAME", help="explain an existing database, load nothing"
    )
    args = parser.parse_args()

    base_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/")
    name = args.reuse or f"cong_explain_{os.getpid()}"
    created = False

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        if not args.reuse:
            admin_execute(base_url, f'CREATE DATABASE "{name}"')
            created = True
            print(f"Created database {name}", flush=True)
        setup_django(server_url(base_url, name))
        if args.reuse:
            # The demo photos were written to the first run's temporary media folder.
            from demo.images import ensure_photo_pool

            ensure_photo_pool()
        else:
            load(args.articles)
            add_directives(args.directives)
            analyze_directives()
        run(args)
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
