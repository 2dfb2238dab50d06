"""{% article_body article as body %}: an article's text as readers see it (news/figures.py):
figures numbered in reading order, library photos from their renditions with their credit.

    {% load article_body %}
    {% article_body article as body %}
    <div class="article-body">{{ body.html }}</div>

The page is tagged with each library image it shows, so changing one (its credit, its
renditions made) renews the cached page (news/cache_tags.py).
"""

from django import template

from caching import page_cache

from .. import cache_tags
from ..figures import RenderedBody, render_body

register = template.Library()


@register.simple_tag(takes_context=True)
def article_body(context, article) -> RenderedBody:
    # The cover, when there is one, is the page's first image: the body's is not.
    has_cover = getattr(article, "cover_id", None) is not None
    body = render_body(article.body, first_image_eager=not has_cover)
    request = context.get("request")
    if request is not None and body.image_ids:
        page_cache.tag(request, *map(cache_tags.library_image, body.image_ids))
    return body
