"""The home page: a portal grid (docs/reader.md, "Trang chủ và danh sách đọc")."""

from django.views.generic import TemplateView

from news import cache_tags
from news.models import Category, Directive
from news.selectors import (
    latest_per_category,
    most_read_articles,
    newest_articles,
    shown_articles,
)
from portals import hosts


class HomeView(TemplateView):
    """The lead story and the featured articles beside it, "Tin mới", "Xem nhiều",
    "Văn bản mới" and a block per category shown on the home page: all of them what the
    portal being served shows (its own articles and those republished onto it, its
    categories and the directives it lists)."""

    template_name = "pages/home.html"
    # The lead story and up to five beside it; the grid adapts to however many there are.
    featured_count = 6
    latest_count = 6
    most_read_count = 6
    per_category = 5
    newest_directives_count = 5

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        portal = hosts.current()
        featured = list(
            shown_articles(portal).for_listing().filter(is_featured=True)[
                : self.featured_count
            ]
        )
        featured_ids = [article.pk for article in featured]
        home_categories = list(Category.objects.visible_on(portal).filter(show_on_home=True))
        context.update(
            lead_article=featured[0] if featured else None,
            featured_articles=featured[1:],
            latest_articles=newest_articles(count=self.latest_count, exclude=featured_ids),
            most_read_articles=most_read_articles(count=self.most_read_count),
            category_blocks=[
                (category, articles)
                for category, articles in latest_per_category(home_categories, self.per_category)
                if articles
            ],
            # Key directives first (Directive.is_key), then the newest in force.
            newest_directives=Directive.objects.listed_on(portal).for_home()[
                : self.newest_directives_count
            ],
        )
        # "Xem nhiều" is as old as the cached page (PAGE_CACHE_SECONDS): views renew no page.
        cache_tags.tag_article_list(self.request, cache_tags.ARTICLES, cache_tags.DIRECTIVES)
        return context
