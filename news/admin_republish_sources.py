"""The admin page "Tin từ cổng khác": the published articles of the portals a user may not
republish onto, each with a form to republish it (đăng lại) onto one of theirs.

The article list and change pages show the articles of the user's own organisations only,
so a reviewer (Người duyệt bài) of the Tỉnh ủy never met a Tỉnh Đoàn article there when the
Tỉnh Đoàn is not under the Tỉnh ủy in the organisation tree. This page lists public articles
only (news.selectors.articles_to_republish_for), so no organisation's scope is widened.
Whoever may republish onto at least one portal (news.permissions.republishing_portals_for)
sees it; others get 403. Every POST goes through news.services.article_republish, which
checks news.permissions.republish_refusal again: a tampered form gets a Vietnamese message
and changes nothing.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from portals import hosts

from . import permissions, selectors, services
from .models import Article

SOURCES_PAGE_SIZE = 20
SOURCES_TITLE = "Tin từ cổng khác"


class ArticleRepublishSourcesAdminMixin:
    """Mix in before the ModelAdmin of Article (news/admin_republish.py does)."""

    def get_urls(self):
        return [
            path("tin-tu-cong-khac/", self.admin_site.admin_view(self.republish_sources_view),
                 name="news_article_republish_sources"),
            *super().get_urls(),
        ]

    @staticmethod
    def republish_sources_url() -> str:
        return reverse("admin:news_article_republish_sources")

    # -- the ways there: the admin's menu and the list of articles ------------------------

    def app_list_entries(self, request) -> list[dict]:
        entries = list(super().app_list_entries(request))
        if permissions.republishing_portals_for(request.user):
            entries.append({
                "model": self.model, "name": SOURCES_TITLE,
                "object_name": "ArticleRepublishSources", "perms": {"view": True},
                "admin_url": self.republish_sources_url(), "add_url": None, "view_only": True,
            })
        return entries

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        if permissions.republishing_portals_for(request.user):
            extra_context["republish_sources_url"] = self.republish_sources_url()
        return super().changelist_view(request, extra_context)

    # -- the page ------------------------------------------------------------------------

    def republish_sources_view(self, request):
        allowed = permissions.republishing_portals_for(request.user)
        if not allowed:
            raise PermissionDenied("Bạn không có quyền đăng bài trên cổng nào, nên không đăng "
                                   "lại được tin từ cổng khác.")
        if request.method == "POST":
            self._republish_posted(request, allowed)
            return HttpResponseRedirect(request.get_full_path())
        sources = selectors.republishing_source_portals(request.user)
        raw_portal = request.GET.get("cong", "").strip()
        source = next((portal for portal in sources if str(portal.pk) == raw_portal), None)
        search = request.GET.get("q", "")
        articles = selectors.articles_to_republish_for(request.user, search=search,
                                                       portal=source)
        # get_page forgives: a page past the last is the last, anything else the first.
        page = Paginator(articles, SOURCES_PAGE_SIZE).get_page(request.GET.get("p"))
        found = hosts.portal_map()
        rows = []
        for article in page.object_list:
            on = [found.portals[item.portal_id] for item in article.republications.all()
                  if item.portal_id in found.portals]
            owner = article.owner_portal
            taken = {portal.pk for portal in on} | {owner.pk}
            rows.append({
                "article": article,
                "source": owner,
                "url": article.original_url(),
                "republished_on": on,
                "addable": [portal for portal in allowed if portal.pk not in taken],
            })
        query = request.GET.copy()
        query.pop("p", None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": SOURCES_TITLE,
            "rows": rows,
            "page_obj": page,
            "sources": sources,
            "source": source,
            "search": search,
            "allowed": allowed,
            "query_without_page": query.urlencode(),
            "changelist_url": reverse("admin:news_article_changelist"),
            "may_see_list": self.has_view_or_change_permission(request),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/news/article/republish_sources.html", context)

    def _republish_posted(self, request, allowed) -> None:
        raw_article = request.POST.get("article", "").strip()
        article = (
            Article.all_objects.select_related("organization").filter(pk=int(raw_article)).first()
            if raw_article.isdigit() and len(raw_article) < 12 else None
        )
        if article is None:
            messages.error(request, "Không có bài viết này: có thể bài vừa bị xóa.")
            return
        raw_portal = request.POST.get("portal", "").strip()
        portal = next((found for found in allowed if str(found.pk) == raw_portal), None)
        if portal is None:
            messages.error(request, "Hãy chọn một cổng mà bạn được đăng bài.")
            return
        try:
            services.article_republish(
                article=article, portal=portal, by=request.user, request=request
            )
        except PermissionDenied as refusal:
            messages.error(request, f"Chưa đăng lại “{article.title}”: {refusal}")
            return
        messages.success(request, f"Đã đăng lại bài “{article.title}” trên {portal}.")
