"""Topic pages (chuyên trang): /chuyen-trang/, the active topics, and /chuyen-trang/<slug>/,
a topic's banner and introduction over its published articles, newest first (the
reusable article list of news/list_views.py)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from caching import page_cache

from . import cache_tags
from .list_views import ArticleListView
from .models import Topic


class TopicListView(ListView):
    template_name = "news/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        return Topic.objects.active().select_related("banner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topics = context["topics"]
        page_cache.tag(self.request, cache_tags.TOPICS, *cache_tags.topic_banners(topics))
        return context


class TopicDetailView(ArticleListView):
    template_name = "news/topic_detail.html"

    def get_queryset(self):
        self.topic = get_object_or_404(
            Topic.objects.active().select_related("banner"), slug=self.kwargs["slug"]
        )
        return super().get_queryset().filter(topics=self.topic)

    def paginate_queryset(self, queryset, page_size):
        """As every list, but a page number past the last is not found (search engines and
        old links must not see the last page under another address)."""
        paginator, page, rows, has_other_pages = super().paginate_queryset(queryset, page_size)
        requested = self.request.GET.get(self.page_kwarg, "")
        if requested.isdigit() and int(requested) > paginator.num_pages:
            raise Http404("Chuyên trang không có trang này.")
        return paginator, page, rows, has_other_pages

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)

    def get_list_title(self) -> str:
        return self.topic.title

    def get_cache_tags(self):
        return [
            cache_tags.topic(self.topic.pk), cache_tags.topic_articles(self.topic.pk),
            *cache_tags.topic_banners([self.topic]),
        ]
