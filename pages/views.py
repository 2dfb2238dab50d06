"""The home page."""

from django.views.generic import TemplateView

from news import cache_tags
from news.models import Article, Category, Directive
from news.selectors import latest_per_category


class HomeView(TemplateView):
    template_name = "pages/home.html"
    featured_count = 5
    latest_count = 10
    per_category = 5
    key_directives_count = 6

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Article.objects.published().for_listing()
        featured = list(published.filter(is_featured=True)[: self.featured_count])
        featured_ids = [article.pk for article in featured]
        home_categories = list(Category.objects.filter(show_on_home=True))
        context.update(
            featured_articles=featured,
            latest_articles=published.exclude(pk__in=featured_ids)[: self.latest_count],
            category_blocks=latest_per_category(home_categories, self.per_category),
            key_directives=Directive.objects.for_home()[: self.key_directives_count],
        )
        cache_tags.tag_article_list(self.request, cache_tags.ARTICLES, cache_tags.DIRECTIVES)
        return context
