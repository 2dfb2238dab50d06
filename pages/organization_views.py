"""Public organisation pages. A portal shows the tree of its own organisation (the whole tree
on a main portal without one); an organisation's page lives on the portal the organisation
belongs to, and asked for on another portal redirects there (portals/hosts.py)."""

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView

from caching import page_cache
from news import cache_tags as news_tags
from news.list_views import ArticleListView
from news.selectors import shown_articles
from organizations import cache_tags
from organizations.models import Organization, Position
from portals import hosts


def portal_organizations():
    """The organisations of the current portal's tree: its organisation and everything
    under it, or every organisation on a main portal that has none."""
    top = hosts.current().organization
    if top is None:
        return Organization.objects.all()
    return Organization.objects.filter(path__startswith=top.path)


class OnItsPortalMixin:
    """An organisation's pages answer on the portal the organisation belongs to; asked for on
    another portal, they redirect there."""

    def get(self, request, *args, **kwargs):
        organization = get_object_or_404(Organization, slug=self.kwargs["slug"])
        elsewhere = hosts.address_elsewhere(
            hosts.portal_of_organization(organization.pk), request.get_full_path()
        )
        if elsewhere:
            return HttpResponsePermanentRedirect(elsewhere)
        return super().get(request, *args, **kwargs)


class OrganizationTreeView(TemplateView):
    template_name = "organizations/organization_tree.html"

    def get_context_data(self, **kwargs):
        page_cache.tag(self.request, cache_tags.ORGANIZATIONS)
        top = hosts.current().organization
        return super().get_context_data(
            tree=Organization.objects.get_annotated_list(parent=top), **kwargs
        )


class OrganizationDetailView(OnItsPortalMixin, DetailView):
    template_name = "organizations/organization_detail.html"
    context_object_name = "organization"
    model = Organization
    latest_articles_count = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.object
        context["positions"] = organization.positions.current().select_related("person").order_by(
            "order", "person__full_name"
        )
        context["children"] = Organization.objects.get_children(organization)
        context["parent"] = Organization.objects.get_parent(organization)
        context["successors"] = organization.successors()
        context["predecessors"] = organization.predecessors()
        context["articles"] = (
            shown_articles().for_listing().filter(organization=organization)[
                : self.latest_articles_count + 1
            ]
        )
        news_tags.tag_article_list(
            self.request,
            cache_tags.organization(organization.pk),
            news_tags.organization_articles(organization.pk),
        )
        return context


class OrganizationArticleListView(OnItsPortalMixin, ArticleListView):
    """All published news of one organisation ("Tin hoạt động"), paginated."""

    def get_queryset(self):
        self.organization = get_object_or_404(Organization, slug=self.kwargs["slug"])
        return super().get_queryset().filter(organization=self.organization)

    def get_context_data(self, **kwargs):
        return super().get_context_data(organization=self.organization, **kwargs)

    def get_list_title(self) -> str:
        return f"Tin hoạt động — {self.organization.name}"

    def get_cache_tags(self):
        return [news_tags.organization_articles(self.organization.pk)]


class EnglishOverviewView(TemplateView):
    """The English page Nghị định 42/2022/NĐ-CP asks for: structure and officials' contacts."""

    template_name = "organizations/english.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_cache.tag(self.request, cache_tags.ORGANIZATIONS)
        organizations = portal_organizations().active()
        context["organizations"] = organizations
        context["positions"] = (
            Position.objects.current()
            .filter(organization__in=organizations)
            .select_related("person", "organization")
            .order_by("organization__path", "order", "person__full_name")
        )
        return context
