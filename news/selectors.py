"""Reads of articles beyond one queryset method: what a page shows beside its main object.

Writes are in news/services.py; what readers may see at all is
Article.objects.shown_on(portal) (shown_articles() for the portal being served), which every
list here starts from. Views, feeds and
other apps' pages (the home page, an organisation's page) call these instead of
building the queries themselves.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import connections
from django.db.models import Exists, Min, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from audit.models import AuditEvent
from core.admin_search import search_terms
from core.folded_match import folded_pattern
from portals import hosts

from . import permissions
from .models import Article, ArticleComment, ArticleReadMark, Republication
from .permissions import articles_for
from .workflow import Move


def can_preview(user) -> bool:
    """Staff who may change articles also see drafts they may work on, as a preview."""
    return user.is_active and user.is_staff and user.has_perm("news.change_article")


def shown_articles(portal=None):
    """What readers of a portal see (Article.objects.shown_on): by default the portal being
    served. Every public list starts here."""
    return Article.objects.shown_on(portal if portal is not None else hosts.current())


def readable_articles(user):
    """Readers see published articles; staff also preview the ones they may work on."""
    published = Article.objects.published()
    if not can_preview(user):
        return published
    return published | articles_for(user)


# How many days "Xem nhiều" looks back before it falls back to the whole archive.
MOST_READ_DAYS = 30


@dataclass
class SectionArticles:
    """'Tin cùng chuyên mục': the articles published just after and just before one, in its
    category, or in its organisation when the category holds no other (`by_organization`)."""

    newer: list
    older: list
    by_organization: bool = False

    def __iter__(self):
        return iter([*self.newer, *self.older])

    def __bool__(self):
        return bool(self.newer or self.older)


def _neighbours(article, section: Q, *, newer_count: int, count: int) -> SectionArticles:
    """Up to `newer_count` articles of `section` published after `article`, then the older
    ones up to `count` in all; both newest first. On PostgreSQL one query (a UNION ALL of
    the two limited reads of the section's index); SQLite cannot limit the parts of a
    UNION, so there two."""
    others = shown_articles().filter(section).exclude(pk=article.pk).for_listing()
    moment = article.published_at
    if moment is None:  # a draft's preview: the newest of the section
        return SectionArticles(newer=[], older=list(others[:count]))
    after = Q(published_at__gt=moment) | Q(published_at=moment, pk__gt=article.pk)
    newer = others.filter(after).order_by("published_at", "id")[:newer_count]
    older = others.exclude(after)[:count]
    if connections[others.db].features.supports_slicing_ordering_in_compound:
        rows = list(newer.union(older, all=True))
    else:
        rows = [*newer, *older]
    newest_first = sorted(rows, key=lambda row: (row.published_at, row.pk), reverse=True)
    later = [row for row in newest_first if (row.published_at, row.pk) > (moment, article.pk)]
    earlier = newest_first[len(later):]
    return SectionArticles(newer=later, older=earlier[: count - len(later)])


def same_section_articles(article, *, count: int, newer_count: int) -> SectionArticles:
    """'Tin cùng chuyên mục': the neighbours of `article` in its category; when the category
    holds no other published article (an imported article filed under a default category),
    those of its organisation."""
    if article.category_id is not None:
        found = _neighbours(
            article, Q(category_id=article.category_id), newer_count=newer_count, count=count
        )
        if found:
            return found
    found = _neighbours(
        article, Q(organization_id=article.organization_id), newer_count=newer_count,
        count=count,
    )
    found.by_organization = True
    return found


def newest_articles(*, count: int, exclude=()) -> list[Article]:
    """'Tin mới' / 'Tin mới nhất': the newest articles the portal shows."""
    return list(shown_articles().for_listing().exclude(pk__in=exclude)[:count])


def most_read_articles(*, count: int, exclude=(), days: int = MOST_READ_DAYS) -> list[Article]:
    """'Xem nhiều': the most read of the articles published in the last `days` days, filled
    up with the most read of all time when those are fewer than `count` (a quiet portal).

    Article.view_count is a total, so "read in the last 30 days" is approximated by
    "published in the last 30 days": what a reader calls the most read news. The window
    query reads only that month's rows from the published index; the fallback, which
    sorts the whole archive by views, runs only when the month is short of articles.
    Articles nobody has read yet are not "most read": a new portal shows no such list.
    """
    listed = (
        shown_articles().for_listing("view_count")
        .filter(view_count__gt=0).exclude(pk__in=exclude)
    )
    since = timezone.now() - timedelta(days=days)
    recent = list(listed.filter(published_at__gte=since).order_by("-view_count", "-id")[:count])
    if len(recent) < count:
        recent += list(
            listed.filter(published_at__lt=since)
            .order_by("-view_count", "-id")[: count - len(recent)]
        )
    return recent


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
        shown_articles()
        .filter(Exists(linked))
        .exclude(pk=article.pk)
        .for_listing()[:count]
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
    newest = shown_articles().for_listing()
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


# -- review: an article's thread, and what waits for a user (the admin's dashboard) ------


def article_thread(article) -> list:
    """The entries of an article's review thread, oldest first, with their authors."""
    return list(
        ArticleComment.objects.filter(article=article).select_related("author")
        .order_by("created_at", "pk")
    )


def articles_waiting_for_review(user, *, limit: int):
    """Pending articles `user` may publish, oldest submission first; not their own (they
    withdraw those)."""
    if not permissions.can_publish(user):
        return []
    return list(
        articles_for(user).filter(status=Article.Status.PENDING).exclude(author=user)
        .select_related("organization", "author")
        .defer("body", "search_document", "search_vector")
        .order_by("updated_at")[:limit]
    )


def articles_sent_back_to(user, *, limit: int) -> list:
    """`user`'s drafts whose last move was "Yêu cầu sửa", each with that request
    (`article.send_back`: the comment, its author)."""
    last_move = (
        ArticleComment.objects.filter(article=OuterRef("pk")).exclude(move="")
        .order_by("-created_at", "-pk")
    )
    articles = list(
        Article.objects.filter(author=user, status=Article.Status.DRAFT)
        .annotate(last_move=Subquery(last_move.values("move")[:1]),
                  last_move_id=Subquery(last_move.values("pk")[:1]))
        .filter(last_move=Move.SEND_BACK)
        .defer("body", "search_document", "search_vector")
        .order_by("-updated_at")[:limit]
    )
    requests = ArticleComment.objects.select_related("author").in_bulk(
        [article.last_move_id for article in articles]
    )
    for article in articles:
        article.send_back = requests.get(article.last_move_id)
    return articles


def new_comments_for(user, *, limit: int) -> list:
    """Comments by others, on articles `user` wrote or commented on and may still see,
    made since `user` last opened the article (ArticleReadMark); newest first."""
    commented = ArticleComment.objects.filter(author=user).values("article_id")
    seen_since = ArticleReadMark.objects.filter(
        user=user, article=OuterRef("article"), read_at__gte=OuterRef("created_at")
    )
    return list(
        ArticleComment.objects.exclude(body="").exclude(author=user)
        .filter(article__in=articles_for(user))
        .filter(Q(article__author=user) | Q(article__in=commented))
        .exclude(Exists(seen_since))
        # A request for changes to the user's own article is in "Bài bị yêu cầu sửa".
        .exclude(move=Move.SEND_BACK, article__author=user)
        .select_related("author", "article")
        .defer("article__body", "article__search_document", "article__search_vector")
        .order_by("-created_at", "-pk")[:limit]
    )


def article_last_move(article):
    """The audit line of the last move of `article` through the workflow (who, when,
    which: news.workflow.move_action's names), with its actor; None when it never moved."""
    moves = [
        AuditEvent.Action.SUBMIT, AuditEvent.Action.WITHDRAW, AuditEvent.Action.SEND_BACK,
        AuditEvent.Action.PUBLISH, AuditEvent.Action.UNPUBLISH, AuditEvent.Action.ARCHIVE,
    ]
    return (
        AuditEvent.objects.filter(
            object_type=Article._meta.label, object_id=str(article.pk), action__in=moves,
        )
        .select_related("actor").order_by("-created_at", "-pk").first()
    )


def article_status_before_last_move(article) -> str | None:
    """The state `article` was in before its last move (its newest version in another
    state); None when it never was in another."""
    return (
        article.history.exclude(status=article.status).order_by("-history_date", "-history_id")
        .values_list("status", flat=True).first()
    )


def recently_published_in(organizations, *, limit: int) -> list:
    """The latest articles readers see from `organizations`, newest first: the dashboard's
    "Mới đăng" for those who do not work on articles (an organisation's administrator)."""
    return list(
        Article.objects.published().filter(organization__in=organizations)
        .select_related("organization", "category")
        .defer("body", "search_document", "search_vector")
        .order_by("-published_at")[:limit]
    )


def republishing_source_portals(user) -> list:
    """The portals whose articles `user` may take onto theirs ("Tin từ cổng khác"): every
    portal but those `user` may republish onto (news.permissions.republishing_portals_for).
    Empty when `user` may republish onto none."""
    allowed = {portal.pk for portal in permissions.republishing_portals_for(user)}
    if not allowed:
        return []
    return [portal for portal in hosts.portal_map().portals.values() if portal.pk not in allowed]


def articles_to_republish_for(user, *, search: str = "", portal=None):
    """The published articles of the other portals (republishing_source_portals), newest
    first, for the admin page "Tin từ cổng khác": public articles only, so whatever the
    user's organisations, nothing is shown that readers do not see. `search` matches title
    and summary without diacritics or case, every word; `portal` narrows to one source
    portal (one of republishing_source_portals). Each row has its republications (with
    their portals) prefetched."""
    sources = republishing_source_portals(user)
    if portal is not None:
        sources = [source for source in sources if source.pk == portal.pk]
    if not sources:
        return Article.objects.none()
    found = hosts.portal_map()
    organizations = set()
    for source in sources:
        organizations |= found.organizations.get(source.pk, frozenset())
    of_sources = Q(organization_id__in=organizations)
    if any(source.pk == found.main_id for source in sources):
        of_sources |= Q(organization__isnull=True)  # an article without one is the main's
    articles = Article.objects.published().filter(of_sources)
    for term in search_terms(search):
        pattern = folded_pattern(term)
        if pattern is not None:
            articles = articles.filter(Q(title__regex=pattern) | Q(summary__regex=pattern))
    return (
        articles
        .select_related("organization")
        .prefetch_related(
            Prefetch("republications", queryset=Republication.objects.order_by("portal_id"))
        )
        .order_by("-published_at", "-pk")
    )
