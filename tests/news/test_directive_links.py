"""Directive references in articles: found in every spelling, attached, linked once, listed
when unknown."""

from datetime import date
from io import StringIO

import pytest
from admin_forms import inline_management_data
from django.core.management import call_command
from django.urls import reverse
from factories import ArticleFactory, CategoryFactory, DirectiveFactory, OrganizationFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.sanitize import clean_html
from news.directive_links import find_directive_mentions, link_article_directives
from news.models import Article, Directive, UnresolvedDirectiveReference
from news.services import article_save

pytestmark = pytest.mark.django_db

T = Directive.DocumentType


@pytest.fixture
def politburo():
    return OrganizationFactory(name="Bộ Chính trị", short_name="BCT")


@pytest.fixture
def directives(politburo):
    """The documents the issue names, as an editor would have entered them."""

    def make(doc_type, code, issued_on, issuer=politburo):
        directive = DirectiveFactory.build(doc_type=doc_type, issued_on=issued_on, issuer=issuer)
        directive.set_code(code)
        directive.full_clean()
        directive.save()
        return directive

    government = OrganizationFactory(name="Chính phủ")
    youth = OrganizationFactory(name="Trung ương Đoàn")
    return {
        "20-CT/TW": make(T.DIRECTIVE, "20-CT/TW", date(2012, 11, 5)),
        "09-NQ/TW": make(T.RESOLUTION, "09-NQ/TW", date(2011, 12, 9)),
        "367-QĐ/TWĐTN-VP": make(T.REGULATION, "367-QĐ/TWĐTN-VP", date(2021, 3, 2), youth),
        "42/2022/NĐ-CP": make(T.DECREE, "42/2022/NĐ-CP", date(2022, 6, 24), government),
        "43-KL/TW": make(T.CONCLUSION, "43-KL/TW", date(2019, 1, 7)),
    }


def directive_link(directive, text):
    return (
        f'<a href="{directive.get_absolute_url()}" class="directive-link" '
        f'rel="noopener noreferrer">{text}</a>'
    )


def article_with(body="", **fields):
    return ArticleFactory(body=body, **fields)


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Chỉ thị số 20-CT/TW", "20-CT/TW"),
        ("Chỉ thị số 20/CT-TW", "20-CT/TW"),
        ("Chỉ thị 20", "20-CT/TW"),
        ("chi thi so 20-ct/tw", "20-CT/TW"),
        ("CHỈ THỊ SỐ 20 - CT / TW", "20-CT/TW"),
        ("Chỉ thị số 020-CT-TW", "20-CT/TW"),
        ("Nghị quyết số 09-NQ/TW", "09-NQ/TW"),
        ("Nghị quyết số 9/NQ-TW", "09-NQ/TW"),
        ("nghi quyet 09-nq/tw", "09-NQ/TW"),
        ("Quy định 367-QĐ/TWĐTN-VP", "367-QĐ/TWĐTN-VP"),
        ("Quy dinh so 367-QD/TWDTN-VP", "367-QĐ/TWĐTN-VP"),
        ("Nghị định số 42/2022/NĐ-CP", "42/2022/NĐ-CP"),
        ("Nghị định 42/2022/ND-CP", "42/2022/NĐ-CP"),
        ("Kết luận số 43/KL-TW", "43-KL/TW"),
        ("Kết luận số 43-KL/TW", "43-KL/TW"),
    ],
)
def test_every_spelling_is_attached_and_linked(directives, written, code):
    directive = directives[code]
    article = article_with(f"<p>Triển khai {written} trong toàn tỉnh.</p>")
    assert list(article.directives.all()) == [directive]
    assert article.body == (
        f"<p>Triển khai {directive_link(directive, written)} trong toàn tỉnh.</p>"
    )
    article.refresh_from_db()
    assert directive_link(directive, written) in article.body


def test_the_full_reference_links_the_number_and_uses_the_date(directives, politburo):
    other_year = DirectiveFactory.build(doc_type=T.DIRECTIVE, issued_on=date(2021, 2, 1),
                                        issuer=politburo)
    other_year.set_code("20-CT/TW")
    other_year.save()
    article = article_with(
        "<p>Thực hiện Chỉ thị số 20-CT/TW ngày 05/11/2012 của Bộ Chính trị về trẻ em.</p>"
    )
    directive = directives["20-CT/TW"]
    assert list(article.directives.all()) == [directive]
    assert directive_link(directive, "Chỉ thị số 20-CT/TW") + " ngày 05/11/2012" in article.body


