"""The admin's slug box in a real Chromium: a title typed into the add form of an article,
a category or an organisation gives exactly the slug the server makes of the same text
(core.text.vietnamese_slugify at the field's length), for every Vietnamese letter and
the titles of tests/vietnamese_titles.py; and the script does so for every character."""

import sys
import unicodedata

import pytest
from django.urls import reverse
from factories import PASSWORD
from vietnamese_titles import BOARD, LETTERS, LONG, TITLES

from core.text import vietnamese_slugify
from news.models import Article, Category
from organizations.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def admin_page(page, live_server, superuser):
    """A signed-in superuser's page; fails the test on any CSP violation."""
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    page.goto(reverse("admin:login"))
    page.fill("#id_username", superuser.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    yield page
    assert violations == []


def type_title(page, field: str, text: str) -> tuple[str, str]:
    """Put `text` in the title box as a paste would, release a key (the admin fills the
    slug on keyup), and read back (title box, slug box)."""
    title = page.locator(f"#id_{field}")
    title.fill(text)
    title.press("End")
    return title.input_value(), page.locator("#id_slug").input_value()


def slug_length(model) -> int:
    return model._meta.get_field("slug").max_length


def test_every_title_gives_the_servers_slug_in_the_article_form(admin_page):
    admin_page.goto(reverse("admin:news_article_add"))
    max_length = slug_length(Article)
    table = [text for text, _ in TITLES] + [letter for letter, _ in LETTERS]
    mismatches = []
    for text in table:
        typed, slug = type_title(admin_page, "title", text)
        assert typed == text  # the box holds the very text, decomposed input included
        expected = vietnamese_slugify(typed, max_length=max_length)
        if slug != expected:
            mismatches.append((text, slug, expected))
    assert mismatches == []


def test_typing_a_vietnamese_title_key_by_key(admin_page):
    admin_page.goto(reverse("admin:news_article_add"))
    title = admin_page.locator("#id_title")
    title.press_sequentially(BOARD)
    title.press("Tab")
    assert admin_page.locator("#id_slug").input_value() == (
        "ban-tuyen-giao-va-dan-van-tinh-uy-trien-khai-nhiem-vu-cong-tac-nam-2026"
    )


@pytest.mark.parametrize(
    ("url_name", "model"),
    [("admin:news_category_add", Category), ("admin:organizations_organization_add", Organization)],
)
def test_category_and_organisation_names_give_the_servers_slug(admin_page, url_name, model):
    admin_page.goto(reverse(url_name))
    max_length = slug_length(model)
    for text in [BOARD, LONG, unicodedata.normalize("NFD", LONG), "Ðoàn Thanh niên Ðảng bộ"]:
        typed, slug = type_title(admin_page, "name", text)
        assert slug == vietnamese_slugify(typed, max_length=max_length), text
    assert len(slug) <= max_length


def test_the_script_agrees_with_the_server_on_every_character(admin_page):
    """Each assigned character of the server's Unicode version, inside a word and alone:
    dropped, a word break, or the same letters on both sides."""
    admin_page.goto(reverse("admin:news_article_add"))
    characters = [
        chr(code) for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) not in ("Cn", "Co", "Cs")
    ]
    for start in range(0, len(characters), 20_000):
        batch = characters[start:start + 20_000]
        texts = [f"Ba{character}Cd {character}" for character in batch]
        browser = admin_page.evaluate(
            "texts => texts.map(text => window.URLify(text, 80, false))", texts
        )
        server = [vietnamese_slugify(text, max_length=80) for text in texts]
        differing = [
            (f"U+{ord(character):04X}", got, expected)
            for character, got, expected in zip(batch, browser, server, strict=True)
            if got != expected
        ]
        assert differing == []
