"""Public news pages. Every query goes through Article.objects.published()."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .models import Article, Category, Directive


class ArticleListView(ListView):
    template_name = "news/article_list.html"
    context_object_name = "articles"
    paginate_by = settings.NEWS_PAGE_SIZE

    def get_queryset(self):
        return Article.objects.published().for_listing()


class CategoryArticleListView(ArticleListView):
    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "news/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.published()
            .select_related("category", "organization")
            .prefetch_related("images", "directives__issuer")
        )


class DirectiveListView(ListView):
    template_name = "news/directive_list.html"
    context_object_name = "directives"
    paginate_by = settings.NEWS_PAGE_SIZE
    queryset = Directive.objects.select_related("issuer")


class DirectiveDetailView(DetailView):
    template_name = "news/directive_detail.html"
    context_object_name = "directive"
    queryset = Directive.objects.select_related("issuer", "replaced_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = self.object.articles.published().for_listing()[:20]
        return context
