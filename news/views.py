"""Public news pages. What readers of a portal see is decided by Article.objects.shown_on();
what a page shows beside its main object comes from news.selectors."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from caching import page_cache
from core import rate_limit
from core.client_ip import client_ip
from portals import hosts

from . import cache_tags, selectors
from .filters import ArticleSearchFilter, DirectiveFilter
from .list_views import ArticleListView, ForgivingPaginationMixin, forgiving_page
from .models import Article, Category, Directive, Topic
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


class CategoryArticleListView(ArticleListView):
    def get_queryset(self):
        self.category = get_object_or_404(
            Category.objects.visible_on(hosts.current()).select_related("parent"),
            slug=self.kwargs["slug"],
        )
        return super().get_queryset().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)

    def get_list_title(self) -> str:
        return self.category.name

    def get_cache_tags(self):
        return [cache_tags.category_articles(self.category.pk)]


class ArticleDetailView(DetailView):
    """An article, and the reading lists that lead on from it (news.selectors): its
    neighbours in the category, the related articles by directive, the newest and the
    most read of the portal."""

    template_name = "news/article_detail.html"
    context_object_name = "article"
    section_count = 8
    section_newer_count = 3
    related_articles_count = 5
    newest_count = 6
    most_read_count = 5

    def get_queryset(self):
        return (
            selectors.readable_articles(self.request.user)
            .with_republication_on(hosts.current())
            .select_related("category", "category__parent", "organization")
            .defer("search_document", "search_vector", "organization__introduction")
            .prefetch_related(
                Prefetch("directives", queryset=Directive.objects.select_related("issuer")),
                Prefetch("topics", queryset=Topic.objects.active().only("title", "slug")),
            )
        )

    def get(self, request, *args, **kwargs):
        """A public article this portal does not show (another portal's, not republished
        here) is read on its own portal: 301 there, never in this portal's frame. A draft's
        preview stays where the editor opened it."""
        self.object = self.get_object()
        article = self.object
        portal = hosts.current()
        owner = article.owner_portal
        if article.is_public and owner.pk != portal.pk and not article.republished_here:
            address = article.get_absolute_url()
            if address.startswith("/"):  # its portal has no domain yet: nowhere to send it
                raise Http404("Bài viết này thuộc một cổng khác.")
            return HttpResponsePermanentRedirect(address)
        if owner.pk == portal.pk or article.republished_here:
            article.shown_on_portal_id = portal.pk
        context = self.get_context_data(object=article)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        portal = hosts.current()
        republished_from = None
        if article.republished_here and article.owner_portal.pk != portal.pk:
            republished_from = article.owner_portal
        context.update(
            republished_from=republished_from,
            original_url=article.original_url() if republished_from is not None else "",
            is_preview=not article.is_public,
            section_articles=selectors.same_section_articles(
                article, count=self.section_count, newer_count=self.section_newer_count
            ),
            related_articles=selectors.related_articles(
                article, count=self.related_articles_count
            ),
            newest_articles=selectors.newest_articles(
                count=self.newest_count, exclude=[article.pk]
            ),
            most_read_articles=selectors.most_read_articles(
                count=self.most_read_count, exclude=[article.pk]
            ),
        )
        directive_ids = [directive.pk for directive in article.directives.all()]
        # "Tin mới nhất" makes every article page a list of the newest articles (ARTICLES,
        # which every publication renews); "Xem nhiều" and the article's own view count
        # are as old as the cached page (PAGE_CACHE_SECONDS): views renew no page.
        cache_tags.tag_article_list(
            self.request,
            cache_tags.article(article.pk),
            cache_tags.ARTICLES,
            *map(cache_tags.directive, directive_ids),
            *map(cache_tags.directive_articles, directive_ids),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class DirectiveListView(ForgivingPaginationMixin, FilterView):
    template_name = "news/directive_list.html"
    context_object_name = "directives"
    filterset_class = DirectiveFilter
    strict = False

    def get_queryset(self):
        page_cache.tag(self.request, cache_tags.DIRECTIVES)
        return (
            Directive.objects.listed_on(hosts.current()).select_related("issuer")
            .order_by("-issued_on", "-id")
        )


class DirectiveDetailView(DetailView):
    template_name = "news/directive_detail.html"
    context_object_name = "directive"
    queryset = Directive.objects.select_related(
        "issuer", "replaced_by", "replaced_by__issuer", "document"
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = forgiving_page(
            self.request,
            selectors.shown_articles().filter(directives=self.object).for_listing(),
            settings.NEWS_PAGE_SIZE,
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
