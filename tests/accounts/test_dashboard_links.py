"""The dashboard offers only what its reader may do."""

from django.test import Client

NEW_ARTICLE = '<a class="addlink" href="/admin/news/article/add/">Viết bài mới</a>'


def test_an_administrator_without_a_writing_role_is_not_offered_a_new_article(site_admin):
    client = Client()
    client.force_login(site_admin)

    page = client.get("/admin/").content.decode()

    assert "Bài nháp của tôi" in page
    assert NEW_ARTICLE not in page
    assert client.get("/admin/news/article/add/").status_code == 403


def test_a_writer_is_offered_a_new_article(superuser_client):
    assert NEW_ARTICLE in superuser_client.get("/admin/").content.decode()