def test_title_and_summary_mentions_are_attached_but_not_rewritten(directives):
    article = article_with(
        "<p>Nội dung.</p>",
        title="Sơ kết Nghị quyết số 09-NQ/TW",
        summary="Theo Kết luận 43-KL/TW của Ban Bí thư.",
    )
    assert set(article.directives.all()) == {directives["09-NQ/TW"], directives["43-KL/TW"]}
    assert article.title == "Sơ kết Nghị quyết số 09-NQ/TW"
    assert article.body == "<p>Nội dung.</p>"


def test_only_the_first_mention_in_the_body_is_linked(directives):
    directive = directives["09-NQ/TW"]
    article = article_with(
        "<p>Nghị quyết số 09-NQ/TW ra đời năm 2011.</p>"
        "<p>Các cấp ủy quán triệt Nghị quyết số 09/NQ-TW và Nghị quyết 09.</p>"
    )
    assert article.body.count('class="directive-link"') == 1
    assert article.body.startswith(f"<p>{directive_link(directive, 'Nghị quyết số 09-NQ/TW')}")


def test_bare_number_links_only_when_one_directive_fits(directives, politburo):
    article = article_with("<p>Tiếp tục thực hiện Chỉ thị 20 của Bộ Chính trị.</p>")
    assert list(article.directives.all()) == [directives["20-CT/TW"]]
    assert directive_link(directives["20-CT/TW"], "Chỉ thị 20") in article.body

    provincial = DirectiveFactory.build(doc_type=T.DIRECTIVE, issued_on=date(2013, 4, 1),
                                        issuer=OrganizationFactory(name="Tỉnh ủy"))
    provincial.set_code("20-CT/TU")
    provincial.save()
    ambiguous = article_with("<p>Tiếp tục thực hiện Chỉ thị 20 trong năm nay.</p>")
    assert list(ambiguous.directives.all()) == []
    assert ambiguous.body == "<p>Tiếp tục thực hiện Chỉ thị 20 trong năm nay.</p>"
    result = link_article_directives(article=ambiguous)
    assert [mention.text for mention in result.ambiguous] == ["Chỉ thị 20"]
    # A bare number is too vague to list as a document to create.
    assert not UnresolvedDirectiveReference.objects.exists()


def test_bare_number_of_another_type_does_not_link(directives):
    article = article_with("<p>Nghị quyết 20 của Hội đồng nhân dân tỉnh.</p>")
    assert list(article.directives.all()) == []
    assert "directive-link" not in article.body


@pytest.mark.parametrize(
    "body",
    [
        '<p><img src="https://example.vn/anh.jpg" alt="Chỉ thị 20-CT/TW" loading="lazy" '
        'decoding="async"></p>',
        '<p><span title="Chỉ thị số 20-CT/TW">Chú thích</span></p>',
        '<p><a href="https://thuvienphapluat.vn/chi-thi-20" rel="noopener noreferrer">'
        "Chỉ thị số 20-CT/TW</a> đã được ban hành.</p>",
        "<p><a href=\"https://example.vn/\" rel=\"noopener noreferrer\"><strong>Chỉ thị số "
        "20-CT/TW</strong></a></p>",
    ],
)
def test_existing_links_and_attributes_are_never_rewritten(directives, body):
    article = article_with(body)
    assert article.body == clean_html(body)
    assert "directive-link" not in article.body


def test_a_mention_after_an_existing_link_elsewhere_is_linked(directives):
    directive = directives["20-CT/TW"]
    article = article_with(
        '<p><a href="https://example.vn/">Chỉ thị số 20-CT/TW</a> (toàn văn).</p>'
        "<p>Chỉ thị số 20-CT/TW yêu cầu các cấp ủy vào cuộc.</p>"
    )
    assert article.body.count("directive-link") == 1
    assert f"<p>{directive_link(directive, 'Chỉ thị số 20-CT/TW')} yêu cầu" in article.body


def test_a_directive_already_linked_in_the_body_is_not_linked_again(directives):
    directive = directives["20-CT/TW"]
    body = (
        f'<p>Xem <a href="{directive.get_absolute_url()}">văn bản</a>.</p>'
        "<p>Chỉ thị số 20-CT/TW yêu cầu các cấp ủy vào cuộc.</p>"
    )
    article = article_with(body)
    assert article.body == clean_html(body)
    assert list(article.directives.all()) == [directive]


def test_entities_and_markup_around_the_mention_survive(directives):
    directive = directives["20-CT/TW"]
    article = article_with(
        "<p>Theo <em>Chỉ thị số&nbsp;20-CT/TW</em> &amp; Nghị quyết số 09-NQ/TW:</p>"
        "<ul><li>Chỉ thị 20 &lt;trích&gt;</li></ul>"
    )
    assert (
        f"<p>Theo <em>{directive_link(directive, 'Chỉ thị số&nbsp;20-CT/TW')}</em> &amp; "
        f"{directive_link(directives['09-NQ/TW'], 'Nghị quyết số 09-NQ/TW')}:</p>"
        "<ul><li>Chỉ thị 20 &lt;trích&gt;</li></ul>"
    ) == article.body


