"""What the news pages show, as page cache tags, and which changes invalidate them.

Tags (see caching.page_cache):
    article:<id>               the article's own page
    articles                   every list of the newest articles (home, /tin-tuc/)
    articles:category:<id>     the category's list, and "Các tin khác" on its articles
    articles:organization:<id> the organisation's page and its news list
    articles:directive:<id>    the directive's page and "Tin liên quan" on articles citing it
    directive:<id>             the directive's page and the articles that cite it
    directives                 the directive library, the home page's key directives
    search                     search results pages (with articles and directives)

An edit of a published article's text only invalidates its own page and the search
results; a change that lists show (title, photo, date, category, organisation,
featured, publication) invalidates the lists it appears in, before and after the change.
"""

from collections.abc import Callable, Iterable
from datetime import timedelta

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from caching import page_cache
from images.tasks import renditions_made

from . import selectors
from .models import Article, ArticleImage, Category

ARTICLES = "articles"
DIRECTIVES = "directives"
# Search results: any change to a public article's text, photos or directives.
SEARCH = "search"
# A search results page is kept at most this long: query strings are endless, and each
# one stored is bounded by this and by the search rate limit of the reader who typed it.
SEARCH_PAGE_SECONDS = 60

# Fields no list shows: changing only these leaves every list as it was.
PAGE_ONLY_FIELDS = frozenset(
    {"body", "search_document", "search_vector", "updated_at", "version", "view_count"}
)
NEXT_SCHEDULED_KEY = "page-cache:next-scheduled-article"


def article(pk) -> str:
    return f"article:{pk}"


article_tag = article  # for the functions below, whose argument is the article itself


def category_articles(pk) -> str:
    return f"articles:category:{pk}"


def organization_articles(pk) -> str:
    return f"articles:organization:{pk}"


def directive_articles(pk) -> str:
    return f"articles:directive:{pk}"


def directive(pk) -> str:
    return f"directive:{pk}"


# Views ------------------------------------------------------------------------


def tag_article_list(request, *tags: str) -> None:
    """A page listing published articles: its tags, and the next scheduled publication."""
    if not page_cache.is_collecting(request):
        return
    page_cache.tag(request, *tags)
    page_cache.expire_at(request, next_scheduled_publication())


def tag_search(request) -> None:
    """A search results page: whatever is published may change it; kept a minute at most."""
    tag_article_list(request, ARTICLES, DIRECTIVES, SEARCH)
    page_cache.expire_at(request, timezone.now() + timedelta(seconds=SEARCH_PAGE_SECONDS))


def next_scheduled_publication():
    """When the next article set to publish later goes public (None when there is none)."""
    stored = cache.get(NEXT_SCHEDULED_KEY)
    if stored is None:
        moment = selectors.next_scheduled_publication_time()
        stored = moment.isoformat() if moment else ""
        cache.set(NEXT_SCHEDULED_KEY, stored, 3600)
    moment = parse_datetime(stored) if stored else None
    if moment is not None and moment <= timezone.now():
        cache.delete(NEXT_SCHEDULED_KEY)  # it has just gone public: find the one after it
    return moment


# Invalidation ----------------------------------------------------------------------
# Called by news.services after each write (the article, its figures, a directive); each
# takes effect once the transaction commits (page_cache.invalidate).


def listed_fields() -> list[str]:
    """The article columns some list shows: what article_saved() compares."""
    return [
        field.attname
        for field in Article._meta.concrete_fields
        if field.attname not in PAGE_ONLY_FIELDS
    ]


def listed_state(instance) -> dict:
    return {name: getattr(instance, name) for name in listed_fields()}


def article_list_tags(state: dict, directive_ids=()) -> set[str]:
    """The lists an article in `state` appears in."""
    return {
        ARTICLES,
        category_articles(state["category_id"]),
        organization_articles(state["organization_id"]),
        *(directive_articles(pk) for pk in directive_ids),
    }


def article_saved(
    *, article, before: dict | None, directive_ids: Callable[[], Iterable[int]]
) -> None:
    """An article was saved: `before` is its listed state as stored before (None when it is
    new), `directive_ids` gives the directives it reports on now (read only when a list
    changed). Directives attached or detached: article_directives_changed()."""
    after = listed_state(article)
    published = Article.Status.PUBLISHED
    was_listed = before is not None and before["status"] == published
    is_listed = after["status"] == published
    if not (was_listed or is_listed):
        return  # a draft's page is never cached
    tags = {article_tag(article.pk), SEARCH}
    if before != after:
        ids = list(directive_ids())
        for state in (before, after):
            if state is not None and state["status"] == published:
                tags |= article_list_tags(state, ids)
        cache.delete(NEXT_SCHEDULED_KEY)
    page_cache.invalidate(*tags)


def article_directives_changed(*, article, directive_ids) -> None:
    """Directives were attached to or detached from the article (the admin form, the
    linking of the directives its text names)."""
    if directive_ids and article.status == Article.Status.PUBLISHED:
        page_cache.invalidate(
            article_tag(article.pk), SEARCH, *map(directive_articles, directive_ids)
        )


def article_deleted(*, article) -> None:
    if article.status == Article.Status.PUBLISHED:
        page_cache.invalidate(
            article_tag(article.pk), SEARCH, *article_list_tags(listed_state(article))
        )
        cache.delete(NEXT_SCHEDULED_KEY)


def figures_changed(*, article_id) -> None:
    """A figure of the article was added, changed or deleted: its captions are searched."""
    page_cache.invalidate(article_tag(article_id), SEARCH)


def directive_changed(*, directive_id) -> None:
    page_cache.invalidate(DIRECTIVES, directive(directive_id))


# The task worker made an image's renditions (images/tasks.py): pages that showed the
# upload show them now. A signal, because images sits below news and cannot call it.


@receiver(renditions_made, sender=Article, dispatch_uid="page_cache_cover_made")
def cover_made(sender, instance, **kwargs):
    if instance.status == Article.Status.PUBLISHED:
        directive_ids = list(instance.directives.values_list("pk", flat=True))
        page_cache.invalidate(
            article_tag(instance.pk), *article_list_tags(listed_state(instance), directive_ids)
        )


@receiver(renditions_made, sender=ArticleImage, dispatch_uid="page_cache_figure_made")
def figure_made(sender, instance, **kwargs):
    figures_changed(article_id=instance.article_id)


@receiver(post_save, sender=Category, dispatch_uid="page_cache_category_saved")
@receiver(post_delete, sender=Category, dispatch_uid="page_cache_category_deleted")
def category_changed(sender, instance, raw=False, **kwargs):
    """Category names are in the menu, breadcrumbs and home blocks: every page. (A signal,
    as for organisations and menus: it only renews one tag, whatever saved the row.)"""
    if not raw:
        page_cache.invalidate(page_cache.LAYOUT)


def articles_updated_in_bulk() -> None:
    """After QuerySet.update() on articles (no signals): every article list."""
    page_cache.invalidate(ARTICLES)
