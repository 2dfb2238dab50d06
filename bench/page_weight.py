"""Page weights (not a test): what a reader's browser downloads for each public page.

    .venv/bin/python bench/page_weight.py                          # prints the table
    .venv/bin/python bench/page_weight.py --output bench/PAGE_WEIGHT.md

The portal runs as `make serve` runs it (gunicorn with production settings, the page cache
on, static files from WhiteNoise with their compressed copies) on a throwaway PostgreSQL
database (cong_page_weight_<pid>) filled by `load_demo`, its photos' renditions made by the
task worker (`db_worker --batch`) before anything is measured, as on a running portal.

Chromium (Debian's /usr/bin/chromium) opens each page in a new, empty browser context at
390 × 844 (a phone) and 1366 × 900 (an office PC) and adds up the bytes that came over the
network (`encodedDataLength`, headers included: compressed where the server compressed),
by kind: the page itself, CSS, JavaScript, fonts, images, other. Two figures per page:
*first load*, what arrives before the reader scrolls (the figure of issue 18's budget: an
article under 150 KB on a phone, fonts included), and *read to the end*, after scrolling to
the bottom so that every lazy image has loaded.

The HTML is measured as gunicorn sends it, uncompressed; behind nginx with gzip on
(deploy/nginx.conf.example) the page itself is smaller still.
"""

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_bench import (
    BenchError,
    Server,
    admin_execute,
    close_django,
    collect_static,
    flush_redis_prefix,
    server_env,
    server_url,
    setup_django,
)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
ARTICLE_BUDGET_KB = 150
KINDS = ["document", "stylesheet", "script", "font", "image", "other"]
KIND_NAMES = {
    "document": "trang", "stylesheet": "CSS", "script": "JS", "font": "phông",
    "image": "ảnh", "other": "khác",
}

SCROLL_TO_THE_END = """async () => {
  for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
    window.scrollTo(0, y);
    await new Promise(resolve => setTimeout(resolve, 60));
  }
  await Promise.all([...document.images].map(image => image.decode().catch(() => null)));
}"""


def load(articles: int) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", articles=articles, verbosity=0)
    # The renditions a running portal has made by the time readers come.
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval=0",
                 verbosity=0)


def page_paths() -> dict[str, str]:
    from django.db.models import Count
    from django.urls import reverse

    from news.models import Article, Category, Directive
    from organizations.models import Organization

    published = Article.objects.published()
    # The heaviest kind of article readers open: a cover and the most photos in the text.
    article = (
        published.filter(cover__isnull=False)
        .annotate(photos=Count("image_uses"))
        .order_by("-photos", "-published_at")
        .first()
    ) or published.first()
    category = Category.objects.filter(articles__in=published).distinct().first()
    organisation = Organization.objects.filter(articles__in=published).distinct().first()
    directive = Directive.objects.for_home().first()
    if not (article and category and organisation and directive):
        raise BenchError("The demo content has no article, category, organisation or directive.")
    return {
        "home": reverse("home"),
        "article": article.get_absolute_url(),
        "category": category.get_absolute_url(),
        "news list": reverse("news:article_list"),
        "organisation": organisation.get_absolute_url(),
        "directive": directive.get_absolute_url(),
        "search": reverse("news:search") + "?q=%C4%91o%C3%A0n",
    }


def weigh(browser, url: str, viewport: dict) -> tuple[dict, dict]:
    """Bytes by kind at first load and after reading to the end, in an empty context."""
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    kinds: dict[str, str] = {}
    sizes: dict[str, int] = {}
    session.on("Network.responseReceived", lambda event: kinds.__setitem__(
        event["requestId"], event.get("type", "Other").lower()))
    session.on("Network.loadingFinished", lambda event: sizes.__setitem__(
        event["requestId"], int(event["encodedDataLength"])))

    def totals() -> dict:
        result = dict.fromkeys(KINDS, 0)
        for request_id, size in sizes.items():
            kind = kinds.get(request_id, "other")
            result[kind if kind in result else "other"] += size
        return result

    response = page.goto(url, wait_until="load")
    if response is None or response.status != 200:
        raise BenchError(f"{url} answered {response.status if response else 'nothing'}")
    page.wait_for_load_state("networkidle")
    first = totals()
    page.evaluate(SCROLL_TO_THE_END)
    page.wait_for_load_state("networkidle")
    whole = totals()
    context.close()
    return first, whole


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def report(rows: list[tuple[str, str, dict, dict]]) -> tuple[str, bool]:
    header = ["trang", "màn hình", "lần đầu (KB)", *[KIND_NAMES[k] for k in KINDS],
              "đọc hết (KB)"]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    within_budget = True
    for page, screen, first, whole in rows:
        total = sum(first.values())
        mark = ""
        if page == "article" and screen == "390":
            within_budget = total <= ARTICLE_BUDGET_KB * 1024
            mark = " ✓" if within_budget else f" ✗ (> {ARTICLE_BUDGET_KB} KB)"
        lines.append(
            f"| {page} | {screen} px | {kb(total)}{mark} | "
            + " | ".join(kb(first[k]) for k in KINDS)
            + f" | {kb(sum(whole.values()))} |"
        )
    return "\n".join(lines), within_budget


def measure(args, env: dict, work: Path) -> int:
    from playwright.sync_api import sync_playwright

    setup_django(env)
    load(args.articles)
    collect_static()
    paths = page_paths()
    close_django()
    server = Server(env, work / "gunicorn.log").start()
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium)
        try:
            for page, path in paths.items():
                for screen, viewport in (("390", PHONE), ("1366", DESKTOP)):
                    # Twice: the first visit fills the page cache; readers get cached pages.
                    weigh(browser, server.url(path), viewport)
                    first, whole = weigh(browser, server.url(path), viewport)
                    rows.append((page, screen, first, whole))
        finally:
            browser.close()
            server.stop()
    table, within_budget = report(rows)
    text = (
        "# Page weights\n\n"
        "What a reader's browser downloads, measured by `bench/page_weight.py` (its docstring "
        "says how), "
        f"with {args.articles} demo articles. *lần đầu*: before the reader scrolls, by kind; "
        "*đọc hết*: after scrolling to the end (lazy images loaded).\n\n"
        f"{table}\n\n"
        f"Budget: an article on a 390 px phone under {ARTICLE_BUDGET_KB} KB at first load, "
        f"fonts included: {'met' if within_budget else 'MISSED'}.\n\n"
        "*trang* (the page itself) is counted as gunicorn sends it, uncompressed; behind nginx "
        "with gzip on (deploy/nginx.conf.example) it is about a quarter of that. CSS and JS "
        "come compressed from WhiteNoise.\n"
    )
    print(text, flush=True)
    if args.output:
        args.output.write_text(text)
        print(f"Written to {args.output}", flush=True)
    return 0 if within_budget else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    base_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    name = f"cong_page_weight_{os.getpid()}"
    work = Path(tempfile.mkdtemp(prefix="cong-page-weight-"))
    media = work / "media"
    env = server_env(database_url=server_url(base_url, name), redis_url=redis_url,
                     prefix=name, work=work, media=media)
    admin_execute(base_url, f'CREATE DATABASE "{name}"')
    try:
        return measure(args, env, work)
    except BenchError as error:
        print(f"\nBenchmark stopped: {error}", file=sys.stderr)
        return 2
    finally:
        for server in Server.running:
            server.stop()
        close_django()
        with contextlib.suppress(Exception):
            flush_redis_prefix(redis_url, name)
        admin_execute(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
