"""Template tags for lists: the pager "Trang đầu 1 2 … Trang cuối"."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL's query string with ?page= replaced (filters are kept)."""
    query = context["request"].GET.copy()
    if int(number) <= 1:
        query.pop("page", None)
    else:
        query["page"] = number
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pager(context, page_obj, on_each_side=2):
    paginator = page_obj.paginator
    return {
        "request": context["request"],
        "page_obj": page_obj,
        "page_numbers": paginator.get_elided_page_range(
            page_obj.number, on_each_side=on_each_side, on_ends=1
        ),
        "ellipsis": paginator.ELLIPSIS,
    }
