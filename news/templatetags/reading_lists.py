"""What every public page shows of an article in a list, and the reading lists.

    {% load reading_lists %}
    {% article_date article %}            <time>07/12/2026 14:30</time>, or 07/12/2026 alone
    {% article_date article long=True %}  Thứ Hai, 07/12/2026, 14:30 (the article's own page)
    {% reading_list "Xem nhiều" articles "most-read" numbered=True show_views=True %}

An article whose source gave only a day (Article.published_date_only, the importer's
old articles) shows that day and no invented "00:00". Times are Vietnam's
(settings.TIME_ZONE), whatever the server's.
"""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from core.text import WEEKDAYS

register = template.Library()



@register.simple_tag
def article_date(article, *, long=False):
    """The publication date of `article` as a <time> element; nothing when it has none."""
    moment = getattr(article, "published_at", None)
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    day = f"{local:%d/%m/%Y}"
    if long:
        day = f"{WEEKDAYS[local.weekday()]}, {day}"
    if article.published_date_only:
        return format_html('<time datetime="{}">{}</time>', f"{local:%Y-%m-%d}", day)
    separator = ", " if long else " "
    return format_html(
        '<time datetime="{}">{}{}{}</time>', local.isoformat(), day, separator, f"{local:%H:%M}"
    )


@register.inclusion_tag("news/includes/reading_list.html")
def reading_list(
    title, articles, slug, *, url="", numbered=False, show_views=False, thumbnails=True
):
    """A titled list of articles (h2, then each title an h3), with small pictures.
    `slug` names the section's heading (id="<slug>-heading"); `url` links the title to
    the full list; `numbered` ranks them ("Xem nhiều"), `show_views` gives each its
    "N lượt xem" instead of its date."""
    return {
        "title": title, "articles": articles, "slug": slug, "url": url, "numbered": numbered,
        "show_views": show_views, "thumbnails": thumbnails,
    }
