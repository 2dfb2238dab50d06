"""What the news pages show, as page cache tags, and which changes invalidate them.

Tags (see caching.page_cache):
    article:<id>               the article's own page (on every portal showing it)
    articles                   every list of the newest articles (home, /tin-tuc/, every
                               article page's "Tin mới nhất" and "Tin cùng chuyên mục")
    articles:category:<id>     the category's list
    articles:organization:<id> the organisation's page and its news list
    articles:directive:<id>    the directive's page and "Tin liên quan" on articles citing it
    articles:topic:<id>        the topic page's list of articles
    topic:<id>                 the topic's page (its title, banner, introduction)
    topics                     the list of topics and the home page's featured topics
    directive:<id>             the directive's page and the articles that cite it
    directives                 the directive library, the home page's key directives
    search                     search results pages (with articles and directives)
    library-image:<id>         the pages showing a library image in an article's text

An edit of a published article's text only invalidates its own page and the search
results; a change that lists show (title, photo, date, category, organisation,
featured, publication) invalidates the lists it appears in, before and after the change.

Lists are per portal (issue 19). A portal lists its own articles (those of its
organisations) and the articles republished onto it, so the list tags above (`articles`,
`articles:…` and `search`) are carried by a page with the id of the portal it is served
for: "articles@portal:2", "articles:category:3@portal:2" (tag_article_list). A change to
an article renews its lists on the portals showing it only: the portal owning its
organisation (before and after the change) and the portals it is republished onto
(portals_showing); the other portals' cached lists stay. The bare names (no portal) are
renewed with them, for a page that lists articles of every portal. Moving an organisation
in the tree, or changing a portal's organisation or domains, changes which portal shows
what: that renews every page (LAYOUT; organizations/cache_tags.py, pages/cache_tags.py).
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
from library.models import LibraryDocument, LibraryImage
from portals import hosts

from . import selectors
from .models import Article, Category, ImageUse, Topic

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


TOPICS = "topics"


def topic(pk) -> str:
    return f"topic:{pk}"


def topic_articles(pk) -> str:
    return f"articles:topic:{pk}"


# Lists per portal ---------------------------------------------------------------


def is_list_tag(tag: str) -> bool:
    """A tag naming a list of articles, which each portal shows with its own articles."""
    return tag in (ARTICLES, SEARCH) or tag.startswith(ARTICLES + ":")


def on_portal(tag: str, portal_id: int) -> str:
    """The list `tag` as the pages of one portal carry it."""
    return f"{tag}@portal:{portal_id}"


def on_portals(tags: Iterable[str], portal_ids: Iterable[int]) -> set[str]:
    """What to invalidate for `tags` changed on `portal_ids`: each list tag on each of the
    portals, and under its bare name; the other tags (an article's page, a directive's)
    as they are, since those pages are the same on every portal."""
    tags, portal_ids = set(tags), set(portal_ids)
    return tags | {
        on_portal(tag, portal_id) for tag in tags if is_list_tag(tag) for portal_id in portal_ids
    }


def republished_onto(article) -> set[int]:
    """The portals the article is republished onto (news.Republication: its rows, fetched
    unless prefetched; none before the model exists)."""
    if article.pk is None or not hasattr(article, "republications"):
        return set()
    return {republication.portal_id for republication in article.republications.all()}


def portals_showing(organization_id, republished: Iterable[int] = ()) -> set[int]:
    """The portals listing an article of the organisation, republished onto `republished`."""
    return {hosts.portal_of_organization(organization_id).pk, *republished}


# Views ------------------------------------------------------------------------


def tag_article_list(request, *tags: str) -> None:
    """A page listing published articles: its tags (the lists as the portal being served
    shows them, see on_portal), and the next scheduled publication."""
    if not page_cache.is_collecting(request):
        return
    portal_id = hosts.current().pk
    page_cache.tag(
        request, *(on_portal(tag, portal_id) if is_list_tag(tag) else tag for tag in tags)
    )
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


def article_list_tags(state: dict, directive_ids=(), topic_ids=(), republished=()) -> set[str]:
    """The lists an article in `state` appears in, on the portals showing it (the portal
    of its organisation in `state`, and `republished`, the portals it is republished onto)."""
    lists = {
        ARTICLES,
        category_articles(state["category_id"]),
        organization_articles(state["organization_id"]),
        *(directive_articles(pk) for pk in directive_ids),
        *(topic_articles(pk) for pk in topic_ids),
    }
    return on_portals(lists, portals_showing(state["organization_id"], republished))


def article_saved(
    *, article, before: dict | None, directive_ids: Callable[[], Iterable[int]],
    topic_ids: Callable[[], Iterable[int]] | None = None,
) -> None:
    """An article was saved: `before` is its listed state as stored before (None when it is
    new), `directive_ids` and `topic_ids` give the directives it reports on and the topics
    it belongs to now (read only when a list changed). Directives attached or detached:
    article_directives_changed(); topics: article_topics_changed()."""
    after = listed_state(article)
    published = Article.Status.PUBLISHED
    was_listed = before is not None and before["status"] == published
    is_listed = after["status"] == published
    if not (was_listed or is_listed):
        return  # a draft's page is never cached
    republished = republished_onto(article)
    showing = portals_showing(after["organization_id"], republished)
    if before is not None:
        showing |= portals_showing(before["organization_id"])
    tags = on_portals({article_tag(article.pk), SEARCH}, showing)
    if before != after:
        ids = list(directive_ids())
        topics = list(
            topic_ids() if topic_ids is not None
            else article.topics.values_list("pk", flat=True)
        )
        for state in (before, after):
            if state is not None and state["status"] == published:
                tags |= article_list_tags(state, ids, topics, republished)
        cache.delete(NEXT_SCHEDULED_KEY)
    page_cache.invalidate(*tags)


def article_directives_changed(*, article, directive_ids) -> None:
    """Directives were attached to or detached from the article (the admin form, the
    linking of the directives its text names)."""
    if directive_ids and article.status == Article.Status.PUBLISHED:
        page_cache.invalidate(*on_portals(
            {article_tag(article.pk), SEARCH, *map(directive_articles, directive_ids)},
            portals_showing(article.organization_id, republished_onto(article)),
        ))


def article_topics_changed(*, article, topic_ids) -> None:
    """The article was attached to or detached from topics (the admin form). Whatever its
    state: a save that unpublishes it may also take it out of a topic it was listed in."""
    if topic_ids:
        page_cache.invalidate(*on_portals(
            map(topic_articles, topic_ids),
            portals_showing(article.organization_id, republished_onto(article)),
        ))


def article_deleted(*, article) -> None:
    """The article left every page (moved to the trash): its own page, the search results
    and every list it was in, the directives' pages, "Tin liên quan" and its topics included."""
    if article.status == Article.Status.PUBLISHED:
        directive_ids = list(article.directives.values_list("pk", flat=True))
        topic_ids = list(article.topics.values_list("pk", flat=True))
        republished = republished_onto(article)
        page_cache.invalidate(
            *on_portals(
                {article_tag(article.pk), SEARCH},
                portals_showing(article.organization_id, republished),
            ),
            *article_list_tags(listed_state(article), directive_ids, topic_ids, republished),
        )
        cache.delete(NEXT_SCHEDULED_KEY)


