"""The "Liên kết website" block: links checked by the rule of core/links.py, logos checked as
every upload is, kept by the Quản trị cổng, shown on the home page and renewed there."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from factories import OrganizationFactory, image_bytes, member

from accounts.roles import EDITOR, PORTAL_ADMIN, REPORTER, SITE_ADMIN
from core.links import WEBSITE_ERROR
from pages.models import WebsiteLink
from portals.hosts import main_portal

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/pages/websitelink/add/"


def png(name="logo.png"):
    return SimpleUploadedFile(name, image_bytes("PNG", size=(180, 60)), content_type="image/png")


@pytest.mark.parametrize("address", [
    "javascript:alert(1)",
    "/tin-tuc/",
    "//chinhphu.vn/",
    "chinhphu.vn",
    "https://portal.example.vn@evil.example/",
    "http:chinhphu.vn",
    "https://chinh phu.vn/",
])
def test_an_address_that_is_not_an_external_website_is_refused_in_vietnamese(address):
    link = WebsiteLink(name="Cổng Thông tin điện tử Chính phủ", address=address)
    with pytest.raises(ValidationError) as refused:
        link.full_clean()
    assert refused.value.message_dict["address"] == [WEBSITE_ERROR]


def test_a_link_needs_an_address():
    with pytest.raises(ValidationError) as refused:
        WebsiteLink(name="Quốc hội", address="").full_clean()
    assert refused.value.message_dict["address"] == ["Trường này không được để trắng."]


def test_a_website_address_is_accepted():
    link = WebsiteLink(name="Cổng Dịch vụ công quốc gia", address="https://dichvucong.gov.vn/")
    link.full_clean()


def test_a_file_that_is_not_an_image_is_refused_as_logo():
    link = WebsiteLink(
        name="Quốc hội", address="https://quochoi.vn/",
        logo=SimpleUploadedFile("logo.png", b"<html>not an image</html>"),
    )
    with pytest.raises(ValidationError) as refused:
        link.full_clean()
    assert "không phải là ảnh hợp lệ" in " ".join(refused.value.message_dict["logo"])


@pytest.fixture
def portal_admin():
    return member(PORTAL_ADMIN, OrganizationFactory(name="Tỉnh ủy Bến Tre"))


def test_the_portal_administrator_adds_a_link_with_its_logo(client, portal_admin):
    client.force_login(portal_admin)
    response = client.post(ADD_URL, {
        "portal": str(main_portal().pk),
        "name": "Báo điện tử Đảng Cộng sản Việt Nam", "address": "https://dangcongsan.vn/",
        "logo": png(), "order": "10", "is_active": "on",
    })
    assert response.status_code == 302, response.context and response.context["errors"]
    link = WebsiteLink.objects.get()
    assert link.logo.name.startswith("website-links/")
    assert link.logo_original_name == "logo.png"
    listing = client.get("/admin/pages/websitelink/").content.decode()
    assert f'src="{link.logo.url}"' in listing
    assert "Báo điện tử Đảng Cộng sản Việt Nam" in listing


def test_the_admin_form_refuses_bad_input_in_vietnamese(client, portal_admin):
    client.force_login(portal_admin)
    response = client.post(ADD_URL, {
        "name": "Giả mạo", "address": "javascript:alert(1)",
        "logo": SimpleUploadedFile("logo.png", b"GIF89a broken"), "order": "x",
    })
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["address"] == [WEBSITE_ERROR]
    assert errors["logo"][0].startswith("Hãy tải lên một hình ảnh hợp lệ.")
    assert errors["order"] == ["Nhập một số tổng thể."]  # Django's Vietnamese for it
    assert not WebsiteLink.objects.exists()


@pytest.mark.parametrize("role", [REPORTER, EDITOR, SITE_ADMIN])
def test_other_roles_do_not_keep_the_links(client, role):
    link = WebsiteLink.objects.create(name="Quốc hội", address="https://quochoi.vn/")
    client.force_login(member(role, OrganizationFactory(name="Tỉnh Đoàn Bến Tre")))
    assert client.get(ADD_URL).status_code == 403
    assert client.get(f"/admin/pages/websitelink/{link.pk}/change/").status_code in (302, 403)
    client.post(f"/admin/pages/websitelink/{link.pk}/delete/", {"post": "yes"})
    assert WebsiteLink.objects.filter(pk=link.pk).exists()


def test_the_home_page_shows_the_block_of_logos_and_names(client):
    WebsiteLink.objects.create(
        name="Cổng Thông tin điện tử Chính phủ", address="https://chinhphu.vn/", order=20,
        logo=SimpleUploadedFile("chinhphu.png", image_bytes("PNG")),
    )
    WebsiteLink.objects.create(name="Quốc hội", address="https://quochoi.vn/", order=10)
    WebsiteLink.objects.create(
        name="Trang đã ẩn", address="https://an.example.vn/", is_active=False
    )
    html = client.get("/").content.decode()
    block = html[html.index('<section class="block website-links"'):]
    block = block[: block.index("</section>")]
    assert "Liên kết website" in block
    links = re.findall(r"<a [^>]*>.*?</a>", block, re.S)
    assert len(links) == 2
    assert "Quốc hội" in links[0]  # in their order
    assert "chinhphu.vn" in links[1]
    for link in links:
        assert 'target="_blank"' in link
        assert 'rel="noopener external"' in link
        assert '<span class="visually-hidden"> (mở trong tab mới)</span>' in link
    assert '<span class="website-link-name">Quốc hội</span>' in links[0]
    assert 'alt="Cổng Thông tin điện tử Chính phủ"' in links[1]
    assert "Trang đã ẩn" not in html


def test_an_address_stored_before_the_rule_is_never_shown(client):
    WebsiteLink.objects.bulk_create([
        WebsiteLink(name="Lối vào giả", address="javascript:alert(1)", portal=main_portal()),
    ])
    html = client.get("/").content.decode()
    assert "javascript:" not in html
    assert "Lối vào giả" not in html


@pytest.mark.usefixtures("page_cache_on")
def test_a_change_to_the_links_renews_the_cached_home_page(
    client, django_capture_on_commit_callbacks
):
    link = WebsiteLink.objects.create(name="Tạp chí Tuyên giáo", address="https://tuyengiao.vn/")
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        link.name = "Tạp chí Tuyên giáo điện tử"
        link.save()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Tạp chí Tuyên giáo điện tử" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        link.delete()
    assert "Tạp chí Tuyên giáo" not in client.get("/").content.decode()
