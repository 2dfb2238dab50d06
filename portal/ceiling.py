"""The benchmark's ceiling: the cheapest page Django can serve on this machine.

`make bench` (bench/load_bench.py) measures every portal page as a fraction of
this view's requests per second, through the same gunicorn and the same
middleware, so the figures say how much the portal's own work costs rather than
how fast the machine is. It answers a fixed 20 KB HTML page (about the size of
a portal page) built once at import: no database, no template, no cache.

Beside it, /__bench__/article-data/<slug>/ does the article page's data work (the
same queries, the main menu, the statistics box's figures) and answers the same fixed
page: between the ceiling and it lies what the data costs, between it and the
article page what rendering costs (bench/UNCACHED.md).

Both are mounted only when DJANGO_BENCH_CEILING is set (settings.BENCH_CEILING); a
production site never has them.
"""

from django.http import HttpResponse

PAGE_BYTES = 20 * 1024
PATH = "__bench__/ceiling/"
ARTICLE_DATA_PATH = "__bench__/article-data/<slug:slug>/"


def _page(size: int) -> bytes:
    head = (
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head><meta charset=\"utf-8\">"
        "<title>Trần hiệu năng</title></head>\n<body>\n<main>\n"
    ).encode()
    tail = b"</main>\n</body>\n</html>\n"
    line = "<p>Cổng thông tin điện tử: trang cố định để đo trần hiệu năng.</p>\n".encode()
    body = bytearray(head)
    comment = len(b"<!---->")
    while len(body) + len(line) + comment + len(tail) <= size:
        body += line
    # The bytes left over go into a comment, so the page is exactly `size` bytes.
    body += b"<!--" + b" " * (size - len(body) - comment - len(tail)) + b"-->" + tail
    if len(body) != size:
        raise AssertionError(f"ceiling page is {len(body)} bytes, not {size}")
    return bytes(body)


PAGE = _page(PAGE_BYTES)


def ceiling(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


def article_data(request, slug):
    from news.views import ArticleDetailView
    from pages.menus import MAIN_MENU, menu_tree
    from visitors.statistics import visit_figures

    view = ArticleDetailView()
    view.setup(request, slug=slug)
    article = view.object = view.get_object()
    view.get_context_data(object=article)  # the reading lists are read here
    list(article.directives.all())
    menu_tree(MAIN_MENU)
    visit_figures()
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")