def article_republication_changed(article, portal_ids: Iterable[int] | None = None) -> None:
    """The article was republished onto portals or taken off them (news.Republication,
    called by the service writing it): its page (every portal showing it) and its lists
    on `portal_ids`, the portals it was put on or taken off; None: on every portal, since
    a portal it was taken off is no longer among its republications."""
    if article.status != Article.Status.PUBLISHED:
        return  # a draft is on no list and its page is never cached
    if portal_ids is None:
        portal_ids = hosts.portal_map().portals.keys()
    portal_ids = set(portal_ids)
    directive_ids = list(article.directives.values_list("pk", flat=True))
    topic_ids = list(article.topics.values_list("pk", flat=True))
    state = listed_state(article)
    lists = {
        ARTICLES,
        SEARCH,
        category_articles(state["category_id"]),
        organization_articles(state["organization_id"]),
        *map(directive_articles, directive_ids),
        *map(topic_articles, topic_ids),
    }
    page_cache.invalidate(article_tag(article.pk), *on_portals(lists, portal_ids))


def directive_changed(*, directive_id) -> None:
    page_cache.invalidate(DIRECTIVES, directive(directive_id))


# The task worker made an image's renditions (images/tasks.py): pages that showed the
# upload show them now. A signal, because images sits below news and cannot call it.


