"""Reads of articles beyond one queryset method: what a page shows beside its main object.

Writes are in news/services.py; what readers may see at all is
Article.objects.published(), which every function here starts from. Views, feeds and
other apps' pages (the home page, an organisation's page) call these instead of
building the queries themselves.
"""

from django.db import connections
from django.db.models import Exists, Min, OuterRef, Window
from django.db.models.functions import RowNumber

from .models import Article
from .permissions import articles_for


def can_preview(user) -> bool:
    """Staff who may change articles also see drafts they may work on, as a preview."""
    return user.is_active and user.is_staff and user.has_perm("news.change_article")


def readable_articles(user):
    """Readers see published articles; staff also preview the ones they may work on."""
    published = Article.objects.published()
    if not can_preview(user):
        return published
    return published | articles_for(user)


def other_articles(article, *, count: int):
    """'Các tin khác': the next older published articles of the same category."""
    older = (
        Article.objects.published().filter(category_id=article.category_id).exclude(pk=article.pk)
    )
    if article.published_at is not None:
        older = older.filter(published_at__lte=article.published_at)
    return older.order_by("-published_at", "-id").only("title", "slug", "published_at")[:count]


def related_articles(article, *, count: int) -> list[Article]:
    """'Tin liên quan': published articles that report on one of the same directives
    (article.directives is read through its prefetch when there is one)."""
    directive_ids = [directive.pk for directive in article.directives.all()]
    if not directive_ids:
        return []
    # EXISTS rather than a join with DISTINCT: the newest articles are read from the
    # published index until enough are linked, not every article of the directives.
    linked = Article.directives.through.objects.filter(
        article_id=OuterRef("pk"), directive_id__in=directive_ids
    )
    return list(
        Article.objects.published()
        .filter(Exists(linked))
        .exclude(pk=article.pk)
        .order_by("-published_at", "-id")
        .only("title", "slug", "published_at")[:count]
    )


def latest_per_category(categories, per_category: int):
    """The newest published articles of each category, in one query.

    On PostgreSQL a UNION ALL of one limited query per category: each reads only its
    newest rows from the category's index, however large the archive. SQLite cannot
    limit the parts of a UNION, so there a window function ranks every article of
    these categories (fine for the development and test databases it serves).
    """
    grouped = {category.pk: [] for category in categories}
    if not grouped:
        return []
    newest = Article.objects.published().for_listing()
    if connections[newest.db].features.supports_slicing_ordering_in_compound:
        parts = [newest.filter(category=category)[:per_category] for category in categories]
        ranked = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    else:
        ranked = (
            newest.filter(category__in=categories)
            .annotate(
                rank=Window(
                    RowNumber(), partition_by="category_id", order_by=("-published_at", "-id")
                )
            )
            .filter(rank__lte=per_category)
        )
    for article in ranked:
        grouped[article.category_id].append(article)
    for articles in grouped.values():
        articles.sort(key=lambda article: (article.published_at, article.pk), reverse=True)
    return [(category, grouped[category.pk]) for category in categories]


def next_scheduled_publication_time():
    """When the next article set to publish later goes public (None when there is none).
    news.cache_tags.next_scheduled_publication keeps the answer in the cache."""
    return (
        Article.objects.scheduled()
        .aggregate(next=Min("published_at"))["next"]
    )
