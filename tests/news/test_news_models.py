"""The news model rules: what readers may see, publishing, where photos are used,
categories, and that an organisation or category with articles stays."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from factories import ArticleFactory, CategoryFactory, ImageUseFactory

from library.models import LibraryImage
from news.models import Article, ImageUse

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 26, 8, 0, 0, 123456, tzinfo=UTC)


@pytest.fixture
def frozen_now(monkeypatch):
    """timezone.now() fixed at NOW, so "exactly now" is a real edge rather than a race."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def visible_titles() -> set[str]:
    return set(Article.objects.published().values_list("title", flat=True))


# -- the published rule --------------------------------------------------------------------


def test_published_with_a_past_time_is_visible(frozen_now):
    article = ArticleFactory(title="Đã đăng", published_at=NOW - timedelta(seconds=1))
    assert visible_titles() == {"Đã đăng"}
    assert article.is_public


def test_published_exactly_now_is_visible(frozen_now):
    article = ArticleFactory(title="Đúng giờ", published_at=NOW)
    assert visible_titles() == {"Đúng giờ"}
    assert article.is_public


def test_scheduled_in_the_future_is_hidden_until_its_time(frozen_now, monkeypatch):
    article = ArticleFactory(title="Hẹn giờ", published_at=NOW + timedelta(microseconds=1))
    assert visible_titles() == set()
    assert not article.is_public

    monkeypatch.setattr(timezone, "now", lambda: NOW + timedelta(microseconds=1))
    assert visible_titles() == {"Hẹn giờ"}
    assert article.is_public


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.PENDING, Article.Status.ARCHIVED]
)
def test_every_other_status_is_hidden_even_with_a_past_time(frozen_now, status):
    article = ArticleFactory(status=status, published_at=NOW - timedelta(days=30))
    assert visible_titles() == set()
    assert not article.is_public


def test_published_without_a_time_gets_now_on_save(frozen_now):
    article = ArticleFactory(published_at=None)
    assert article.published_at == NOW
    assert article.is_public


def test_a_row_written_without_save_and_without_a_time_stays_hidden():
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(published_at=None)
    assert visible_titles() == set()


def test_drafts_keep_an_empty_time():
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    assert article.published_at is None
    assert not article.is_public


def test_the_rule_is_the_same_in_the_queryset_and_on_the_instance(frozen_now):
    cases = [
        (Article.Status.PUBLISHED, NOW - timedelta(hours=1)),
        (Article.Status.PUBLISHED, NOW),
        (Article.Status.PUBLISHED, NOW + timedelta(hours=1)),
        (Article.Status.DRAFT, NOW - timedelta(hours=1)),
        (Article.Status.PENDING, None),
        (Article.Status.ARCHIVED, NOW - timedelta(hours=1)),
    ]
    articles = [ArticleFactory(status=status, published_at=at) for status, at in cases]
    published_ids = set(Article.objects.published().values_list("pk", flat=True))
    assert {article.pk for article in articles if article.is_public} == published_ids
    assert len(published_ids) == 2


# -- publish() and unpublish() -------------------------------------------------------------


def test_publish_a_draft_now(frozen_now):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    article.publish()
    article.save()
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.PUBLISHED, NOW)
    assert article.is_public


def test_publish_keeps_a_scheduled_time(frozen_now):
    later = NOW + timedelta(days=1)
    article = ArticleFactory(status=Article.Status.PENDING, published_at=later)
    article.publish()
    article.save()
    article.refresh_from_db()
    assert article.published_at == later
    assert not article.is_public


def test_publish_at_a_given_time(frozen_now):
    at = NOW - timedelta(days=2)
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=NOW + timedelta(days=9))
    article.publish(at=at)
    article.save()
    article.refresh_from_db()
    assert article.published_at == at
    assert article.is_public


def test_publish_does_not_save_by_itself():
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    article.publish()
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_unpublish_goes_back_to_draft_and_hides_the_article():
    article = ArticleFactory()
    published_at = article.published_at
    article.unpublish()
    article.save()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.published_at == published_at  # republishing keeps the original date
    assert not Article.objects.published().exists()


def test_article_address():
    article = ArticleFactory(title="Tỉnh Đoàn giám sát")
    assert article.get_absolute_url() == "/tin-tuc/tinh-doan-giam-sat/"
    assert str(article) == "Tỉnh Đoàn giám sát"


# -- photos ----------------------------------------------------------------------------------


def test_an_article_s_image_uses_go_with_it_and_the_library_photo_stays():
    use = ImageUseFactory()
    use.article.delete()
    assert not ImageUse.objects.exists()
    assert LibraryImage.objects.filter(pk=use.image_id).exists()



# -- categories ----------------------------------------------------------------------------


def test_category_slug_name_and_address():
    parent = CategoryFactory(name="Các ban xây dựng Đảng")
    child = CategoryFactory(name="Hoạt động Đoàn", parent=parent)
    assert (parent.slug, child.slug) == ("cac-ban-xay-dung-dang", "hoat-dong-doan")
    assert str(child) == "Các ban xây dựng Đảng › Hoạt động Đoàn"
    assert str(parent) == "Các ban xây dựng Đảng"
    assert child.get_absolute_url() == "/chuyen-muc/hoat-dong-doan/"
    assert list(parent.children.all()) == [child]


def test_a_typed_category_slug_is_kept():
    assert CategoryFactory(name="Tin tức", slug="tin").slug == "tin"


def test_a_category_cannot_sit_inside_itself():
    grandparent = CategoryFactory(name="A")
    parent = CategoryFactory(name="B", parent=grandparent)
    grandparent.parent = parent
    with pytest.raises(ValidationError) as error:
        grandparent.full_clean()
    assert error.value.message_dict["parent"] == ["Một chuyên mục không thể nằm trong chính nó."]


def test_a_category_with_articles_cannot_be_deleted():
    from django.db.models import ProtectedError

    article = ArticleFactory()
    with pytest.raises(ProtectedError):
        article.category.delete()


def test_an_organisation_with_articles_cannot_be_deleted():
    from django.db.models import ProtectedError

    article = ArticleFactory()
    with pytest.raises(ProtectedError):
        article.organization.delete()
