from django.urls import path

from . import views
from .feeds import CategoryArticlesFeed, LatestArticlesFeed

app_name = "news"

urlpatterns = [
    path("tin-tuc/", views.ArticleListView.as_view(), name="article_list"),
    path("tin-tuc/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("chuyen-muc/<slug:slug>/", views.CategoryArticleListView.as_view(), name="category"),
    path("van-ban/", views.DirectiveListView.as_view(), name="directive_list"),
    path("van-ban/<slug:slug>/", views.DirectiveDetailView.as_view(), name="directive_detail"),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("rss/", LatestArticlesFeed(), name="feed"),
    path("rss/<slug:slug>/", CategoryArticlesFeed(), name="category_feed"),
]
