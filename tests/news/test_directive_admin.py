"""The directive admin: the "Số ký hiệu" box, duplicates refused in Vietnamese, prefilled add form."""

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
