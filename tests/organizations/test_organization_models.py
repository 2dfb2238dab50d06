"""The organisation tree, dissolved organisations and their successors (organizations/models.py)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from factories import ArticleFactory, OrganizationFactory, SuccessionFactory

from news.models import Article
from organizations.models import Organization, Succession

pytestmark = pytest.mark.django_db


def test_organisation_tree():
    central = OrganizationFactory(name="Ban Chấp hành Trung ương Đảng", level="central")
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre", parent=central)
    propaganda = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy", parent=province, order=1)
    mass = OrganizationFactory(name="Ban Dân vận Tỉnh ủy", parent=province, order=2)
    youth = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")

    assert propaganda.parent == province
    assert province.parent == central
    assert central.parent is None
    assert list(Organization.objects.get_children(province)) == [propaganda, mass]
    assert set(Organization.objects.get_descendants(central)) == {province, propaganda, mass}
    assert set(Organization.objects.get_root_nodes()) == {central, youth}
    assert propaganda.slug == "ban-tuyen-giao-tinh-uy"
    assert propaganda.get_absolute_url() == "/to-chuc/ban-tuyen-giao-tinh-uy/"


def test_a_dissolved_organisation_keeps_its_name_and_says_until_when():
    old = OrganizationFactory(
        name="Ban Tuyên giáo Tỉnh ủy", active_from=date(1930, 2, 3), active_until=date(2025, 2, 28)
    )
    current = OrganizationFactory(name="Ban Tuyên giáo và Dân vận Tỉnh ủy", active_from=date(2025, 3, 1))
    assert str(old) == "Ban Tuyên giáo Tỉnh ủy (đến 28/02/2025)"
    assert str(current) == "Ban Tuyên giáo và Dân vận Tỉnh ủy"
    assert not old.is_active and current.is_active
    assert list(Organization.objects.active()) == [current]
    assert list(Organization.objects.active(on=date(2024, 6, 1))) == [old]


def test_an_organisation_cannot_end_before_it_starts():
    organization = OrganizationFactory(active_from=date(2025, 3, 1), active_until=date(2025, 2, 1))
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert "active_until" in error.value.message_dict


def test_succession_after_the_2025_merger():
    propaganda = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy", active_until=date(2025, 2, 28))
    mass = OrganizationFactory(name="Ban Dân vận Tỉnh ủy", active_until=date(2025, 2, 28))
    merged = OrganizationFactory(name="Ban Tuyên giáo và Dân vận Tỉnh ủy")
    first = SuccessionFactory(predecessor=propaganda, successor=merged)
    SuccessionFactory(predecessor=mass, successor=merged)

    assert str(first) == "Ban Tuyên giáo Tỉnh ủy → hợp nhất/sáp nhập vào Ban Tuyên giáo và Dân vận Tỉnh ủy"
    assert [s.successor for s in propaganda.successors()] == [merged]
    assert {s.predecessor for s in merged.predecessors()} == {propaganda, mass}
    # The old board's articles still point at it.
    article = ArticleFactory(organization=propaganda)
    assert Article.objects.get(pk=article.pk).organization == propaganda


def test_an_organisation_cannot_succeed_itself():
    organization = OrganizationFactory()
    succession = Succession(predecessor=organization, successor=organization)
    with pytest.raises(ValidationError) as error:
        succession.full_clean()
    assert "Một tổ chức không thể kế tục chính nó." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        succession.save()


def test_the_same_succession_is_recorded_once():
    succession = SuccessionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Succession.objects.create(
            predecessor=succession.predecessor, successor=succession.successor,
            kind=Succession.Kind.RENAMED_TO,
        )
