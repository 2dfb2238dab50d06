"""The breadcrumb tag (pages/templatetags/portal_tags.py) and the trail each public page shows."""

import re

import pytest
from django.template import Context, Template
from factories import ArticleFactory, CategoryFactory, DirectiveFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

HOME = '<li><a href="/">Trang chủ</a></li>'


def render(source: str, **context) -> str:
    return Template("{% load portal_tags %}" + source).render(Context(context))


def trail(response) -> str:
    """The page's breadcrumb with the whitespace between its tags taken out."""
    found = re.search(r'<nav class="breadcrumb".*?</nav>', response.text, re.DOTALL)
    assert found, "the page has no breadcrumb"
    return re.sub(r">\s+<", "><", found.group())


def nav(*items: str) -> str:
    return f'<nav class="breadcrumb" aria-label="Đường dẫn"><ol>{HOME}{"".join(items)}</ol></nav>'


def test_pairs_are_links_and_a_last_label_alone_is_the_current_page():
    html = render('{% breadcrumb "Văn bản" "/van-ban/" "20-CT/TW" %}')

    assert html == nav(
        '<li><a href="/van-ban/">Văn bản</a></li>', '<li aria-current="page">20-CT/TW</li>'
    )


def test_a_level_without_a_label_is_left_out_and_labels_are_escaped():
    html = render(
        "{% breadcrumb parent.name parent.url name %}", parent=None, name="Hỏi & đáp <mới>"
    )

    assert html == nav('<li aria-current="page">Hỏi &amp; đáp &lt;mới&gt;</li>')


def test_home_alone_when_nothing_is_passed():
    assert render("{% breadcrumb %}") == nav()


def test_article_in_a_sub_category_links_both_categories(client):
    news = CategoryFactory(name="Tin tức", slug="tin-tuc")
    youth = CategoryFactory(name="Hoạt động Đoàn", slug="hoat-dong-doan", parent=news)
    article = ArticleFactory(category=youth)

    assert trail(client.get(article.get_absolute_url())) == nav(
        '<li><a href="/chuyen-muc/tin-tuc/">Tin tức</a></li>',
        '<li><a href="/chuyen-muc/hoat-dong-doan/">Hoạt động Đoàn</a></li>',
    )
    assert trail(client.get(youth.get_absolute_url())) == nav(
        '<li><a href="/chuyen-muc/tin-tuc/">Tin tức</a></li>',
        '<li aria-current="page">Hoạt động Đoàn</li>',
    )
    assert trail(client.get(news.get_absolute_url())) == nav(
        '<li aria-current="page">Tin tức</li>'
    )


def test_organisation_pages_show_the_tree_and_the_parent(client):
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre", slug="tinh-uy-ben-tre")
    board = OrganizationFactory(
        parent=province, name="Ban Tuyên giáo Tỉnh ủy", short_name="BTG", slug="ban-tuyen-giao"
    )
    tree = '<li><a href="/to-chuc/">Tổ chức</a></li>'

    assert trail(client.get(province.get_absolute_url())) == nav(
        tree, f'<li aria-current="page">{province.short_name}</li>'
    )
    assert trail(client.get(board.get_absolute_url())) == nav(
        tree,
        '<li><a href="/to-chuc/tinh-uy-ben-tre/">Tỉnh ủy Bến Tre</a></li>',
        '<li aria-current="page">BTG</li>',
    )
    assert trail(client.get(f"{board.get_absolute_url()}tin-tuc/")) == nav(
        tree,
        '<li><a href="/to-chuc/ban-tuyen-giao/">Ban Tuyên giáo Tỉnh ủy</a></li>',
        '<li aria-current="page">Tin hoạt động</li>',
    )


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/tin-tuc/", "Tin tức"),
        ("/van-ban/", "Văn bản"),
        ("/tim-kiem/", "Tìm kiếm"),
        ("/lien-he/", "Liên hệ"),
        ("/to-chuc/", "Tổ chức"),
    ],
)
def test_section_pages_end_at_the_section(client, path, current):
    assert trail(client.get(path)) == nav(f'<li aria-current="page">{current}</li>')


def test_directive_page_links_the_library(client):
    directive = DirectiveFactory(number="20", symbol="CT/TW")

    assert trail(client.get(directive.get_absolute_url())) == nav(
        '<li><a href="/van-ban/">Văn bản</a></li>', '<li aria-current="page">20-CT/TW</li>'
    )
