import pytest
from django.contrib.auth.models import Permission, User
from django.template.loader import render_to_string
from django.test import override_settings

from pages.models import StaticPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]


@pytest.fixture
def draft():
    return StaticPage.objects.create(
        title="Lịch tiếp công dân", body="<p>Đang soạn.</p>", is_published=False
    )


def page_editor():
    user = User.objects.create_user("bientap", password="mat-khau-dai-12345", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_staticpage"))
    return user


def test_published_page_is_shown(client):
    page = StaticPage.objects.create(
        title="Giới thiệu chung", summary="Về Cổng thông tin.", body="<p>Nội dung <b>đậm</b></p>"
    )

    response = client.get("/trang/gioi-thieu-chung/")

    assert page.get_absolute_url() == "/trang/gioi-thieu-chung/"
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Giới thiệu chung — " in html
    assert '<meta name="description" content="Về Cổng thông tin.">' in html
    assert "<p>Nội dung <b>đậm</b></p>" in html
    assert "Bản nháp" not in html


def test_slug_is_made_from_the_vietnamese_title_and_kept_unique():
    first = StaticPage.objects.create(title="Đoàn Thanh niên")
    second = StaticPage.objects.create(title="Đoàn thanh niên")
    assert (first.slug, second.slug) == ("doan-thanh-nien", "doan-thanh-nien-2")


def test_body_is_sanitised_on_save():
    page = StaticPage.objects.create(
        title="Trang", body='<p onclick="x()">A</p><script>alert(1)</script>'
    )
    page.refresh_from_db()
    assert page.body == "<p>A</p>"


def test_unknown_page_is_404(client):
    assert client.get("/trang/khong-co/").status_code == 404


def test_draft_is_404_for_the_public(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_draft_is_404_for_staff_without_permission(client, draft):
    client.force_login(User.objects.create_user("khach", password="x" * 12, is_staff=True))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_draft_preview_for_page_editors(client, draft):
    client.force_login(page_editor())

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Bản nháp</strong>" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-cache" in response["Cache-Control"]


def test_robots_txt(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


@override_settings(DEBUG=False)
def test_404_page_is_vietnamese(client):
    response = client.get("/khong-ton-tai-dia-chi-nay/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Không tìm thấy trang" in html
    assert '<a href="/">trang chủ</a>' in html


def test_500_page_renders_without_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "Hệ thống đang gặp sự cố" in html
    assert 'href="/"' in html