# Past this many articles showing one image as their cover, every page is renewed at once.
COVERS_RENEWED_ONE_BY_ONE = 50


@receiver(renditions_made, sender=LibraryImage, dispatch_uid="page_cache_cover_made")
def cover_made(sender, instance, **kwargs):
    """The pages of the published articles showing the library image as their cover."""
    showing = Article.objects.filter(status=Article.Status.PUBLISHED, cover=instance)
    related = ["directives", "topics"]
    if hasattr(Article, "republications"):
        related.append("republications")
    articles = list(showing.prefetch_related(*related)[:COVERS_RENEWED_ONE_BY_ONE + 1])
    if len(articles) > COVERS_RENEWED_ONE_BY_ONE:
        page_cache.invalidate(page_cache.LAYOUT)
        return
    tags = set()
    for article in articles:
        directive_ids = [directive.pk for directive in article.directives.all()]
        topic_ids = [topic.pk for topic in article.topics.all()]
        tags |= {
            article_tag(article.pk),
            *article_list_tags(
                listed_state(article), directive_ids, topic_ids, republished_onto(article)
            ),
        }
    if tags:
        page_cache.invalidate(*tags)


@receiver(renditions_made, sender=LibraryImage, dispatch_uid="page_cache_library_figure_made")
def library_figure_made(sender, instance, **kwargs):
    """The pages of the articles whose text shows the library image as a figure."""
    article_ids = list(
        ImageUse.objects.filter(image=instance, as_cover=False)
        .values_list("article_id", flat=True).distinct()
    )
    if article_ids:
        page_cache.invalidate(*map(article_tag, article_ids))


@receiver(post_save, sender=Category, dispatch_uid="page_cache_category_saved")
@receiver(post_delete, sender=Category, dispatch_uid="page_cache_category_deleted")
def category_changed(sender, instance, raw=False, **kwargs):
    """Category names are in the menu, breadcrumbs and home blocks: every page. (A signal,
    as for organisations and menus: it only renews one tag, whatever saved the row.)"""
    if not raw:
        page_cache.invalidate(page_cache.LAYOUT)


@receiver(post_save, sender=Topic, dispatch_uid="page_cache_topic_saved")
@receiver(post_delete, sender=Topic, dispatch_uid="page_cache_topic_deleted")
def topic_changed(sender, instance, raw=False, **kwargs):
    """A topic's title, banner, introduction, featuring, order or visibility: its page, the
    list of topics and the home page's featured topics. (A signal, as for categories: it
    renews the same tags whatever saved the row.)"""
    if not raw:
        page_cache.invalidate(TOPICS, topic(instance.pk))


@receiver(post_save, sender=LibraryDocument, dispatch_uid="page_cache_document_saved")
def document_changed(sender, instance, created=False, raw=False, **kwargs):
    """A library document was changed (its file, its name): the pages of the directives
    offering it for download. (A signal: the library sits below news and cannot call it;
    a document in use cannot be deleted.)"""
    if created or raw:
        return
    directive_ids = list(instance.directives.values_list("pk", flat=True))
    if directive_ids:
        page_cache.invalidate(*map(directive, directive_ids))


def articles_updated_in_bulk() -> None:
    """After QuerySet.update() on articles (no signals): the newest articles on every
    portal (one cache write, whatever the number of portals)."""
    page_cache.invalidate(*on_portals({ARTICLES}, hosts.portal_map().portals.keys()))


# Library images in articles' text (news/figures.py) ---------------------------------------
# The article page shows a library image's renditions and credit (and its alt text and
# caption when the body gives none): a change to the image renews the pages showing it,
# which tagged themselves with it (news/templatetags/article_body.py).


def library_image(pk) -> str:
    return f"library-image:{pk}"


def topic_banners(topics) -> list[str]:
    """The library images shown as the banners of `topics` (topic pages, featured topics)."""
    return [library_image(topic.banner_id) for topic in topics if topic.banner_id]


@receiver(post_save, sender=LibraryImage, dispatch_uid="page_cache_library_image_saved")
@receiver(post_delete, sender=LibraryImage, dispatch_uid="page_cache_library_image_deleted")
@receiver(renditions_made, sender=LibraryImage, dispatch_uid="page_cache_library_image_made")
def library_image_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate(library_image(instance.pk))

