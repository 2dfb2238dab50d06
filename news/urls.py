from django.urls import path

from core.old_slugs import redirect_old_slugs

from . import list_views, topic_views, views
from .feeds import CategoryArticlesFeed, LatestArticlesFeed
from .models import Article, Category, Directive, Topic

app_name = "news"

urlpatterns = [
    path("tin-tuc/", list_views.ArticleListView.as_view(), name="article_list"),
    path(
        "tin-tuc/<slug:slug>/",
        redirect_old_slugs(views.ArticleDetailView.as_view(), Article.objects.published),
        name="article_detail",
    ),
    path(
        "chuyen-muc/<slug:slug>/",
        redirect_old_slugs(views.CategoryArticleListView.as_view(), Category.objects.all),
        name="category",
    ),
    path("van-ban/", views.DirectiveListView.as_view(), name="directive_list"),
    path(
        "van-ban/<slug:slug>/",
        redirect_old_slugs(views.DirectiveDetailView.as_view(), Directive.objects.all),
        name="directive_detail",
    ),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("chuyen-trang/", topic_views.TopicListView.as_view(), name="topic_list"),
    path(
        "chuyen-trang/<slug:slug>/",
        redirect_old_slugs(topic_views.TopicDetailView.as_view(), Topic.objects.active),
        name="topic_detail",
    ),
    path("rss/", LatestArticlesFeed(), name="feed"),
    path(
        "rss/<slug:slug>/",
        redirect_old_slugs(CategoryArticlesFeed(), Category.objects.all),
        name="category_feed",
    ),
]
