"""The editors' dashboard on the admin index: what waits for me (articles to review,
my articles sent back with the reviewer's comment, new comments on articles I wrote or
commented on), my drafts, recently published, and page views per day over the last 30
days. The reads are news.selectors'.

Which portal's page views (issue 19): a superuser's chart is the main portal's, the
installation's own site (a sum over every portal would hide it among the others, and each
portal's figures are in "Thống kê truy cập"); anyone else's is the sum of the portals their
own organisations (their memberships) belong to, the portals they work on, named under the
chart. An organisation under a member's organisation that has a portal of its own is not
counted in: its portal is its own staff's.
"""

from dataclasses import dataclass

from news import permissions, selectors
from news.models import Article
from organizations.models import Organization, scope_paths
from portals import hosts
from visitors.statistics import daily_page_views

LIST_SIZE = 8
CHART_DAYS = 30
CHART_HEIGHT = 120


@dataclass(frozen=True)
class Bar:
    date: object
    views: int
    x: int
    y: int
    height: int


def dashboard_for(user) -> dict:
    visible = permissions.articles_for(user).select_related("organization").defer(
        "body", "search_document", "search_vector"
    )
    context = {
        "my_drafts": list(
            visible.filter(author=user, status=Article.Status.DRAFT)
            .order_by("-updated_at")[:LIST_SIZE]
        ),
        "recently_published": recently_published(user, visible),
        # Links to the public pages, for those who may not open articles in the admin.
        "published_on_portal_only": not user.has_perm("news.view_article"),
        "can_publish": permissions.can_publish(user),
        "can_write": user.has_perm("news.add_article"),
        "chart": page_view_chart(portals=chart_portals(user)),
        "sent_back": selectors.articles_sent_back_to(user, limit=LIST_SIZE),
        "new_comments": selectors.new_comments_for(user, limit=LIST_SIZE),
    }
    if context["can_publish"]:
        context["pending_review"] = selectors.articles_waiting_for_review(user, limit=LIST_SIZE)
    # Sent back with a comment: not also among the plain drafts.
    sent_back = {article.pk for article in context["sent_back"]}
    context["my_drafts"] = [a for a in context["my_drafts"] if a.pk not in sent_back]
    return context


def recently_published(user, visible) -> list:
    """"Mới đăng": the articles the user works on; for someone who does not (an
    organisation's administrator), what their organisations have published on the portal."""
    if not user.has_perm("news.view_article"):
        return selectors.recently_published_in(
            permissions.organizations_for(user), limit=LIST_SIZE
        )
    return list(
        visible.filter(status=Article.Status.PUBLISHED).order_by("-published_at")[:LIST_SIZE]
    )


def chart_portals(user) -> list:
    """The portals whose page views the user's chart shows (see the module docstring)."""
    if user.is_superuser:
        return [hosts.main_portal()]
    own = Organization.objects.filter(path__in=scope_paths(user)).values_list("pk", flat=True)
    found = {}
    for organization_id in own:
        portal = hosts.portal_of_organization(organization_id)
        found[portal.pk] = portal
    return sorted(found.values(), key=lambda portal: (not portal.is_main, portal.pk))


def page_view_chart(days: int = CHART_DAYS, portals=None) -> dict:
    """Bars of the page views per day of `portals` (the current portal when None)."""
    series = daily_page_views(days, portals=portals)
    peak = max((views for _, views in series), default=0)
    scale = CHART_HEIGHT / (peak or 1)  # no views yet: flat bars, not a division by zero
    bar_width = 10
    bars = [
        Bar(date=day, views=views, x=index * (bar_width + 2),
            y=CHART_HEIGHT - round(views * scale), height=round(views * scale))
        for index, (day, views) in enumerate(series)
    ]
    return {
        "bars": bars,
        "peak": peak,
        "total": sum(views for _, views in series),
        "width": len(bars) * (bar_width + 2),
        "height": CHART_HEIGHT,
        "bar_width": bar_width,
        "portals": [str(portal) for portal in portals] if portals is not None else [],
    }