def test_linking_is_idempotent(directives):
    article = article_with(
        "<p>Chỉ thị số 20-CT/TW ngày 05/11/2012 và Nghị định số 42/2022/NĐ-CP.</p>"
        "<p>Nhắc lại Chỉ thị 20.</p>"
    )
    first = article.body
    article_save(article=article)
    article.refresh_from_db()
    assert article.body == first
    article_save(article=article)
    article.refresh_from_db()
    assert article.body == first
    result = link_article_directives(article=article)
    assert (result.body_changed, result.attached, result.linked) == (False, [], [])
    assert article.directives.count() == 2
    assert first.count("directive-link") == 2


def test_linked_body_passes_the_sanitiser_unchanged(directives):
    article = article_with("<p>Quy định 367-QĐ/TWĐTN-VP.</p>")
    assert clean_html(article.body) == article.body
    assert 'class="directive-link"' in article.body


def test_find_directive_mentions_reports_type_number_symbol_and_date():
    [mention] = find_directive_mentions(
        "Thực hiện Chỉ thị số 20-CT/TW ngày 05/11/2012 của Bộ Chính trị"
    )
    assert (mention.text, mention.doc_type, mention.number, mention.symbol) == (
        "Chỉ thị số 20-CT/TW", T.DIRECTIVE, "20", "CT/TW",
    )
    assert (mention.year, mention.issued_on, mention.code) == (2012, date(2012, 11, 5), "20-CT/TW")
    assert find_directive_mentions("Chỉ thị 20/11 và Nghị quyết Trung ương 7") == []


