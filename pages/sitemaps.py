"""/sitemap.xml: every public article, category, organisation, directive, static page and
topic page."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from news.models import Article, Category, Directive, Topic
from organizations.models import Organization
from pages.models import StaticPage


class LatestFromDatabase:
    """The newest lastmod of a section, for /sitemap.xml, asked of the database: Django
    would otherwise load every item of the section (100,000 articles) to find it."""

    lastmod_field = "updated_at"

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max(self.lastmod_field))["latest"]


class ArticleSitemap(LatestFromDatabase, Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "updated_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, article):
        return article.updated_at


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Category.objects.only("slug")


class OrganizationSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Organization.objects.only("slug")


class DirectiveSitemap(LatestFromDatabase, Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Directive.objects.only("slug", "updated_at").order_by("-issued_on", "-id")

    def lastmod(self, directive):
        return directive.updated_at


class StaticPageSitemap(LatestFromDatabase, Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return (
            StaticPage.objects.filter(is_published=True).only("slug", "updated_at").order_by("pk")
        )

    def lastmod(self, page):
        return page.updated_at


class TopicSitemap(LatestFromDatabase, Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Topic.objects.active().only("slug", "updated_at").order_by("order", "pk")

    def lastmod(self, topic):
        return topic.updated_at


class FixedPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return [
            "home", "news:article_list", "news:directive_list", "organizations:tree",
            "organizations:english", "contact", "news:topic_list",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": FixedPagesSitemap,
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "organizations": OrganizationSitemap,
    "directives": DirectiveSitemap,
    "static-pages": StaticPageSitemap,
    "topics": TopicSitemap,
}
