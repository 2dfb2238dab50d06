"""/sitemap.xml: every public article, category, organisation, directive, static page and
topic page of the portal asked for.

Each portal (issue 19) has its own sitemap, on its own domain: the addresses are absolute on
the host the sitemap was requested on (Django's sitemap views build them from the request,
django.contrib.sites being off). A portal lists its own articles (those of the
organisations belonging to it, portals.hosts.organization_ids), the directives they issued
and those organisations' pages; an article republished onto it is left to the portal that
owns it, where its canonical address is. Categories, topics, static pages and the fixed
pages exist on every portal (each showing that portal's articles) and are listed on each.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from news.models import Article, Category, Directive, Topic
from organizations.models import Organization
from pages.models import StaticPage
from portals import hosts


def own_organization_ids() -> frozenset[int]:
    """The organisations belonging to the portal being served."""
    return hosts.organization_ids(hosts.current())


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
            .filter(organization_id__in=own_organization_ids())
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
        return Organization.objects.filter(pk__in=own_organization_ids()).only("slug")


class DirectiveSitemap(LatestFromDatabase, Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return (
            Directive.objects.filter(issuer_id__in=own_organization_ids())
            .only("slug", "updated_at")
            .order_by("-issued_on", "-id")
        )

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
