"""The admin side of news/presence.py: who else has an article open, on its change page and
in the article list.

The change page renders the banner itself (so it shows before any typing, without
JavaScript) and static/js/article-presence.js keeps it up to date through two URLs of the
ArticleAdmin: `<id>/presence/` (POST, the heartbeat, answering JSON) and
`<id>/presence/release/` (POST, sent with navigator.sendBeacon when the page is left). Both
answer only someone the admin lets see the article (its scoped queryset and
has_view_permission); anyone else gets a 404 that names nobody.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import HttpResponse, JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from . import presence

NOT_FOUND = "Không có bài viết này, hoặc bạn không được xem bài viết này."
BAD_TAB = "Yêu cầu không hợp lệ: thiếu mã thẻ trình duyệt."
BAD_VERSION = "Yêu cầu không hợp lệ: phiên bản không phải là số."


def _version(raw) -> int | None:
    """A version number as a form or the heartbeat sends it; None when absent or not one."""
    if raw is None or raw == "":
        return None
    try:
        value = int(str(raw))
    except ValueError:
        return None
    return value if 0 <= value < 2**31 else None


class ArticlePresenceAdminMixin:
    """For ArticleAdmin (listed before the admin classes it builds on)."""

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(require_POST(self.presence_heartbeat_view)),
                name=f"{info}_presence",
            ),
            path(
                "<path:object_id>/presence/release/",
                self.admin_site.admin_view(require_POST(self.presence_release_view)),
                name=f"{info}_presence_release",
            ),
            *super().get_urls(),
        ]

    # The change page.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Only the change page keeps a session, not the restore page that shares its form.
        request.article_presence_page = True
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and getattr(request, "article_presence_page", False):
            context["presence"] = self.presence_context(request, obj, context["adminform"].form)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def presence_context(self, request, article, form) -> dict:
        can_edit = self.has_change_permission(request, article)
        # The version this page's form is based on: after a refused save, the one it was
        # first opened at, not today's.
        if "loaded_version" in form.fields:
            opened_version = _version(form["loaded_version"].value())
        else:
            opened_version = article.version
        state = presence.open_page(
            article=article, user=request.user, can_edit=can_edit, opened_version=opened_version
        )
        info = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        return {
            "state": state,
            "can_edit": can_edit,
            "opened_version": "" if opened_version is None else opened_version,
            "heartbeat_url": reverse(f"{info}_presence", args=[article.pk]),
            "release_url": reverse(f"{info}_presence_release", args=[article.pk]),
            "reload_url": reverse(f"{info}_change", args=[article.pk]),
            "heartbeat_seconds": presence.heartbeat_seconds(),
            "idle_minutes": presence.idle_minutes(),
        }

    # The heartbeat and the release.

    def presence_article(self, request, object_id):
        """The article, if this user may see it; else None (and the views answer 404)."""
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_permission(request, article):
            return None
        return article

    def presence_heartbeat_view(self, request, object_id):
        article = self.presence_article(request, object_id)
        if article is None:
            return JsonResponse({"error": NOT_FOUND}, status=404)
        tab = request.POST.get("tab")
        if not presence.is_valid_tab(tab):
            return JsonResponse({"error": BAD_TAB}, status=400)
        opened_version = _version(request.POST.get("version"))
        if request.POST.get("version") and opened_version is None:
            return JsonResponse({"error": BAD_VERSION}, status=400)
        state = presence.heartbeat(
            article=article, user=request.user, tab=tab,
            can_edit=self.has_change_permission(request, article),
            unsaved=request.POST.get("unsaved") == "1",
            opened_version=opened_version,
        )
        reload_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[article.pk]
        )
        return JsonResponse(state.as_json(reload_url=reload_url))

    def presence_release_view(self, request, object_id):
        article = self.presence_article(request, object_id)
        if article is None:
            return JsonResponse({"error": NOT_FOUND}, status=404)
        tab = request.POST.get("tab")
        if not presence.is_valid_tab(tab):
            return JsonResponse({"error": BAD_TAB}, status=400)
        presence.release(article=article, user=request.user, tab=tab)
        return HttpResponse(status=204)

    # The article list: "Đang được sửa bởi …" under the title of each article someone else
    # has open to edit, as WordPress shows it.

    # Not a Media class: it would hide the one of VietnameseSlugAdminMixin (the slug's JS).
    @property
    def media(self):
        return super().media + forms.Media(css={"all": ["css/article-presence.css"]})

    TITLE = "title"
    TITLE_WITH_PRESENCE = "title_with_presence"

    def get_list_display(self, request):
        return [
            self.TITLE_WITH_PRESENCE if column == self.TITLE else column
            for column in super().get_list_display(request)
        ]

    def get_list_display_links(self, request, list_display):
        links = super().get_list_display_links(request, list_display)
        if links is None:
            return None
        return [self.TITLE_WITH_PRESENCE if column == self.TITLE else column for column in links]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        articles = list(changelist.result_list)  # the page, read once; the template reuses it
        editors = presence.editors_of(articles, viewer=request.user)
        for article in articles:
            article.editors_now = editors.get(article.pk, [])
        return changelist

    @admin.display(description="tiêu đề", ordering="title")
    def title_with_presence(self, article):
        names = getattr(article, "editors_now", None)
        if not names:
            return article.title
        return format_html(
            '{}<span class="article-presence-marker">Đang được sửa bởi {}</span>',
            article.title, presence.join_names(names),
        )