def test_unknown_documents_are_listed_and_resolved_later(directives, politburo,
                                                         superuser_client):
    article = article_with(
        "<p>Thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2024 của Bộ Chính trị và "
        "Chỉ thị số 35/CT-TW.</p>"
    )
    other = article_with("<p>Chỉ thị 35-CT/TW về đại hội đảng bộ các cấp.</p>")
    [reference] = article.unresolved_directive_references.all()
    assert (reference.code, reference.doc_type, reference.issued_on, reference.year) == (
        "35-CT/TW", T.DIRECTIVE, date(2024, 5, 30), 2024,
    )
    assert other.unresolved_directive_references.count() == 1

    response = superuser_client.get(reverse("admin:news_unresolveddirectivereference_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tạo văn bản này" in html
    assert article.title in html
    add_url = reference.directive_add_url()
    assert add_url.startswith(reverse("admin:news_directive_add") + "?")
    assert add_url.replace("&", "&amp;") in html
    form = superuser_client.get(add_url).context["adminform"].form
    assert form["code"].value() == "35-CT/TW"
    assert form["doc_type"].value() == T.DIRECTIVE
    assert form["issued_on"].value() == "30/05/2024"

    created = DirectiveFactory.build(doc_type=T.DIRECTIVE, issued_on=date(2024, 5, 30),
                                     issuer=politburo)
    created.set_code("35-CT/TW")
    created.save()
    out = StringIO()
    call_command("link_directives", stdout=out)
    assert not UnresolvedDirectiveReference.objects.exists()
    article.refresh_from_db()
    assert list(article.directives.all()) == [created]
    assert directive_link(created, "Chỉ thị số 35-CT/TW") in article.body
    assert list(other.directives.all()) == [created]
    assert "Số bài: 2. Số liên kết mới: 2." in out.getvalue()
    assert "Số tham chiếu chưa có văn bản: 0" in out.getvalue()


def test_link_directives_dry_run_changes_nothing(directives, politburo):
    article = article_with("<p>Chỉ thị số 35-CT/TW và Chỉ thị số 36-CT/TW.</p>")
    created = DirectiveFactory.build(doc_type=T.DIRECTIVE, issued_on=date(2024, 5, 30),
                                     issuer=politburo)
    created.set_code("35-CT/TW")
    created.save()
    out = StringIO()
    call_command("link_directives", "--dry-run", stdout=out)
    article.refresh_from_db()
    assert "directive-link" not in article.body
    assert article.directives.count() == 0
    assert article.unresolved_directive_references.count() == 2
    output = out.getvalue()
    assert "Chạy thử: không lưu thay đổi nào." in output
    assert "Số bài: 1. Số liên kết mới: 1. Số văn bản mới gắn vào bài: 1. " in output
    assert "Số tham chiếu chưa có văn bản: 1 (1 văn bản khác nhau)." in output


def test_creating_the_directive_in_the_admin_links_the_articles_that_named_it(
    politburo, superuser_client
):
    article = article_with("<p>Quán triệt Kết luận số 21-KL/TW của Ban Chấp hành Trung ương.</p>")
    assert article.unresolved_directive_references.count() == 1
    response = superuser_client.post(reverse("admin:news_directive_add"), {
        "doc_type": T.CONCLUSION, "code": "21-KL/TW", "issuer": politburo.pk,
        "issued_on": "25/10/2021", "title": "Về đẩy mạnh xây dựng, chỉnh đốn Đảng",
        "status": Directive.Status.IN_FORCE,
    }, follow=True)
    directive = Directive.objects.get(symbol_key="KLTW", number_key="21")
    page = response.content.decode()
    assert "Văn bản đã lưu; đang gắn văn bản vào các bài viết có nhắc tới" in page
    assert list(article.directives.all()) == [directive]
    assert not UnresolvedDirectiveReference.objects.exists()


def admin_article_data(client, url, **fields):
    """What the article add/change page posts: the fields (and its inlines' management
    forms, if it has any)."""
    response = client.get(url)
    data = {
        **inline_management_data(response),
        "summary": "", "source": "", "author_name": "", "status": Article.Status.DRAFT,
        "published_at_0": "", "published_at_1": "",
    }
    loaded_version = response.context["adminform"].form["loaded_version"].value()
    if loaded_version is not None:  # the hidden field a browser sends back
        data["loaded_version"] = loaded_version
    data.update(fields)
    return data


def test_admin_save_links_and_keeps_directives_after_save_related(directives, superuser_client):
    url = reverse("admin:news_article_add")
    organization, category = OrganizationFactory(), CategoryFactory()
    data = admin_article_data(
        superuser_client, url,
        title="Hội nghị quán triệt văn bản của Đảng",
        slug="hoi-nghi-quan-triet",
        body="<p>Quán triệt Chỉ thị số 20-CT/TW và Kết luận 43/KL-TW, Chỉ thị số 77-CT/TW.</p>",
        organization=organization.pk, category=category.pk,
        directives=[directives["09-NQ/TW"].pk],
    )
    response = superuser_client.post(url, data, follow=True)
    assert response.status_code == 200
    article = Article.objects.get(slug="hoi-nghi-quan-triet")
    assert set(article.directives.all()) == {
        directives["20-CT/TW"], directives["43-KL/TW"], directives["09-NQ/TW"],
    }
    assert directive_link(directives["20-CT/TW"], "Chỉ thị số 20-CT/TW") in article.body
    assert directive_link(directives["43-KL/TW"], "Kết luận 43/KL-TW") in article.body
    assert "Bài nhắc tới văn bản chưa có trên cổng: 77-CT/TW." in response.content.decode()

    # Saving again from the change page (the editor empties "văn bản liên quan") changes nothing.
    change_url = reverse("admin:news_article_change", args=[article.pk])
    body = article.body
    data = admin_article_data(
        superuser_client, change_url,
        title=article.title, slug=article.slug, body=body,
        organization=organization.pk, category=category.pk, directives=[],
    )
    response = superuser_client.post(change_url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == body
    assert set(article.directives.all()) == {directives["20-CT/TW"], directives["43-KL/TW"]}


FRAGMENTS = [
    "Chỉ thị số 20-CT/TW", "chi thi 20/ct-tw", "Chỉ thị 20", "Nghị quyết 09-NQ/TW",
    "Chỉ thị số 77-CT/TW", "Nghị định 42/2022/NĐ-CP", " ngày 05/11/2012", " và ", ", ", "&nbsp;",
    "&amp;", "<strong>", "</strong>", "<em>Chỉ thị số 20-CT/TW</em>",
    '<a href="https://example.vn/">Chỉ thị 20-CT/TW</a>',
    '<img src="https://example.vn/a.jpg" alt="Chỉ thị 20-CT/TW">',
    '<span title="Nghị quyết 09-NQ/TW">x</span>', "</p><p>", "<br>", "\n",
]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(pieces=st.lists(st.sampled_from(FRAGMENTS), max_size=12))
def test_any_body_links_at_most_once_per_directive_and_twice_changes_nothing(directives, pieces):
    article = article_with("<p>" + "".join(pieces) + "</p>")
    article.refresh_from_db()
    linked = article.body
    for directive in directives.values():
        assert linked.count(f'href="{directive.get_absolute_url()}"') <= 1
    assert 'alt="Chỉ thị 20-CT/TW"' in linked or 'alt="Chỉ thị 20-CT/TW"' not in "".join(pieces)
    article_save(article=article)
    article.refresh_from_db()
    assert article.body == linked
    assert clean_html(linked) == linked
