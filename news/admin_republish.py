"""Republishing (đăng lại) in the admin: the article list's action "Đăng lại trên cổng khác"
(a page to choose the portal, then each selected article through
news.services.article_republish) and the section of the same name on an article's change
page, listing the portals it is republished on, with add and remove for the portals the
user may publish on (news.permissions.republishing_portals_for); and, mixed in from
news/admin_republish_sources.py, the page "Tin từ cổng khác" (articles of other portals).

Whatever a form posts is checked again by the services: a portal the user may not publish
on, or an article of that portal itself, gets a Vietnamese message, never an error page.
"""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from . import permissions, services
from .admin_republish_sources import ArticleRepublishSourcesAdminMixin
from .models import Article, Republication

REPUBLICATIONS_ANCHOR = "#dang-lai"


def _chosen_portal(request, allowed):
    """The portal the form names, among `allowed`; None for anything else (a tampered
    value, a portal the user may not publish on)."""
    raw = request.POST.get("portal", "")
    return next((portal for portal in allowed if str(portal.pk) == raw.strip()), None)


class ArticleRepublishAdminMixin(ArticleRepublishSourcesAdminMixin):
    def get_urls(self):
        return [
            path(
                "<path:object_id>/dang-lai/",
                self.admin_site.admin_view(require_POST(self.republish_view)),
                name="news_article_republish",
            ),
            *super().get_urls(),
        ]

    # -- the article list's action -------------------------------------------------------

    @admin.action(description="Đăng lại trên cổng khác", permissions=["publish"])
    def republish_selected(self, request, queryset):
        allowed = permissions.republishing_portals_for(request.user)
        articles = list(
            queryset.filter(status=Article.Status.PUBLISHED).select_related("organization")
        )
        if not articles:
            messages.warning(request, "Trong các bài đã chọn không có bài nào đang đăng: chỉ "
                             "đăng lại được bài đã đăng.")
            return None
        if not allowed:
            messages.error(request, "Bạn không có quyền đăng bài trên cổng nào khác.")
            return None
        if request.POST.get("post") == "yes":
            portal = _chosen_portal(request, allowed)
            if portal is not None:
                self._republish_each(request, articles, portal)
                return None
            messages.error(request, "Hãy chọn một cổng mà bạn được đăng bài.")
        return TemplateResponse(request, "admin/news/article/republish_confirmation.html", {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Đăng lại trên cổng khác",
            "articles": articles,
            "portals": allowed,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        })

    def _republish_each(self, request, articles, portal) -> None:
        done = 0
        for article in articles:
            try:
                services.article_republish(
                    article=article, portal=portal, by=request.user, request=request
                )
            except PermissionDenied as refusal:
                messages.warning(request, f"Chưa đăng lại “{article.title}”: {refusal}")
                continue
            done += 1
        if done:
            messages.success(request, f"Đã đăng lại {done} bài viết trên {portal}.")

    # -- the change page's section -------------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        if change and obj is not None and obj.pk:
            context["republishing"] = self.republishing_context(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def republishing_context(self, request, article) -> dict:
        allowed = permissions.republishing_portals_for(request.user)
        allowed_ids = {portal.pk for portal in allowed}
        republications = list(
            Republication.objects.filter(article=article)
            .select_related("portal", "republished_by").order_by("republished_at", "pk")
        )
        on = {republication.portal_id for republication in republications}
        owner = article.owner_portal
        return {
            "owner": owner,
            "republications": [
                (republication, republication.portal_id in allowed_ids)
                for republication in republications
            ],
            "addable": [
                portal for portal in allowed if portal.pk not in on and portal.pk != owner.pk
            ] if article.status == Article.Status.PUBLISHED else [],
            "is_published": article.status == Article.Status.PUBLISHED,
        }

    def republish_view(self, request, object_id):
        article = None
        if unquote(object_id).isdigit():
            article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_permission(request, article):
            raise Http404("Không có bài viết này, hoặc bạn không xem được bài này.")
        allowed = permissions.republishing_portals_for(request.user)
        portal = _chosen_portal(request, allowed)
        back = HttpResponseRedirect(
            reverse("admin:news_article_change", args=[article.pk]) + REPUBLICATIONS_ANCHOR
        )
        if portal is None:
            messages.error(request, "Hãy chọn một cổng mà bạn được đăng bài.")
            return back
        try:
            if request.POST.get("remove"):
                if services.article_unrepublish(
                    article=article, portal=portal, by=request.user, request=request
                ):
                    messages.success(request, f"Đã gỡ bài đăng lại khỏi {portal}.")
                else:
                    messages.info(request, f"Bài này không được đăng lại trên {portal}.")
            else:
                services.article_republish(
                    article=article, portal=portal, by=request.user, request=request
                )
                messages.success(request, f"Đã đăng lại bài trên {portal}.")
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
        return back
