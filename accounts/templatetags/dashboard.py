from django import template

from accounts.dashboard import dashboard_for

register = template.Library()


@register.inclusion_tag("admin/includes/dashboard.html", takes_context=True)
def editor_dashboard(context):
    return {"request": context["request"], **dashboard_for(context["request"].user)}
