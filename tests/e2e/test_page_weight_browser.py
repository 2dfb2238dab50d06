"""What a reader on a phone downloads to open an article (transfer sizes measured by
Chromium, cache off): under 150 KB in all, fonts included.

The test server sends text uncompressed; in production WhiteNoise sends CSS and JS
compressed and nginx the page itself (deploy/nginx.conf.example). Text responses (HTML, CSS,
JavaScript, SVG) are therefore counted at their gzip size, as production sends them; fonts
and photos as they came. bench/page_weight.py measures the production server itself."""

import gzip

import pytest
from django.core.cache import cache
from django.core.management import call_command

from news.models import Article
from portals import hosts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUDGET = 150 * 1024
FRAME_BUDGET = 100 * 1024  # the page without its photos: HTML, CSS, scripts, fonts, emblem
COMPRESSED_TYPES = ("text/", "application/javascript", "image/svg+xml")


@pytest.fixture
def article_download(new_page, live_server):
    """{address: bytes transferred} for the demo article with photos, opened at 390 px."""
    cache.clear()
    call_command("load_demo", articles=6, verbosity=0)
    article = (  # the main portal's: the live server's host
        Article.objects.shown_on(hosts.main_portal()).filter(image_uses__isnull=False).first()
    )
    page = new_page(width=390, height=844, is_mobile=True)
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls, types, sizes = {}, {}, {}

    def received(event):
        urls[event["requestId"]] = event["response"]["url"]
        types[event["requestId"]] = event["response"].get("mimeType", "")

    def finished(event):
        sizes[event["requestId"]] = event["encodedDataLength"]

    session.on("Network.responseReceived", received)
    session.on("Network.loadingFinished", finished)
    page.goto(article.get_absolute_url(), wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    page.wait_for_load_state("networkidle")
    for request in sizes:
        if types.get(request, "").startswith(COMPRESSED_TYPES):
            body = session.send("Network.getResponseBody", {"requestId": request})
            sizes[request] = len(gzip.compress(body["body"].encode(), compresslevel=6))
    return {urls.get(request, request): size for request, size in sizes.items()}


def report(sizes) -> str:
    rows = sorted(sizes.items(), key=lambda item: -item[1])
    return "\n".join(f"{size / 1024:6.1f} KB  {url}" for url, size in rows)


def test_the_frame_and_fonts_of_an_article_are_light(article_download):
    fonts = {url: size for url, size in article_download.items() if url.endswith(".woff2")}
    assert len(fonts) == 2, fonts  # the two weights, nothing else
    assert sum(fonts.values()) < 32 * 1024, report(fonts)
    frame = {url: size for url, size in article_download.items() if "/media/" not in url}
    assert sum(frame.values()) < FRAME_BUDGET, report(frame)


def test_an_article_on_a_phone_weighs_under_150_kb_in_all(article_download):
    assert sum(article_download.values()) < BUDGET, report(article_download)
