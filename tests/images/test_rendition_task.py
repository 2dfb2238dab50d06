"""Renditions made by the task worker (images/tasks.py): the save only enqueues them, pages
show the upload until they land, and the cached page picks them up when they do.

These run the production backend (django-tasks-db) and its worker; the rest of the suite
makes renditions at once with the immediate backend.
"""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django_tasks_db.models import DBTaskResult
from factories import ArticleFactory, LibraryImageFactory, OrganizationFactory
from PIL import Image

from library.models import LibraryImage
from news.models import Article
from organizations.models import Organization

pytestmark = pytest.mark.django_db


def photo(name="bia.jpg", size=(1200, 900)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name=name)


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_save_enqueues_the_renditions_and_the_worker_makes_them(database_tasks, media_files):
    article = ArticleFactory(cover=LibraryImageFactory(file=photo()))
    assert Article.objects.get(pk=article.pk).cover.card_renditions == {}
    assert not [name for name in media_files() if name.startswith("renditions/")]
    waiting = DBTaskResult.objects.all()  # the image's figure and card copies
    assert set(waiting.values_list("task_path", "status")) == {
        ("images.tasks.make_image_renditions", "READY")}
    assert waiting.count() == 2

    database_tasks()

    article.refresh_from_db()
    description = article.cover.card_renditions
    assert description["source"] == article.cover.file.name
    assert [width for width, _, _ in description["jpeg"]] == [320, 480, 640, 960]
    assert article.cover_picture
    assert not article.cover_picture.pending
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_until_the_renditions_land_pages_show_the_upload_then_the_cached_page_renews(
    client, database_tasks, page_cache_on
):
    article = ArticleFactory(
        cover=LibraryImageFactory(file=photo()), status=Article.Status.PUBLISHED
    )
    original = article.cover.file.url
    news_list = html(client.get("/tin-tuc/"))
    assert re.search(
        rf'<img src="{original}" width="240" height="135" alt="" class="original"', news_list
    )
    article_page = html(client.get(article.get_absolute_url()))
    # Social networks are not sent the upload itself (it may be huge): the portal's picture.
    assert original not in re.search(r'property="og:image" content="([^"]+)"', article_page)[1]
    assert "/static/img/share-default" in article_page
    for url in ["/tin-tuc/", article.get_absolute_url()]:
        assert client.get(url)["X-Page-Cache"] == "hit", url

    database_tasks()

    article.refresh_from_db()
    for url in ["/tin-tuc/", article.get_absolute_url()]:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        page = html(response)
        assert original not in page, url
        assert article.cover_picture.largest_jpeg.url in page, url


def test_a_logo_waiting_for_its_renditions_keeps_its_box(client, database_tasks):
    organization = OrganizationFactory(logo=photo("logo.png", (300, 200)))
    page = html(client.get(organization.get_absolute_url()))
    assert re.search(
        rf'<img src="{organization.logo.url}" width="96" height="96" alt="[^"]*" '
        r'class="original logo org-logo"', page,
    )
    database_tasks()
    assert Organization.objects.get(pk=organization.pk).logo_renditions["kind"] == "logo"


def test_a_task_for_a_photo_replaced_meanwhile_makes_nothing(database_tasks, media_files):
    image = LibraryImageFactory(file=photo("cu.jpg"))
    first = image.file.name
    image.file = photo("moi.jpg")
    image.save()
    assert DBTaskResult.objects.count() == 4  # figure and card copies, of each file

    database_tasks()

    image = LibraryImage.objects.get(pk=image.pk)
    assert image.card_renditions["source"] == image.file.name
    assert not [name for name in media_files() if name.startswith(f"renditions/{first}/")]
    current = f"renditions/{image.file.name}/"
    assert [name for name in media_files() if name.startswith(current)]
    assert list(DBTaskResult.objects.values_list("return_value", flat=True)).count({}) == 2


def test_an_unreadable_upload_is_recorded_as_failed_and_shown_as_nothing(
    client, database_tasks
):
    image = LibraryImageFactory.build(
        file="library/images/hong.jpg", width=40, height=30, organization=OrganizationFactory()
    )
    image.save()  # the file is not in storage
    article = ArticleFactory(status=Article.Status.PUBLISHED, cover=image)
    database_tasks()
    article = Article.objects.select_related("cover").get(pk=article.pk)
    assert article.cover.card_renditions["failed"] is True
    assert not article.cover_picture
    assert "library/images/hong.jpg" not in html(client.get(article.get_absolute_url()))
