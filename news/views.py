"""Public news pages. What readers may see is decided by Article.objects.published()."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from caching import page_cache
from core import rate_limit
from core.client_ip import client_ip

from . import cache_tags
from .filters import ArticleSearchFilter, DirectiveFilter
from .models import Article, Category, Directive
from .search import (
    DIRECTIVE_BLOCK_SIZE,
    ORGANIZATION_BLOCK_SIZE,
    add_snippets,
    search_articles,
    search_directives,
    search_organizations,
    window_exceeded,
)
from .search_query import parse_query

# From this many rows on, a page's rows are found through their ids (ArchivePaginator).
IDS_FIRST_FROM_OFFSET = 1000


class ArchivePaginator(Paginator):
    """A Paginator whose deep pages look up their ids first. For page 5,000 of the news the
    database then skips 99,980 entries of the date index alone (an index-only scan) and
    fetches 20 articles, instead of reading and sorting the whole archive."""

    def page(self, number):
        page = super().page(number)
        rows = page.object_list
        if isinstance(rows, QuerySet) and rows.query.low_mark >= IDS_FIRST_FROM_OFFSET:
            page.object_list = self.object_list.filter(pk__in=rows.values("pk"))
        return page


def forgiving_page(request, queryset, per_page: int, page_kwarg: str = "page"):
    """The requested page of a list; a zero, negative, too large or non-numeric ?page=
    gives the nearest page ("last" gives the last), never an error."""
    paginator = ArchivePaginator(queryset, per_page, allow_empty_first_page=True)
    requested = request.GET.get(page_kwarg, "1")
    try:
        number = int(requested)
    except (TypeError, ValueError):
        number = paginator.num_pages if requested == "last" else 1
    return paginator.page(min(max(number, 1), paginator.num_pages))


class ForgivingPaginationMixin:
    """ListView pagination through forgiving_page()."""

    paginate_by = settings.NEWS_PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        page = forgiving_page(self.request, queryset, page_size, self.page_kwarg)
        return page.paginator, page, page.object_list, page.has_other_pages()


class ArticleListView(ForgivingPaginationMixin, ListView):
    template_name = "news/article_list.html"
    context_object_name = "articles"

    list_title = "Tin tức"

    def get_queryset(self):
        return Article.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        cache_tags.tag_article_list(self.request, *self.get_cache_tags())
        return super().get_context_data(list_title=self.get_list_title(), **kwargs)

    def get_list_title(self) -> str:
        return self.list_title

    def get_cache_tags(self):
        return [cache_tags.ARTICLES]


class CategoryArticleListView(ArticleListView):
    def get_queryset(self):
        self.category = get_object_or_404(Category.objects.select_related("parent"), slug=self.kwargs["slug"])
        return super().get_queryset().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)

    def get_list_title(self) -> str:
        return self.category.name

    def get_cache_tags(self):
        return [cache_tags.category_articles(self.category.pk)]


def can_preview(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm("news.change_article")


def readable_articles(user):
    """Readers see published articles; staff also preview the ones they may work on."""
    published = Article.objects.published()
    if not can_preview(user):
        return published
    from .permissions import articles_for

    return published | articles_for(user)


class ArticleDetailView(DetailView):
    template_name = "news/article_detail.html"
    context_object_name = "article"
    other_articles_count = 10
    related_articles_count = 5

    def get_queryset(self):
        return (
            readable_articles(self.request.user)
            .select_related("category", "category__parent", "organization")
            .defer("search_document", "search_vector", "organization__introduction")
            .prefetch_related(
                "images",
                Prefetch("directives", queryset=Directive.objects.select_related("issuer")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["is_preview"] = not article.is_public
        context["other_articles"] = self.get_other_articles(article)
        context["related_articles"] = self.get_related_articles(article)
        directive_ids = [directive.pk for directive in article.directives.all()]
        cache_tags.tag_article_list(
            self.request,
            cache_tags.article(article.pk),
            cache_tags.category_articles(article.category_id),
            *map(cache_tags.directive, directive_ids),
            *map(cache_tags.directive_articles, directive_ids),
        )
        return context

    def get_other_articles(self, article):
        """'Các tin khác': the next older published articles of the same category."""
        older = Article.objects.published().filter(category_id=article.category_id).exclude(pk=article.pk)
        if article.published_at is not None:
            older = older.filter(published_at__lte=article.published_at)
        return older.order_by("-published_at", "-id").only("title", "slug", "published_at")[
            : self.other_articles_count
        ]

    def get_related_articles(self, article):
        """'Tin liên quan': published articles that report on one of the same directives."""
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
            .only("title", "slug", "published_at")[: self.related_articles_count]
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


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


class DirectiveListView(ForgivingPaginationMixin, FilterView):
    template_name = "news/directive_list.html"
    context_object_name = "directives"
    filterset_class = DirectiveFilter
    strict = False

    def get_queryset(self):
        page_cache.tag(self.request, cache_tags.DIRECTIVES)
        return Directive.objects.select_related("issuer").order_by("-issued_on", "-id")


class DirectiveDetailView(DetailView):
    template_name = "news/directive_detail.html"
    context_object_name = "directive"
    queryset = Directive.objects.select_related("issuer", "replaced_by", "replaced_by__issuer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = forgiving_page(
            self.request, self.object.articles.published().for_listing(), settings.NEWS_PAGE_SIZE
        )
        context["replaces"] = self.object.replaces.select_related("issuer")
        cache_tags.tag_article_list(
            self.request,
            cache_tags.DIRECTIVES,
            cache_tags.directive(self.object.pk),
            cache_tags.directive_articles(self.object.pk),
        )
        return context


class SearchView(TemplateView):
    """/tim-kiem/?q=…: directives and organisations in short blocks, then articles by rank.
    A query that cannot be searched gets a message (news.search_query), never an error."""

    template_name = "news/search.html"

    def get(self, request, *args, **kwargs):
        if request.GET.get("q") and not rate_limit.allow(
            scope="search", key=client_ip(request), limit=settings.SEARCH_RATE_LIMIT, window=60
        ):
            response = render(request, "news/search_limited.html", status=429)
            response["Retry-After"] = "60"
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = parse_query(self.request.GET.get("q", ""))
        filterset = ArticleSearchFilter(self.request.GET or None, queryset=Article.objects.all())
        directives = search_directives(query=query)
        articles = search_articles(
            query=query,
            filters=filterset,
            directive_ids=[directive.pk for directive in directives if directive.is_named_in_query],
        )
        cache_tags.tag_search(self.request)
        page = forgiving_page(self.request, articles, settings.NEWS_PAGE_SIZE)
        page.object_list = list(page.object_list)
        add_snippets(page.object_list, query)
        organizations = search_organizations(query=query)
        context.update(
            query=query,
            filter=filterset,
            page_obj=page,
            result_window=window_exceeded(page.paginator.count),
            directives=directives[: DIRECTIVE_BLOCK_SIZE],
            more_directives=len(directives) > DIRECTIVE_BLOCK_SIZE,
            organizations=organizations[: ORGANIZATION_BLOCK_SIZE],
            more_organizations=len(organizations) > ORGANIZATION_BLOCK_SIZE,
        )
        return context
