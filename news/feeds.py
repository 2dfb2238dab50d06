"""RSS feeds of the latest published news, for the whole site and per category."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404

from .models import Article, Category

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    description_template = None

    def title(self, obj=None):
        if obj is None:
            return f"{settings.PORTAL_NAME} — tin mới"
        return f"{obj.name} — {settings.PORTAL_NAME}"

    def link(self, obj=None):
        return "/tin-tuc/" if obj is None else obj.get_absolute_url()

    def description(self, obj=None):
        return "Tin mới đăng trên " + settings.PORTAL_NAME

    def items(self, obj=None):
        articles = Article.objects.published().for_listing("updated_at", "author_name", "source")
        if obj is not None:
            articles = articles.filter(category=obj)
        return articles[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.name]

    def item_author_name(self, item):
        return item.author_name or item.source or None


class CategoryArticlesFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)
