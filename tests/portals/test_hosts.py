"""Which portal answers a host (portals/hosts.py, portals/middleware.py): each portal's
domains, aliases redirecting to the primary domain, the server's own names serving the main
portal, unknown hosts refused; which portal each organisation belongs to; the host map kept
in the cache and forgotten when a portal, a domain or an organisation changes."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from factories import OrganizationFactory, PortalDomainFactory, PortalFactory

from pages.models import PortalInformation
from portals import hosts
from portals.models import Portal, PortalDomain, normalise_domain

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """Tỉnh ủy (the main portal's) › Ban Tuyên giáo (no portal of its own),
    Tỉnh ủy › Tỉnh Đoàn (its own portal) › Huyện Đoàn Châu Thành."""
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    board = OrganizationFactory(name="Ban Tuyên giáo và Dân vận Tỉnh ủy", parent=province)
    youth = OrganizationFactory(name="Tỉnh Đoàn Bến Tre", parent=province)
    branch = OrganizationFactory(name="Huyện Đoàn Châu Thành", parent=youth)
    main = hosts.main_portal()
    main.organization = province
    main.save()
    PortalDomain.objects.create(portal=main, domain="tinhuy.example.vn", is_primary=True)
    PortalDomain.objects.create(portal=main, domain="www.tinhuy.example.vn")
    youth_portal = PortalFactory(organization=youth, domain="tinhdoan.example.vn")
    PortalInformation.objects.create(
        portal=youth_portal, full_name="Cổng thông tin điện tử Tỉnh Đoàn Bến Tre",
        owner="Ban Thường vụ Tỉnh Đoàn Bến Tre",
    )
    return {"province": province, "board": board, "youth": youth, "branch": branch,
            "main": main, "youth_portal": youth_portal}


def title_of(response) -> str:
    html = response.content.decode()
    return html[html.index("<title>"):html.index("</title>")]


def test_each_domain_answers_with_its_own_portal(client, tree):
    PortalInformation.objects.create(full_name="Cổng thông tin điện tử Tỉnh ủy Bến Tre",
                                     owner="Tỉnh ủy Bến Tre")

    main = client.get("/", headers={"host": "tinhuy.example.vn"})
    youth = client.get("/", headers={"host": "tinhdoan.example.vn"})

    assert main.status_code == youth.status_code == 200
    assert "Tỉnh ủy Bến Tre" in title_of(main)
    assert "Tỉnh Đoàn Bến Tre" in title_of(youth)
    assert "Tỉnh Đoàn" not in title_of(main)


def test_the_port_of_a_host_does_not_matter_and_case_neither(client, tree):
    response = client.get("/", headers={"host": "TinhDoan.Example.VN:8000"})
    assert response.status_code == 200
    assert "Tỉnh Đoàn Bến Tre" in title_of(response)


def test_an_alias_redirects_to_the_primary_domain_keeping_the_path(client, tree):
    response = client.get("/tin-tuc/?page=2", headers={"host": "www.tinhuy.example.vn"})
    assert response.status_code == 301
    assert response["Location"] == "http://tinhuy.example.vn/tin-tuc/?page=2"


@pytest.mark.parametrize("host", ["evil.example.com", "tinhdoan.example.vn.evil.com",
                                  "x.tinhuy.example.vn", "tinhuy.example.vn@evil.com"])
def test_an_unknown_host_answers_400_in_vietnamese_never_a_portal(client, tree, host):
    response = client.get("/", headers={"host": host})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Địa chỉ không thuộc cổng nào" in html
    assert "Tỉnh ủy" not in html
    assert "Tỉnh Đoàn" not in html


def test_an_unknown_host_redirects_to_the_main_portal_when_configured(client, tree, settings):
    settings.PORTAL_UNKNOWN_HOST_REDIRECT = "https://tinhuy.example.vn/"
    response = client.get("/tin-tuc/", headers={"host": "cu.example.vn"})
    assert response.status_code == 301
    assert response["Location"] == "https://tinhuy.example.vn/"


def test_the_servers_own_names_serve_the_main_portal(client, tree):
    for host in ("testserver", "localhost:8000", "127.0.0.1"):
        response = client.get("/", headers={"host": host})
        assert response.status_code == 200, host
        assert "Tỉnh Đoàn" not in title_of(response)


def test_each_organisation_belongs_to_its_nearest_portal(tree):
    assert hosts.portal_of_organization(tree["province"].pk) == tree["main"]
    assert hosts.portal_of_organization(tree["board"].pk) == tree["main"]
    assert hosts.portal_of_organization(tree["youth"].pk) == tree["youth_portal"]
    assert hosts.portal_of_organization(tree["branch"].pk) == tree["youth_portal"]
    assert hosts.organization_ids(tree["youth_portal"]) == {tree["youth"].pk, tree["branch"].pk}
    assert hosts.organization_ids(tree["main"]) == {tree["province"].pk, tree["board"].pk}


def test_a_new_organisation_under_a_portal_belongs_to_it_at_once(tree):
    hosts.portal_map()  # cached
    commune = OrganizationFactory(name="Đoàn xã An Hiệp", parent=tree["branch"])
    assert hosts.portal_of_organization(commune.pk) == tree["youth_portal"]


def test_the_host_map_is_read_once_then_kept(tree, django_assert_num_queries):
    hosts.resolve("tinhdoan.example.vn")
    with django_assert_num_queries(0):
        for _ in range(5):
            assert hosts.resolve("tinhdoan.example.vn").portal == tree["youth_portal"]
    hosts._local = None  # another process: reads the shared cache, not the database
    with django_assert_num_queries(0):
        assert hosts.resolve("tinhuy.example.vn").portal == tree["main"]


def test_a_new_domain_answers_at_once(client, tree):
    assert client.get("/", headers={"host": "doan.bentre.example.vn"}).status_code == 400
    PortalDomainFactory(portal=tree["youth_portal"], domain="doan.bentre.example.vn")
    response = client.get("/", headers={"host": "doan.bentre.example.vn"})
    assert response.status_code == 301
    assert response["Location"] == "http://tinhdoan.example.vn/"


def test_a_removed_domain_stops_answering(client, tree):
    PortalDomain.objects.filter(domain="tinhdoan.example.vn").delete()
    assert client.get("/", headers={"host": "tinhdoan.example.vn"}).status_code == 400


def test_links_to_another_portal_are_full_addresses(tree, settings):
    settings.PORTAL_URL_SCHEME = "https"
    assert hosts.url_on(tree["main"], "/tin-tuc/") == "/tin-tuc/"  # the current one
    assert hosts.url_on(tree["youth_portal"], "/tin-tuc/a/") == (
        "https://tinhdoan.example.vn/tin-tuc/a/"
    )


@pytest.mark.parametrize(("typed", "stored"), [
    ("https://TinhDoan.Example.vn/", "tinhdoan.example.vn"),
    ("tinhdoan.example.vn:443", "tinhdoan.example.vn"),
    ("tinhdoan.localhost:8000", "tinhdoan.localhost:8000"),
    ("tinhdoan.example.vn.", "tinhdoan.example.vn"),
])
def test_domains_are_stored_as_browsers_send_them(typed, stored):
    assert normalise_domain(typed) == stored


@pytest.mark.parametrize("typed", ["tỉnh đoàn.vn", "exa mple.vn", "-bad.vn", "a..vn", ""])
def test_a_bad_domain_is_refused_in_vietnamese(tree, typed):
    domain = PortalDomain(portal=tree["youth_portal"], domain=typed)
    with pytest.raises(ValidationError) as refused:
        domain.full_clean()
    assert "Tên miền" in str(refused.value) or "để trắng" in str(refused.value)


def test_a_domain_belongs_to_one_portal_only(tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        PortalDomain.objects.create(portal=tree["youth_portal"], domain="TINHUY.example.vn")


def test_there_is_one_main_portal(tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        Portal.objects.create(is_main=True)


def test_a_portal_other_than_the_main_one_needs_an_organisation():
    with pytest.raises(ValidationError):
        Portal(is_main=False).full_clean()


def test_a_portal_shows_the_tree_of_its_own_organisation(client, tree, settings):
    settings.PORTAL_URL_SCHEME = "https"
    youth = client.get("/to-chuc/", headers={"host": "tinhdoan.example.vn"}).content.decode()
    assert "Huyện Đoàn Châu Thành" in youth
    assert "Ban Tuyên giáo" not in youth

    main = client.get("/to-chuc/", headers={"host": "tinhuy.example.vn"}).content.decode()
    assert "Ban Tuyên giáo" in main
    assert 'href="https://tinhdoan.example.vn/to-chuc/' in main  # the Tỉnh Đoàn on its portal


def test_an_organisation_page_answers_on_its_own_portal_only(client, tree, settings):
    settings.PORTAL_URL_SCHEME = "https"
    path = tree["branch"].get_absolute_url()

    assert client.get(path, headers={"host": "tinhdoan.example.vn"}).status_code == 200
    moved = client.get(path + "tin-tuc/?page=1", headers={"host": "tinhuy.example.vn"})
    assert moved.status_code == 301
    assert moved["Location"] == f"https://tinhdoan.example.vn{path}tin-tuc/?page=1"
    back = client.get(tree["board"].get_absolute_url(), headers={"host": "tinhdoan.example.vn"})
    assert back["Location"] == f"https://tinhuy.example.vn{tree['board'].get_absolute_url()}"


def test_links_to_another_portal_keep_the_port_the_installation_answers_on(client, tree):
    response = client.get("/to-chuc/", headers={"host": "tinhuy.example.vn:8000"})
    assert "://tinhdoan.example.vn:8000/to-chuc/" in response.content.decode()


def test_an_alias_keeps_the_port_the_installation_answers_on(client, tree):
    response = client.get("/tin-tuc/", headers={"host": "www.tinhuy.example.vn:8000"})
    assert response["Location"] == "http://tinhuy.example.vn:8000/tin-tuc/"


def test_a_malformed_host_answers_400_in_vietnamese(client, tree):
    response = client.get("/", headers={"host": "tinhdoan.example.vn:8000."})
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_the_admin_names_the_portal_it_is_opened_on(admin_client, tree):
    html = admin_client.get("/admin/", headers={"host": "tinhdoan.example.vn"}).content.decode()
    assert "Quản trị Cổng thông tin điện tử Tỉnh Đoàn Bến Tre" in html


def test_the_contact_page_gives_the_portals_own_organisation(client, tree):
    html = client.get("/lien-he/", headers={"host": "tinhdoan.example.vn"}).content.decode()
    contact = html[html.index('id="contact-details-heading"'):]
    assert "Tỉnh Đoàn Bến Tre" in contact
    assert "Tỉnh ủy" not in contact
