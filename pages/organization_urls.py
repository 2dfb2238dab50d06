"""The public pages of organisations (the tree, one organisation, its news, the English
overview), under the URL namespace "organizations"."""

from django.urls import path

from core.old_slugs import redirect_old_slugs
from organizations.models import Organization

from . import organization_views as views

app_name = "organizations"

urlpatterns = [
    path("en/", views.EnglishOverviewView.as_view(), name="english"),
    path("to-chuc/", views.OrganizationTreeView.as_view(), name="tree"),
    path(
        "to-chuc/<slug:slug>/",
        redirect_old_slugs(views.OrganizationDetailView.as_view(), Organization.objects.all),
        name="detail",
    ),
    path(
        "to-chuc/<slug:slug>/tin-tuc/",
        redirect_old_slugs(views.OrganizationArticleListView.as_view(), Organization.objects.all),
        name="articles",
    ),
]
