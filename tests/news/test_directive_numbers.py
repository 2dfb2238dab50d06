"""Số ký hiệu: parsing, formatting, keys, and what makes two directives the same document."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from factories import DirectiveFactory, OrganizationFactory
from migration_steps import migrate

from news.directive_numbers import (
    ADMINISTRATIVE,
    PARTY,
    STATE,
    format_code,
    normalize_symbol,
    number_key,
    parse_code,
    symbol_key,
)
from news.models import Directive


@pytest.mark.parametrize(
    ("typed", "number", "symbol", "numbering", "year"),
    [
        ("20-CT/TW", "20", "CT/TW", PARTY, None),
        ("09-NQ/TW", "09", "NQ/TW", PARTY, None),
        ("08-QĐi/TW", "08", "QĐi/TW", PARTY, None),
        ("367-QĐ/TWĐTN-VP", "367", "QĐ/TWĐTN-VP", PARTY, None),
        ("12-KH/TĐTN-PT", "12", "KH/TĐTN-PT", PARTY, None),
        ("42/2022/NĐ-CP", "42", "NĐ-CP", STATE, 2022),
        ("05/2021/TT-BNV", "05", "TT-BNV", STATE, 2021),
        ("1234/QĐ-UBND", "1234", "QĐ-UBND", ADMINISTRATIVE, None),
        ("43/KL-TW", "43", "KL-TW", ADMINISTRATIVE, None),
        # Spacing, dash style and a leading "số" are tidied; letters are kept as typed.
        ("  số 20 - CT / TW ", "20", "CT/TW", PARTY, None),
        ("Số: 20–CT/TW", "20", "CT/TW", PARTY, None),
        ("42 / 2022 / NĐ – CP", "42", "NĐ-CP", STATE, 2022),
        ("20-ct/tw", "20", "CT/TW", PARTY, None),
    ],
)
def test_parse_code_shapes(typed, number, symbol, numbering, year):
    parsed = parse_code(typed)
    assert parsed is not None
    assert (parsed.number, parsed.symbol, parsed.numbering, parsed.year) == (
        number, symbol, numbering, year,
    )


@pytest.mark.parametrize("code", ["20-CT/TW", "08-QĐi/TW", "367-QĐ/TWĐTN-VP", "42/2022/NĐ-CP",
                                  "1234/QĐ-UBND", "09-NQ/TW"])
def test_parse_and_format_round_trip(code):
    parsed = parse_code(code)
    assert str(parsed) == code
    assert format_code(parsed.number, parsed.symbol, parsed.numbering, parsed.year) == code
    assert parse_code(str(parsed)) == parsed


@pytest.mark.parametrize("text", ["", "   ", "CT/TW", "20", "hai mươi-CT/TW", "20-", "/CT-TW",
                                  "20-CT/TW; DROP TABLE", "20--"])
def test_parse_code_refuses_other_shapes(text):
    assert parse_code(text) is None


def test_symbol_is_kept_as_written_and_keys_compare():
    assert normalize_symbol("QĐi/TW") == "QĐi/TW"
    assert normalize_symbol("ct / tw") == "CT/TW"
    assert symbol_key("QĐi/TW") == "QDITW" != symbol_key("QĐ/TW")
    assert symbol_key("CT/TW") == symbol_key("CT-TW") == symbol_key("ct tw") == "CTTW"
    assert symbol_key("NĐ-CP") == symbol_key("ND/CP") == "NDCP"
    assert number_key("09") == number_key("9") == "9"
    assert number_key("12A") == number_key("12a")
    assert number_key("0") == number_key("00") == "0"


@pytest.mark.django_db
def test_model_keeps_symbol_as_typed_and_fills_keys():
    directive = DirectiveFactory.build(issuer=OrganizationFactory())
    directive.set_code("08-QĐi/TW")
    directive.save()
    directive.refresh_from_db()
    assert directive.symbol == "QĐi/TW"
    assert directive.code == "08-QĐi/TW"
    assert (directive.number_key, directive.symbol_key) == ("8", "QDITW")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first", "second"),
    [("09-NQ/TW", "9-NQ/TW"), ("20-CT/TW", "20-CT-TW"), ("20-CT/TW", "20/CT-TW"),
     ("20-CT/TW", "020 - ct/tw")],
)
def test_same_document_in_other_spellings_is_refused(first, second):
    issuer = OrganizationFactory(name="Bộ Chính trị")
    existing = DirectiveFactory.build(issuer=issuer, issued_on=date(2012, 11, 5))
    existing.set_code(first)
    existing.save()

    duplicate = DirectiveFactory.build(issuer=issuer, issued_on=date(2012, 11, 5))
    duplicate.set_code(second)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert f"Văn bản {duplicate.code} đã có: {existing.reference}." in error.value.messages

    # The database refuses it too, whatever path the row takes.
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


@pytest.mark.django_db
def test_same_code_is_another_document_in_another_year_or_from_another_issuer():
    district_a = OrganizationFactory(name="Huyện ủy Chợ Lách")
    district_b = OrganizationFactory(name="Huyện ủy Ba Tri")
    for issuer, issued_on in [(district_a, date(2024, 3, 1)), (district_b, date(2024, 3, 2)),
                              (district_a, date(2025, 3, 1))]:
        directive = DirectiveFactory.build(issuer=issuer, issued_on=issued_on)
        directive.set_code("05-CT/HU")
        directive.full_clean()
        directive.save()
    assert Directive.objects.filter(symbol_key="CTHU", number_key="5").count() == 3


@pytest.mark.django_db
def test_editing_a_directive_does_not_collide_with_itself():
    directive = DirectiveFactory(number="20", symbol="CT/TW")
    directive.title = "Trích yếu mới"
    directive.full_clean()
    directive.save()


MIGRATED = [("news", "0004_directive_unique_code")]


@pytest.mark.django_db(transaction=True)
def test_migration_fills_keys_and_folds_duplicates():
    # Organisations as they were then too: later columns (logo_renditions) have no default
    # in the database, so the old models could not insert rows.
    before = [("news", "0002_directive_is_key"), ("organizations", "0002_membership")]
    executor = migrate(before)
    apps = executor.loader.project_state(before).apps
    old_directive = apps.get_model("news", "Directive")
    old_article = apps.get_model("news", "Article")
    old_category = apps.get_model("news", "Category")
    old_organization = apps.get_model("organizations", "Organization")
    try:
        issuer = old_organization.objects.create(name="Bộ Chính trị", slug="bct", path="0001",
                                                 depth=1)
        fields = {"doc_type": "nghi_quyet", "numbering": "party", "year": 2011,
                  "issued_on": date(2011, 12, 9), "issuer": issuer, "title": "Về doanh nhân"}
        first = old_directive.objects.create(number="09", symbol="NQ/TW", symbol_key="NQTW",
                                             slug="nq-09", **fields)
        second = old_directive.objects.create(number="9", symbol="NQ – TW", symbol_key="NQTW",
                                              slug="nq-9", summary="Tóm tắt", **fields)
        replaced = old_directive.objects.create(
            number="1", symbol="NQ/TW", symbol_key="NQTW", slug="nq-1", replaced_by=second,
            status="replaced", **fields,
        )
        category = old_category.objects.create(name="Tin tức", slug="tin-tuc")
        article = old_article.objects.create(title="Bài", slug="bai", organization=issuer,
                                             category=category)
        article.directives.add(second)

        apps = migrate(MIGRATED).loader.project_state(MIGRATED).apps
        new_directive = apps.get_model("news", "Directive")
        kept = new_directive.objects.get(pk=first.pk)
        assert not new_directive.objects.filter(pk=second.pk).exists()
        assert (kept.number_key, kept.symbol_key, kept.summary) == ("9", "NQTW", "Tóm tắt")
        assert new_directive.objects.get(pk=replaced.pk).replaced_by_id == kept.pk
        assert new_directive.objects.get(pk=replaced.pk).symbol == "NQ/TW"
        assert list(kept.articles.values_list("pk", flat=True)) == [article.pk]
    finally:
        # Later migrations run on an empty database, as the rest of the suite expects.
        old_article.objects.all().delete()
        old_directive.objects.all().delete()
        old_category.objects.all().delete()
        old_organization.objects.all().delete()
        migrate(None)
