"""A published article keeps its address: the slug lock (Article.slug_is_locked), and a
renamed category keeps its slug."""

import pytest
from django.core.exceptions import ValidationError
from factories import ArticleFactory, CategoryFactory

from news.models import Article, Category
from news.services import article_save

pytestmark = pytest.mark.django_db


def test_published_slug_does_not_follow_a_new_title():
    article = ArticleFactory(title="Tỉnh Đoàn giám sát")
    article.title = "Tỉnh Đoàn kiểm tra, giám sát chuyên đề"
    article_save(article=article)
    article.refresh_from_db()
    assert article.slug == "tinh-doan-giam-sat"


@pytest.mark.parametrize("status", [Article.Status.PUBLISHED, Article.Status.ARCHIVED])
def test_published_or_archived_slug_cannot_be_overwritten(status):
    article = ArticleFactory(title="Tỉnh Đoàn giám sát", status=status)
    assert article.slug_is_locked()
    article.slug = "dia-chi-moi"
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "không đổi được đường dẫn" in str(error.value)
    article_save(article=article)
    article.refresh_from_db()
    assert article.slug == "tinh-doan-giam-sat"


def test_draft_slug_can_still_be_edited():
    article = ArticleFactory(title="Tỉnh Đoàn giám sát", status=Article.Status.DRAFT)
    assert not article.slug_is_locked()
    article.slug = "doan-giam-sat"
    article.full_clean()
    article_save(article=article)
    article.refresh_from_db()
    assert article.slug == "doan-giam-sat"


def test_lock_follows_the_stored_status_not_the_unsaved_one():
    article = ArticleFactory(title="Bài mới", status=Article.Status.DRAFT, published_at=None)
    article.publish()
    assert not article.slug_is_locked()  # nothing published in the database yet
    article_save(article=article)
    assert article.slug_is_locked()
    assert not Article(title="Chưa lưu").slug_is_locked()


def test_slug_stays_locked_after_unpublishing():
    article = ArticleFactory(title="Tỉnh Đoàn giám sát")
    article.unpublish()
    article_save(article=article)
    article.slug = "dia-chi-moi"
    article_save(article=article)
    article.refresh_from_db()
    assert article.slug == "tinh-doan-giam-sat"


def test_category_slug_is_kept_when_renamed():
    category = CategoryFactory(name="Tin tức")
    category.name = "Tin tức – Sự kiện"
    category.save()
    assert Category.objects.get(pk=category.pk).slug == "tin-tuc"


def test_a_draft_that_was_never_published_may_still_change_its_slug():
    article = ArticleFactory(title="Bản nháp", status=Article.Status.DRAFT, published_at=None)
    article.slug = "ban-nhap-moi"
    article_save(article=article)
    article.refresh_from_db()
    assert article.slug == "ban-nhap-moi" and article.first_published_at is None
