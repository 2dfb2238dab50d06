"""Replacing a library photo's file ("Thay ảnh") carries the articles that show it along:
their text points at the new file, with a version of its own; covers need nothing."""

import pytest
from factories import ArticleFactory, LibraryImageFactory, figure_html, image_file

from library.services import image_replace_file
from news.models import Article, ImageUse

pytestmark = pytest.mark.django_db


def test_a_replaced_photo_is_shown_by_every_article_that_had_it(
    client, django_capture_on_commit_callbacks
):
    photo = LibraryImageFactory(file=image_file("cu.jpg"), caption="Lễ ra quân")
    other = LibraryImageFactory(file=image_file("khac.jpg"))
    showing = ArticleFactory(
        body="<p>Mở đầu.</p>" + figure_html(photo) + "<p>Kết.</p>" + figure_html(other)
    )
    unrelated = ArticleFactory(body=figure_html(other))
    old_name = photo.file.name
    versions_before = showing.history.count()

    with django_capture_on_commit_callbacks(execute=True):
        image_replace_file(image=photo, file=image_file("moi.jpg", size=(900, 600)))

    photo.refresh_from_db()
    assert photo.file.name != old_name
    showing = Article.objects.get(pk=showing.pk)
    assert old_name not in showing.body
    assert photo.file.name in showing.body
    assert other.file.name in showing.body  # the other photo untouched
    assert showing.history.count() == versions_before + 1
    assert ImageUse.objects.filter(article=showing, image=photo).exists()
    assert Article.objects.get(pk=unrelated.pk).body == unrelated.body
    page = client.get(showing.get_absolute_url()).content.decode()
    assert old_name not in page
    assert "Lễ ra quân" in page


def test_a_cover_follows_its_library_image_without_a_new_version(
    django_capture_on_commit_callbacks
):
    photo = LibraryImageFactory(file=image_file("bia.jpg"))
    article = ArticleFactory(cover=photo)
    old_name = photo.file.name
    versions_before = article.history.count()

    with django_capture_on_commit_callbacks(execute=True):
        image_replace_file(image=photo, file=image_file("bia-moi.jpg"))

    article = Article.objects.select_related("cover").get(pk=article.pk)
    assert article.cover.file.name != old_name
    assert article.cover.file.name.endswith(".jpg")
    assert article.history.count() == versions_before
