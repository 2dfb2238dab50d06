from django.urls import path

from . import views

app_name = "organizations"

urlpatterns = [
    path("en/", views.EnglishOverviewView.as_view(), name="english"),
    path("to-chuc/", views.OrganizationTreeView.as_view(), name="tree"),
    path("to-chuc/<slug:slug>/", views.OrganizationDetailView.as_view(), name="detail"),
    path(
        "to-chuc/<slug:slug>/tin-tuc/", views.OrganizationArticleListView.as_view(), name="articles"
    ),
]
