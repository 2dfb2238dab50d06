"""axe-core (WCAG 2.1 A and AA, and best practice, which includes the order of headings) on
every public page type, in every reader theme, on a 390 px phone and a 1366 px desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from django.core.management import call_command

from news.models import Article, Category, Directive, Topic
from organizations.models import Organization
from portals import hosts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THEMES = ["default", "sepia", "contrast", "dark"]
WIDTHS = [390, 1366]
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    }
}


def _address(name):
    # The main portal's pages (the live server's host); the Tỉnh Đoàn's live on its portal.
    shown = Article.objects.shown_on(hosts.main_portal())
    if name == "article":
        article = shown.filter(image_uses__isnull=False).first()
        return article.get_absolute_url()
    if name == "category":
        article = shown.first()
        return Category.objects.get(pk=article.category_id).get_absolute_url()
    if name == "directive":
        return Directive.objects.first().get_absolute_url()
    if name == "topic":
        return Topic.objects.filter(is_active=True).first().get_absolute_url()
    if name == "organisation":
        return Organization.objects.get(slug="tinh-uy-ben-tre").get_absolute_url()
    return {
        "home": "/",
        "search": "/tim-kiem/?q=h%E1%BB%99i+ngh%E1%BB%8B",
        "directive-list": "/van-ban/",
        "organisation-tree": "/to-chuc/",
        "static-page": "/trang/gioi-thieu/",
        "contact": "/lien-he/",
        "topic-list": "/chuyen-trang/",
        "english": "/en/",
        "not-found": "/khong-co-trang-nay/",
    }[name]


PAGES = [
    "home",
    "article",
    "category",
    "search",
    "directive-list",
    "directive",
    "organisation-tree",
    "organisation",
    "static-page",
    "contact",
    "topic-list",
    "topic",
    "english",
    "not-found",
]


@pytest.fixture
def demo():
    cache.clear()  # pages cached by an earlier test show another test's photos
    call_command("load_demo", articles=6, verbosity=0)


def violations_of(page):
    found = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return [
        f"{violation['id']}: {', '.join(str(node['target']) for node in violation['nodes'][:5])}"
        for violation in found
    ]


@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations_in_any_theme_or_width(new_page, demo, name):
    address = _address(name)
    expected_status = 404 if name == "not-found" else 200
    found = {}
    for width in WIDTHS:
        for theme in THEMES:
            page = new_page(width=width, height=900)
            if theme != "default":
                page.add_init_script(f"localStorage.setItem('cong.reader.theme', '{theme}')")
            response = page.goto(address)
            assert response.status == expected_status, f"{address}: HTTP {response.status}"
            if width < 960:
                # The reader's panel open, so that its buttons are checked in every theme.
                page.locator("[data-reader-toggle]").click()
            problems = violations_of(page)
            if problems:
                found[f"{width}px {theme}"] = problems
            page.close()
    assert not found, found


@pytest.mark.parametrize("theme", THEMES)
def test_open_menus_have_no_axe_violations(new_page, demo, theme):
    found = {}
    for width in WIDTHS:
        page = new_page(width=width, height=900)
        if theme != "default":
            page.add_init_script(f"localStorage.setItem('cong.reader.theme', '{theme}')")
        page.goto("/van-ban/")
        if width < 960:
            page.get_by_role("button", name="Menu").click()
        page.get_by_role("button", name="Tin tức").click()
        problems = violations_of(page)
        if problems:
            found[f"{width}px"] = problems
        page.close()
    assert not found, found
