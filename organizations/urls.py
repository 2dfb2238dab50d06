from django.urls import path

from portal.old_slugs import redirect_old_slugs

from . import views
from .models import Organization

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
