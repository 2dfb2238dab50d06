"""The reusable article list view and the pagination of every public list.

Other apps' pages that list articles (an organisation's news) subclass ArticleListView
from here; news.views holds the news pages themselves.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.views.generic import ListView

from . import cache_tags, selectors

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
    """The requested page of a list; a zero, negative or non-numeric ?page= gives the
    first page ("last" gives the last), never an error. A number past the last page answers
    404 (Http404) on every public list: such an address is no page of the list, and a search
    engine would otherwise keep it as a copy of the last page."""
    paginator = ArchivePaginator(queryset, per_page, allow_empty_first_page=True)
    requested = request.GET.get(page_kwarg, "1")
    try:
        number = int(requested)
    except (TypeError, ValueError):
        number = paginator.num_pages if requested == "last" else 1
    if number > paginator.num_pages:
        raise Http404("Trang này không có: danh sách không dài đến thế.")
    return paginator.page(max(number, 1))


class ForgivingPaginationMixin:
    """ListView pagination through forgiving_page(); a page past the last is a 404."""

    paginate_by = settings.NEWS_PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        page = forgiving_page(self.request, queryset, page_size, self.page_kwarg)
        return page.paginator, page, page.object_list, page.has_other_pages()


class ArticleListView(ForgivingPaginationMixin, ListView):
    template_name = "news/article_list.html"
    context_object_name = "articles"

    list_title = "Tin tức"

    def get_queryset(self):
        return selectors.shown_articles().for_listing()

    def get_context_data(self, **kwargs):
        cache_tags.tag_article_list(self.request, *self.get_cache_tags())
        return super().get_context_data(list_title=self.get_list_title(), **kwargs)

    def get_list_title(self) -> str:
        return self.list_title

    def get_cache_tags(self):
        return [cache_tags.ARTICLES]
