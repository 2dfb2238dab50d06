"""Two portals in a real Chromium (issue 19): the Tỉnh ủy portal lists a Tỉnh Đoàn branch
article once republished, reads it in its own frame with "Nguồn:" leading to the original on
the Tỉnh Đoàn portal; an article that is not republished is sent to its own portal; both
pages fit a phone's width."""

import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "news"))
from portal_world import TINH_DOAN, TINH_UY, build_world

from news import services
from portals.models import PortalDomain

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def serve_on(domain: str, port: int) -> str:
    """Move a portal's primary domain to `*.localhost:<port>`, which Chromium resolves to
    the live server."""
    row = PortalDomain.objects.get(domain=domain)
    row.domain = f"{domain.split('.')[0]}.localhost:{port}"
    row.save()
    return f"http://{row.domain}"


@pytest.mark.parametrize("width", [1366, 390])
def test_a_republished_article_reads_on_the_tinh_uy_portal_and_leads_to_the_original(
    new_page, live_server, settings, width
):
    settings.PORTAL_URL_SCHEME = "http"
    world = build_world()
    services.article_republish(
        article=world.branch_article, portal=world.main, by=world.province_approver
    )
    port = urlsplit(live_server.url).port
    tinh_uy, tinh_doan = serve_on(TINH_UY, port), serve_on(TINH_DOAN, port)
    page = new_page(width=width, height=900)

    page.goto(f"{tinh_uy}/tin-tuc/")
    assert page.get_by_role("link", name=world.youth_article.title).count() == 0
    page.get_by_role("link", name=world.branch_article.title).first.click()
    page.wait_for_load_state("load")
    assert page.url == f"{tinh_uy}/tin-tuc/{world.branch_article.slug}/"
    source = page.locator(".article-republished")
    assert source.inner_text().startswith("Nguồn:")
    assert page.locator('link[rel="canonical"]').get_attribute("href") == (
        f"{tinh_doan}/tin-tuc/{world.branch_article.slug}/"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    source.get_by_role("link").click()
    page.wait_for_load_state("load")
    assert page.url == f"{tinh_doan}/tin-tuc/{world.branch_article.slug}/"
    assert page.locator(".article-republished").count() == 0

    # The Tỉnh Đoàn's own article asked for on the Tỉnh ủy portal: read on its portal.
    page.goto(f"{tinh_uy}/tin-tuc/{world.youth_article.slug}/")
    assert page.url == f"{tinh_doan}/tin-tuc/{world.youth_article.slug}/"
    assert page.get_by_role("heading", name=world.youth_article.title).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
