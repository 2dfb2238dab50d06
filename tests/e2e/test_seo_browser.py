"""The <head> of the public pages in a real Chromium: the JSON-LD blocks cause no
Content-Security-Policy violation (they carry no nonce: browsers do not run them), and
every icon, the web manifest and the icons it names load from the portal's own origin."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from factories import ArticleFactory, LibraryImageFactory, OrganizationFactory, image_file

from pages.models import PortalInformation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""

HEAD_LINKS = """async () => {
  const hrefs = [...document.querySelectorAll(
    'link[rel~="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]'
  )].map((link) => link.href);
  const manifestLink = document.querySelector('link[rel="manifest"]');
  const manifest = await (await fetch(manifestLink.href)).json();
  for (const icon of manifest.icons) hrefs.push(new URL(icon.src, manifestLink.href).href);
  return {origin: location.origin, hrefs};
}"""


def fetched(page, href, settings):
    """Status and type of `href`, through the browser's network stack. Uploads are read
    from MEDIA_ROOT, which the live server does not serve. (Not fetch() in the page: with
    any Playwright route in place Chromium refuses fetch() of an .ico.)"""
    path = urlsplit(href).path
    if path.startswith(settings.MEDIA_URL):
        file = Path(settings.MEDIA_ROOT) / path.removeprefix(settings.MEDIA_URL)
        kind = "image/x-icon" if file.suffix == ".ico" else "image/png"
        return (200 if file.is_file() else 404), kind
    response = page.request.get(href)
    return response.status, response.headers["content-type"]


def visit(page, url):
    problems = []
    page.on("console", lambda message: problems.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.add_init_script(WATCH_VIOLATIONS)
    response = page.goto(url)
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    return problems


@pytest.mark.parametrize("with_logo", [False, True])
def test_json_ld_breaks_no_policy_and_icons_load_from_the_portal(new_page, settings, with_logo):
    PortalInformation.objects.create(
        full_name="Cổng Thông tin điện tử Tỉnh ủy Cà Mau", owner="Tỉnh ủy Cà Mau",
        logo=image_file("logo.png", fmt="PNG", size=(512, 512)) if with_logo else "",
    )
    organization = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy")
    article = ArticleFactory(
        organization=organization,
        cover=LibraryImageFactory(file=image_file(size=(800, 450))),
    )
    page = new_page(width=390, height=844)

    for url in ("/", article.get_absolute_url(), organization.get_absolute_url()):
        problems = visit(page, url)
        blocks = page.locator('script[type="application/ld+json"]')
        assert blocks.count() >= 1, url
        assert page.evaluate("window.__violations") == [], url
        assert problems == [], url

        links = page.evaluate(HEAD_LINKS)
        assert len(links["hrefs"]) >= 5
        for href in links["hrefs"]:
            assert href.startswith(links["origin"] + "/"), href
            status, kind = fetched(page, href, settings)
            assert status == 200, href
            assert ("manifest" if href.endswith(".webmanifest") else "image/") in kind, href
        uses_logo = any("/media/portal/icons/" in href for href in links["hrefs"])
        assert uses_logo is with_logo
