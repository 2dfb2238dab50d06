"""The directive admin: the "Số ký hiệu" box, duplicates refused in Vietnamese, prefilled add
form."""

from datetime import date

import pytest
from django.urls import reverse
from factories import DirectiveFactory, OrganizationFactory

from news.models import Directive

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:news_directive_add")


def form_data(issuer, **overrides):
    data = {
        "doc_type": Directive.DocumentType.DIRECTIVE,
        "code": "20-CT/TW",
        "issuer": issuer.pk,
        "issued_on": "05/11/2012",
        "effective_on": "",
        "title": "Về tăng cường sự lãnh đạo của Đảng đối với công tác bảo vệ trẻ em",
        "summary": "",
        "status": Directive.Status.IN_FORCE,
        "replaced_by": "",
        "slug": "",
    }
    data.update(overrides)
    return data


def test_add_form_has_the_code_box(superuser_client):
    response = superuser_client.get(ADD_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Số ký hiệu" in html
    assert 'name="code"' in html


def test_add_form_stores_the_symbol_as_typed(superuser_client):
    issuer = OrganizationFactory(name="Ban Chấp hành Trung ương Đảng")
    response = superuser_client.post(
        ADD_URL,
        form_data(issuer, doc_type=Directive.DocumentType.REGULATION, code="08-QĐi/TW",
                  issued_on="25/10/2018"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    directive = Directive.objects.get()
    assert (directive.number, directive.symbol, directive.year) == ("08", "QĐi/TW", 2018)
    assert str(directive) == "Quy định số 08-QĐi/TW"


def test_add_form_state_code_takes_the_year_from_the_code(superuser_client):
    issuer = OrganizationFactory(name="Chính phủ")
    response = superuser_client.post(
        ADD_URL,
        form_data(issuer, doc_type=Directive.DocumentType.DECREE, code="42/2022/NĐ-CP",
                  issued_on="24/06/2022"),
    )
    assert response.status_code == 302
    directive = Directive.objects.get()
    assert (directive.numbering, directive.year, directive.code) == (
        Directive.Numbering.STATE, 2022, "42/2022/NĐ-CP",
    )


@pytest.mark.parametrize("typed", ["20-CT/TW", "20/CT-TW", "020-CT-TW", "20 - ct/tw"])
def test_duplicate_is_a_vietnamese_form_error_not_a_500(superuser_client, typed):
    issuer = OrganizationFactory(name="Bộ Chính trị")
    existing = DirectiveFactory(number="20", symbol="CT/TW", issuer=issuer,
                                issued_on=date(2012, 11, 5))
    response = superuser_client.post(ADD_URL, form_data(issuer, code=typed))
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert errors == [f"Văn bản {parse_typed(typed)} đã có: {existing.reference}."]
    assert "Văn bản" in response.content.decode()
    assert Directive.objects.count() == 1


def parse_typed(typed):
    from news.directive_numbers import parse_code

    return str(parse_code(typed))


def test_the_same_code_of_another_year_is_accepted(superuser_client):
    issuer = OrganizationFactory(name="Bộ Chính trị")
    DirectiveFactory(number="05", symbol="CT/TW", issuer=issuer, issued_on=date(2016, 5, 15))
    response = superuser_client.post(
        ADD_URL, form_data(issuer, code="05-CT/TW", issued_on="21/02/2021")
    )
    assert response.status_code == 302
    assert Directive.objects.filter(number_key="5", symbol_key="CTTW").count() == 2


def test_bad_code_is_a_vietnamese_field_error(superuser_client):
    issuer = OrganizationFactory()
    response = superuser_client.post(ADD_URL, form_data(issuer, code="hai mươi"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["code"] == [
        "Số ký hiệu “hai mươi” không đúng dạng. Ví dụ: 20-CT/TW, 42/2022/NĐ-CP hoặc 123/QĐ-UBND."
    ]


def test_change_form_shows_the_code_and_saves_without_colliding(superuser_client):
    directive = DirectiveFactory(number="08", symbol="QĐi/TW",
                                 doc_type=Directive.DocumentType.REGULATION)
    url = reverse("admin:news_directive_change", args=[directive.pk])
    response = superuser_client.get(url)
    assert 'value="08-QĐi/TW"' in response.content.decode()
    response = superuser_client.post(
        url,
        form_data(directive.issuer, doc_type=directive.doc_type, code="08-QĐi/TW",
                  title="Trích yếu đã sửa", slug=directive.slug),
    )
    assert response.status_code == 302
    directive.refresh_from_db()
    assert (directive.title, directive.symbol) == ("Trích yếu đã sửa", "QĐi/TW")


def test_add_form_is_prefilled_from_the_query_string(superuser_client):
    response = superuser_client.get(
        ADD_URL, {"doc_type": "ket_luan", "code": "43-KL/TW", "issued_on": "07/01/2019"}
    )
    form = response.context["adminform"].form
    assert form["code"].value() == "43-KL/TW"
    assert form["doc_type"].value() == "ket_luan"
    assert 'value="43-KL/TW"' in response.content.decode()


# Who may add and change which directives --------------------------------------------------


@pytest.fixture
def library(db):
    from django.contrib.auth.models import Group
    from factories import StaffUserFactory

    from accounts.roles import APPROVER, LIBRARIAN
    from organizations.models import Membership

    politburo = OrganizationFactory(name="Bộ Chính trị", level="central", kind="party_committee")
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    board = OrganizationFactory(parent=province, name="Ban Tuyên giáo và Dân vận Tỉnh ủy")
    youth = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")

    def staff(role, organization=None):
        user = StaffUserFactory()
        user.groups.add(Group.objects.get(name=role))
        if organization is not None:
            Membership.objects.create(user=user, organization=organization)
        return user

    return {
        "politburo": politburo, "province": province, "board": board, "youth": youth,
        "approver": staff(APPROVER, youth), "librarian": staff(LIBRARIAN),
        "province_approver": staff(APPROVER, province),
    }


def test_an_approver_adds_directives_of_their_organisations_only_and_never_key_ones(
    client, library
):
    client.force_login(library["approver"])

    central = client.post(ADD_URL, form_data(library["politburo"], is_key="on"))
    other = client.post(ADD_URL, form_data(library["board"], code="05-CT/TU"))
    own = client.post(ADD_URL, form_data(library["youth"], code="12-CT/TĐTN", is_key="on"))

    assert central.status_code == other.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in central.content.decode()
    assert own.status_code == 302, own.context["adminform"].form.errors
    assert list(Directive.objects.values_list("issuer__name", "is_key")) == [
        ("Tỉnh Đoàn Bến Tre", False)
    ]


def test_an_approver_reads_but_does_not_change_another_organisations_directive(client, library):
    directive = DirectiveFactory(issuer=library["board"], number="05", symbol="CT/TU")
    client.force_login(library["approver"])
    url = reverse("admin:news_directive_change", args=[directive.pk])

    page = client.get(url)
    tampered = client.post(url, form_data(library["youth"], code="05-CT/TU", title="Đã sửa"))
    listing = client.get(reverse("admin:news_directive_changelist"))

    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert tampered.status_code == 403
    directive.refresh_from_db()
    assert directive.issuer == library["board"]
    assert directive.title != "Đã sửa"
    assert directive in listing.context["cl"].result_list  # the library is shared


def test_the_province_approver_changes_directives_of_its_boards(client, library):
    directive = DirectiveFactory(issuer=library["board"], number="05", symbol="CT/TU")
    client.force_login(library["province_approver"])
    url = reverse("admin:news_directive_change", args=[directive.pk])

    response = client.post(url, form_data(library["board"], code="05-CT/TU", title="Trích yếu mới"))

    assert response.status_code == 302, response.context["adminform"].form.errors
    directive.refresh_from_db()
    assert directive.title == "Trích yếu mới"


def test_the_librarian_adds_central_directives_and_marks_them_key(client, library):
    client.force_login(library["librarian"])

    response = client.post(ADD_URL, form_data(library["politburo"], is_key="on"))
    issuers = client.get(reverse("admin:autocomplete"), {
        "app_label": "news", "model_name": "directive", "field_name": "issuer", "term": "Bộ",
    })

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(Directive.objects.values_list("issuer__name", "is_key")) == [("Bộ Chính trị", True)]
    assert [item["text"] for item in issuers.json()["results"]] == ["Bộ Chính trị"]


def test_linking_a_new_directive_into_older_articles_is_kept_in_their_history(client, library):
    from factories import ArticleFactory

    from news.models import Article

    article = ArticleFactory(
        organization=library["board"], status=Article.Status.DRAFT, published_at=None,
        body="<p>Quán triệt Chỉ thị số 20-CT/TW của Bộ Chính trị.</p>",
    )
    revisions = article.history.count()
    assert article.unresolved_directive_references.exists()
    librarian = library["librarian"]
    client.force_login(librarian)

    response = client.post(ADD_URL, form_data(library["politburo"]))

    assert response.status_code == 302
    article.refresh_from_db()
    assert Directive.objects.get().get_absolute_url() in article.body
    assert article.history.count() == revisions + 1
    latest = article.history.latest("history_date")
    assert latest.history_user == librarian
    assert latest.history_change_reason == "Tự gắn Chỉ thị số 20-CT/TW khi văn bản được lưu"
    assert latest.body == article.body


def test_a_directive_is_said_to_be_replaced_only_by_one_the_user_may_change(client, library):
    own = DirectiveFactory(issuer=library["youth"], number="12", symbol="KH/TĐTN")
    foreign = DirectiveFactory(issuer=library["board"], number="99", symbol="KH/BTGDVTU")
    newer = DirectiveFactory(issuer=library["youth"], number="15", symbol="KH/TĐTN")
    client.force_login(library["approver"])
    url = reverse("admin:news_directive_change", args=[own.pk])

    def replace_with(directive):
        return client.post(url, form_data(library["youth"], code="12-KH/TĐTN",
                                          replaced_by=directive.pk, status="replaced"))

    refused = replace_with(foreign)
    accepted = replace_with(newer)

    assert refused.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in refused.content.decode()
    assert accepted.status_code == 302
    own.refresh_from_db()
    assert own.replaced_by == newer
