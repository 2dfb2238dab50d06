"""The legacy importer under arbitrary input: any text, HTML or bytes is either read or
refused with a Vietnamese reason, never an unexpected exception; and the foundation's XSS
payloads do not survive the importer's HTML path into the database."""

from io import StringIO

import pytest
from django.core.management import call_command
from factories import CategoryFactory, OrganizationFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news.importer.html_page import parse_html_page
from news.importer.legacy_article import UnusablePage
from news.importer.reading import UnreadableFile, decode
from news.importer.text_page import parse_text_page
from news.models import Article
from tests.core.test_sanitize import XSS_PAYLOADS, risks

ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=2000)
LINES = st.lists(
    st.one_of(ANY_TEXT.map(lambda text: text[:120]),
              st.sampled_from(["Trang chủ Giới thiệu Tin tức", "Hình 1: Quang cảnh",
                               "15/09/2023 08:30:00AM", "Các tin khác", "Trang đầu 12345 Trang cuối",
                               "• Đoạn có dấu chấm.", "Ban Dân vận Tỉnh ủy", ""])),
    max_size=40,
).map("\n".join)
HTML = st.lists(
    st.one_of(ANY_TEXT.map(lambda text: text[:80]),
              st.sampled_from(["<h1>", "</h1>", "<p>", "</p>", "<article>", "</article>",
                               "<figure><img src=a.jpg><figcaption>", "</figcaption></figure>",
                               "<script>", "</script>", "<title>", "</title>", "<div class=content>",
                               "</div>", '<meta property="og:title" content="', '">', "<!--", "-->"])),
    max_size=60,
).map("".join)


@given(LINES)
@settings(max_examples=300, deadline=None)
def test_any_text_capture_is_read_or_refused_with_a_reason(text):
    try:
        article = parse_text_page(text)
    except UnusablePage as refusal:
        assert str(refusal)
    else:
        assert article.title.strip()
        assert isinstance(article.body_html, str)


@given(HTML)
@settings(max_examples=300, deadline=None)
def test_any_html_page_is_read_or_refused_with_a_reason(html):
    try:
        article = parse_html_page(html)
    except UnusablePage as refusal:
        assert str(refusal)
    else:
        assert article.title.strip()
        assert isinstance(article.body_html, str)


@given(st.binary(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_any_bytes_are_decoded_or_refused_with_a_reason(data):
    try:
        text, encoding = decode(data)
    except UnreadableFile as refusal:
        assert str(refusal)
    else:
        assert isinstance(text, str) and encoding


@pytest.mark.django_db
@given(LINES)
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_the_command_never_crashes_on_any_text_file(tmp_path_factory, text):
    OrganizationFactory(name="Tỉnh ủy")
    CategoryFactory(name="Tin tức")
    path = tmp_path_factory.mktemp("nhap") / "bai.txt"
    path.write_text(text, encoding="utf-8")
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", str(path), stdout=out, stderr=err)
    except Exception as error:  # a failed file is reported and the status says so
        assert type(error).__name__ == "CommandError", error
        assert err.getvalue() or out.getvalue()


@pytest.mark.django_db
def test_xss_payloads_do_not_survive_the_html_import(tmp_path):
    OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    CategoryFactory(name="Tin tức")
    for index, payload in enumerate(XSS_PAYLOADS):
        page = (
            f"<html><head><title>Bài thử số {index}</title></head><body><article>"
            f"<h1>Bài thử số {index} về công tác thanh niên</h1><p>Ngày 02/06/2024</p>"
            f"<p>Đoạn mở đầu đủ dài để là nội dung bài viết của cổng cũ.</p>{payload}"
            f"<p>Đoạn kết thúc của bài viết, cũng đủ dài để được giữ lại.</p></article></body></html>"
        )
        (tmp_path / f"bai-{index}.html").write_text(page, encoding="utf-8")

    call_command("import_articles", str(tmp_path), stdout=StringIO(), stderr=StringIO())

    articles = list(Article.objects.all())
    assert len(articles) == len(XSS_PAYLOADS)
    for article in articles:
        assert not risks(article.body), (article.title, article.body)
