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

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from caching import page_cache
from images.tasks import renditions_made

from .models import Article, ArticleImage, Category, Directive

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
        moment = (
            Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
            .aggregate(next=Min("published_at"))["next"]
        )
        stored = moment.isoformat() if moment else ""
        cache.set(NEXT_SCHEDULED_KEY, stored, 3600)
    moment = parse_datetime(stored) if stored else None
    if moment is not None and moment <= timezone.now():
        cache.delete(NEXT_SCHEDULED_KEY)  # it has just gone public: find the one after it
    return moment


# Invalidation ----------------------------------------------------------------------


def _listed_fields() -> list[str]:
    return [
        field.attname
        for field in Article._meta.concrete_fields
        if field.attname not in PAGE_ONLY_FIELDS
    ]


def _listed_state(instance) -> dict:
    return {name: getattr(instance, name) for name in _listed_fields()}


def article_list_tags(state: dict, directive_ids=()) -> set[str]:
    """The lists an article in `state` appears in."""
    return {
        ARTICLES,
        category_articles(state["category_id"]),
        organization_articles(state["organization_id"]),
        *(directive_articles(pk) for pk in directive_ids),
    }


@receiver(pre_save, sender=Article, dispatch_uid="page_cache_article_before")
def remember_listed_state(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._listed_before = None
        return
    # Only the listed columns: the stored body and search vector are not worth reading.
    instance._listed_before = (
        Article.objects.filter(pk=instance.pk).values(*_listed_fields()).first()
    )


@receiver(post_save, sender=Article, dispatch_uid="page_cache_article_saved")
def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_listed_before", None)
    after = _listed_state(instance)
    published = Article.Status.PUBLISHED
    was_listed = before is not None and before["status"] == published
    is_listed = after["status"] == published
    if not (was_listed or is_listed):
        return  # a draft's page is never cached
    tags = {article(instance.pk), SEARCH}
    if before != after:
        directive_ids = list(instance.directives.values_list("pk", flat=True))
        for state in (before, after):
            if state is not None and state["status"] == published:
                tags |= article_list_tags(state, directive_ids)
        cache.delete(NEXT_SCHEDULED_KEY)
    page_cache.invalidate(*tags)


@receiver(post_delete, sender=Article, dispatch_uid="page_cache_article_deleted")
def article_deleted(sender, instance, **kwargs):
    if instance.status == Article.Status.PUBLISHED:
        page_cache.invalidate(
            article(instance.pk), SEARCH, *article_list_tags(_listed_state(instance))
        )
        cache.delete(NEXT_SCHEDULED_KEY)


@receiver(m2m_changed, sender=Article.directives.through, dispatch_uid="page_cache_article_directives")
def article_directives_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear":
        if reverse:
            instance._cleared_ids = set(instance.articles.values_list("pk", flat=True))
        else:
            instance._cleared_ids = set(instance.directives.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    ids = pk_set if action != "post_clear" else getattr(instance, "_cleared_ids", set())
    if reverse:  # directive.articles.add(...): instance is the directive
        published = Article.objects.filter(pk__in=ids, status=Article.Status.PUBLISHED)
        page_cache.invalidate(
            directive_articles(instance.pk),
            SEARCH,
            *(article(pk) for pk in published.values_list("pk", flat=True)),
        )
    elif instance.status == Article.Status.PUBLISHED:
        page_cache.invalidate(
            article(instance.pk), SEARCH, *(directive_articles(pk) for pk in ids)
        )


@receiver(renditions_made, sender=Article, dispatch_uid="page_cache_cover_made")
def cover_made(sender, instance, **kwargs):
    """The task worker made the cover's renditions: pages showing the upload show them now."""
    if instance.status == Article.Status.PUBLISHED:
        directive_ids = list(instance.directives.values_list("pk", flat=True))
        page_cache.invalidate(
            article(instance.pk), *article_list_tags(_listed_state(instance), directive_ids)
        )


@receiver(renditions_made, sender=ArticleImage, dispatch_uid="page_cache_figure_made")
@receiver(post_save, sender=ArticleImage, dispatch_uid="page_cache_figure_saved")
@receiver(post_delete, sender=ArticleImage, dispatch_uid="page_cache_figure_deleted")
def figure_changed(sender, instance, raw=False, **kwargs):
    if not raw:  # captions are searched
        page_cache.invalidate(article(instance.article_id), SEARCH)


@receiver(post_save, sender=Directive, dispatch_uid="page_cache_directive_saved")
@receiver(post_delete, sender=Directive, dispatch_uid="page_cache_directive_deleted")
def directive_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate(DIRECTIVES, directive(instance.pk))


@receiver(post_save, sender=Category, dispatch_uid="page_cache_category_saved")
@receiver(post_delete, sender=Category, dispatch_uid="page_cache_category_deleted")
def category_changed(sender, instance, raw=False, **kwargs):
    """Category names are in the menu, breadcrumbs and home blocks: every page."""
    if not raw:
        page_cache.invalidate(page_cache.LAYOUT)


def articles_updated_in_bulk() -> None:
    """After QuerySet.update() on articles (no signals): every article list."""
    page_cache.invalidate(ARTICLES)
