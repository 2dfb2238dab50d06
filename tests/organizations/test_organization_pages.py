"""Public organisation pages: the tree, one organisation, its news, and the English page."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from factories import ArticleFactory, OrganizationFactory, PersonFactory, PositionFactory

from news.models import Article
from organizations.models import Organization, Succession

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def child(parent, **fields) -> Organization:
    return Organization.objects.add_child(parent, instance=Organization(**fields))


@pytest.fixture
def province():
    return OrganizationFactory(
        name="Tỉnh ủy Bến Tre", short_name="Tỉnh ủy", name_en="Ben Tre Provincial Party Committee",
        address="Số 7 Cách Mạng Tháng Tám, TP. Bến Tre", phone="0275 3822 123",
        email="tinhuy@bentre.dcs.vn", website="https://bentre.dcs.vn",
        introduction="<p>Tỉnh ủy là cơ quan lãnh đạo của Đảng bộ tỉnh.</p>",
    )


def test_tree_shows_the_hierarchy_in_order(client, province):
    child(province, name="Ủy ban Kiểm tra Tỉnh ủy", order=50)
    child(province, name="Ban Tổ chức Tỉnh ủy", order=10)
    youth_root = OrganizationFactory(name="Trung ương Đoàn TNCS Hồ Chí Minh", order=200)
    child(youth_root, name="Tỉnh Đoàn Bến Tre")

    page = html(client.get("/to-chuc/"))

    positions = [page.index(name) for name in (
        "Tỉnh ủy Bến Tre", "Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy",
        "Trung ương Đoàn TNCS Hồ Chí Minh", "Tỉnh Đoàn Bến Tre",
    )]
    assert positions == sorted(positions)


def test_changing_the_order_in_the_admin_reorders_siblings(admin_client, province):
    late = child(province, name="Văn phòng Tỉnh ủy", order=60)
    child(province, name="Ban Tổ chức Tỉnh ủy", order=10)

    response = admin_client.post(
        f"/admin/organizations/organization/{late.pk}/change/",
        {
            "name": late.name, "kind": late.kind, "level": late.level, "order": 5,
            "treebeard_position": "sorted-child", "treebeard_ref_node": province.pk,
            "positions-TOTAL_FORMS": 0, "positions-INITIAL_FORMS": 0,
            "successions_as_predecessor-TOTAL_FORMS": 0,
            "successions_as_predecessor-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    names = [org.name for org in Organization.objects.get_children(province)]
    assert names == ["Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy"]


def test_organisation_page_shows_introduction_leaders_contacts_news_and_children(client, province):
    secretary = PersonFactory(
        full_name="Trần Văn Minh", phone="0918 000 111", email="minh@bentre.dcs.vn"
    )
    PositionFactory(person=secretary, organization=province, title="Bí thư Tỉnh ủy", order=1)
    PositionFactory(organization=province, title="Nguyên Phó Bí thư", started_on=date(2015, 1, 1),
                    ended_on=date(2020, 10, 1))
    board = child(province, name="Ban Tổ chức Tỉnh ủy", short_name="BTC Tỉnh ủy")
    news = ArticleFactory(title="Tỉnh ủy họp phiên thường kỳ", organization=province)
    draft = ArticleFactory(title="Dự thảo chưa đăng", organization=province,
                           status=Article.Status.DRAFT, published_at=None)

    response = client.get(province.get_absolute_url())
    page = html(response)

    assert response.status_code == 200
    assert "Giới thiệu" in page
    assert "cơ quan lãnh đạo của Đảng bộ tỉnh" in page
    assert "Lãnh đạo" in page
    assert "Trần Văn Minh" in page
    assert "Bí thư Tỉnh ủy" in page
    assert "Nguyên Phó Bí thư" not in page
    assert 'href="tel:0918000111"' in page or "0918 000 111" in page
    assert "Số 7 Cách Mạng Tháng Tám" in page
    assert "tinhuy@bentre.dcs.vn" in page
    assert news.get_absolute_url() in page
    assert draft.title not in page
    assert board.get_absolute_url() in page


def test_merged_organisation_shows_its_period_and_successor(client, province):
    old = child(province, name="Ban Tuyên giáo Tỉnh ủy", active_from=date(1990, 1, 1),
                active_until=date(2025, 2, 28))
    new = child(province, name="Ban Tuyên giáo và Dân vận Tỉnh ủy", active_from=date(2025, 3, 1))
    Succession.objects.create(predecessor=old, successor=new, kind=Succession.Kind.MERGED_INTO,
                              effective_on=date(2025, 3, 1))

    old_page = html(client.get(old.get_absolute_url()))
    new_page = html(client.get(new.get_absolute_url()))

    assert "từ 01/01/1990 đến 28/02/2025" in old_page
    assert "Hợp nhất/sáp nhập vào" in old_page
    assert new.get_absolute_url() in old_page
    assert "Được thành lập trên cơ sở" in new_page
    assert old.get_absolute_url() in new_page


def test_organisation_news_list_is_paginated_and_public_only(client, province):
    now = timezone.now()
    for index in range(25):
        ArticleFactory(title=f"Tin số {index}", organization=province,
                       published_at=now - timedelta(hours=index + 1))
    ArticleFactory(title="Tin đơn vị khác")
    ArticleFactory(title="Hẹn giờ", organization=province, published_at=now + timedelta(hours=2))

    detail = html(client.get(province.get_absolute_url()))
    first = client.get(f"{province.get_absolute_url()}tin-tuc/")
    second = client.get(f"{province.get_absolute_url()}tin-tuc/?page=2")

    assert f'href="{province.get_absolute_url()}tin-tuc/"' in detail
    assert first.status_code == 200
    assert "Tin hoạt động — Tỉnh ủy Bến Tre" in html(first)
    assert len(first.context["articles"]) == 20
    assert [a.title for a in second.context["articles"]] == [f"Tin số {i}" for i in range(20, 25)]
    assert "Tin đơn vị khác" not in html(first) + html(second)
    assert "Hẹn giờ" not in html(first)
    assert client.get("/to-chuc/khong-co/tin-tuc/").status_code == 404


def test_unknown_organisation_is_404(client):
    assert client.get("/to-chuc/khong-co-to-chuc-nay/").status_code == 404


def test_english_page_lists_structure_and_officials_contacts(client, province):
    youth = child(province, name="Tỉnh Đoàn Bến Tre", name_en="Ben Tre Provincial Youth Union")
    dissolved = child(
        province, name="Ban cũ", name_en="Former Board", active_until=date(2020, 1, 1)
    )
    official = PersonFactory(
        full_name="Nguyễn Thị Lan", phone="0275 3811 222", email="lan@bentre.vn"
    )
    PositionFactory(person=official, organization=youth, title="Bí thư Tỉnh Đoàn",
                    title_en="Secretary of the Provincial Youth Union")

    response = client.get("/en/")
    page = html(response)

    assert response.status_code == 200
    assert 'lang="en"' in page
    assert 'Decree No. <span lang="vi">42/2022/NĐ-CP</span>' in page
    assert "Ben Tre Provincial Party Committee" in page
    assert "Ben Tre Provincial Youth Union" in page
    assert "Former Board" not in page
    assert dissolved.get_absolute_url() not in page
    for text in ("Nguyễn Thị Lan", "Secretary of the Provincial Youth Union", "0275 3811 222",
                 "lan@bentre.vn"):
        assert text in page
