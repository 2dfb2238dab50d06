"""load_demo's portals: the Tỉnh ủy's (main) and the Tỉnh Đoàn's, each on its own domain with
its own information, both alive with articles, and a second run changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from demo import data
from demo.portals import MAIN_DOMAIN, YOUTH_UNION_DOMAIN, menus_have_portals
from news.models import Article
from pages.models import Menu, MenuItem, PortalInformation
from portals import hosts
from portals.models import Portal, PortalDomain

pytestmark = pytest.mark.django_db


def load(**options) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def portal_rows():
    return (
        list(Portal.objects.values_list("pk", "organization_id", "is_main").order_by("pk")),
        list(PortalDomain.objects.values_list("portal_id", "domain", "is_primary")
             .order_by("pk")),
        list(PortalInformation.objects.values_list("portal_id", "full_name", "updated_at")
             .order_by("pk")),
        Menu.objects.count(), MenuItem.objects.count(),
    )


def test_two_portals_on_their_domains_and_a_second_run_changes_nothing():
    output = load(articles=30, port=8123)
    main = Portal.objects.get(is_main=True)
    youth = Portal.objects.get(organization__slug=data.PROVINCIAL_YOUTH_UNION)
    assert main.organization.slug == data.PROVINCIAL_COMMITTEE
    assert main.primary_domain == MAIN_DOMAIN == "tinhuy.localhost"
    assert youth.primary_domain == YOUTH_UNION_DOMAIN == "tinhdoan.localhost"
    assert "http://tinhuy.localhost:8123/" in output
    assert "http://tinhdoan.localhost:8123/" in output
    assert "Trang quản trị: http://tinhuy.localhost:8123/admin/" in output

    before = portal_rows()
    again = load(articles=30, port=8123)
    assert portal_rows() == before
    assert "Cổng:" in again
    assert "(mới 0)" in again.split("Cổng:")[1].splitlines()[0]


def test_the_youth_union_portal_speaks_as_the_youth_union(client):
    load(articles=30)
    youth = Portal.objects.get(organization__slug=data.PROVINCIAL_YOUTH_UNION)
    assert youth.information.full_name == "Cổng thông tin điện tử Tỉnh Đoàn Bến Tre"
    assert youth.information.owner == "Ban Thường vụ Tỉnh Đoàn Bến Tre"
    assert youth.information.party_line == "Đoàn TNCS Hồ Chí Minh"

    page = client.get("/", headers={"host": "tinhdoan.localhost:8000"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tỉnh Đoàn Bến Tre" in text
    assert "Đoàn TNCS Hồ Chí Minh" in text
    main_page = client.get("/", headers={"host": "tinhuy.localhost:8000"})
    assert "Cổng Thông tin điện tử Tỉnh ủy Bến Tre" in main_page.content.decode()
    # The server's own names serve the main portal, as before.
    fallback = client.get("/", headers={"host": "127.0.0.1:8000"})
    assert "Cổng Thông tin điện tử Tỉnh ủy Bến Tre" in fallback.content.decode()


def test_each_portal_has_its_own_articles_by_the_organisation_tree():
    load(articles=60)
    hosts.forget()
    main = hosts.main_portal()
    youth = Portal.objects.get(organization__slug=data.PROVINCIAL_YOUTH_UNION)
    youth_orgs = hosts.organization_ids(youth)
    youth_slugs = set(
        Article.objects.published().filter(organization_id__in=youth_orgs)
        .values_list("organization__slug", flat=True)
    )
    # The Tỉnh Đoàn and its district branches, nothing of the Party's.
    assert youth_slugs == {
        data.PROVINCIAL_YOUTH_UNION, data.DISTRICT_YOUTH_UNION_1, data.DISTRICT_YOUTH_UNION_2,
    }
    youth_count = Article.objects.published().filter(organization_id__in=youth_orgs).count()
    main_count = Article.objects.published().filter(
        organization_id__in=hosts.organization_ids(main)
    ).count()
    assert youth_count >= 10
    assert main_count >= 30
    assert youth_count + main_count == Article.objects.published().count()


def test_an_existing_installation_keeps_its_portal_information_and_domains():
    """An installation whose main portal already has its name and a domain of its own
    (an editor's) is left as it is; only what is missing is added."""
    main = Portal.objects.get(is_main=True)
    PortalDomain.objects.create(portal=main, domain="tinhuy.bentre.example.vn", is_primary=True)
    PortalInformation.objects.create(portal=main, full_name="Cổng của tỉnh", owner="Tỉnh ủy")
    load(articles=5)
    main.refresh_from_db()
    assert main.primary_domain == "tinhuy.bentre.example.vn"
    assert main.information.full_name == "Cổng của tỉnh"
    assert not PortalDomain.objects.filter(domain=MAIN_DOMAIN).exists()
    assert Portal.objects.get(organization__slug=data.PROVINCIAL_YOUTH_UNION).primary_domain


@pytest.mark.skipif(not menus_have_portals(), reason="Menu.portal is not there yet")
def test_the_youth_union_portal_has_its_own_menu():
    load(articles=5)
    youth = Portal.objects.get(organization__slug=data.PROVINCIAL_YOUTH_UNION)
    titles = list(
        MenuItem.objects.filter(menu__portal=youth, menu__slug="main", parent=None)
        .order_by("order").values_list("title", flat=True)
    )
    assert titles[:2] == ["Trang chủ", "Hoạt động Đoàn"]
