"""Public organisation pages."""

from django.views.generic import DetailView, TemplateView

from news.models import Article

from .models import Organization, Position


class OrganizationTreeView(TemplateView):
    template_name = "organizations/organization_tree.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(tree=Organization.objects.get_annotated_list(), **kwargs)


class OrganizationDetailView(DetailView):
    template_name = "organizations/organization_detail.html"
    context_object_name = "organization"
    model = Organization

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
            Article.objects.published().for_listing().filter(organization=organization)[:10]
        )
        return context


class EnglishOverviewView(TemplateView):
    """The English page Nghị định 42/2022/NĐ-CP asks for: structure and officials' contacts."""

    template_name = "organizations/english.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organizations"] = Organization.objects.active()
        context["positions"] = (
            Position.objects.current()
            .filter(organization__in=Organization.objects.active())
            .select_related("person", "organization")
            .order_by("organization__path", "order", "person__full_name")
        )
        return context
