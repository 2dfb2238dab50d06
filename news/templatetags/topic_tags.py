"""{% featured_topics %}: the home page's tiles leading to the featured topic pages."""

from django import template

from caching import page_cache
from news import cache_tags
from news.models import Topic

register = template.Library()

FEATURED_TOPICS_SHOWN = 4


@register.inclusion_tag("news/topic_featured.html", takes_context=True)
def featured_topics(context, count=FEATURED_TOPICS_SHOWN):
    """The featured active topics in their order (Topic.objects.featured); the page showing
    them is renewed when a topic or one of their banners changes."""
    topics = list(Topic.objects.featured().select_related("banner")[: int(count)])
    request = context.get("request")
    if request is not None:
        page_cache.tag(request, cache_tags.TOPICS, *cache_tags.topic_banners(topics))
    return {"topics": topics}
