"""The trash (Thùng rác) in the article admin: its page, restoring, removing for good.

Deleting an article (its delete page, the list's "Chuyển vào thùng rác" action) only moves
it to the trash (news.services.article_delete); the Thùng rác page lists the trashed
articles a user may see (news.permissions.trashed_articles_for) with who deleted them,
when, and the days left before they are removed for good. Whoever writes articles and
sees one there restores it (in the state news.permissions.status_after_restore gives it);
only a Quản trị of its organisation or a superuser removes it for good, one by one or by
emptying the trash, each after a confirmation page. docs/workflow-and-accounts.md.

ArticleAdmin mixes this in; every view is wrapped by the admin site (staff only) and checks
the user's rights itself, on GET and POST alike.
"""

import math

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from core.admin_utils import full_name

from . import permissions, services

NOT_IN_TRASH = (
    "Không tìm thấy bài viết này trong thùng rác: có thể bài đã được khôi phục, đã bị xóa "
    "vĩnh viễn, hoặc không thuộc tổ chức của bạn."
)
TRASH_PAGE_SIZE = 50


class ArticleTrashAdminMixin:
    """Mix in before the ModelAdmin of Article."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The list's delete action moves to the trash: ours replaces Django's (same name).
        if "delete_selected" not in (self.actions or []):
            self.actions = [*(self.actions or []), "delete_selected"]

    # -- addresses ----------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("thung-rac/", view(self.trash_view), name="{}_{}_trash".format(*info)),
            path("thung-rac/don-sach/", view(self.trash_empty_view),
                 name="{}_{}_trash_empty".format(*info)),
            path("thung-rac/<str:object_id>/khoi-phuc/", view(self.trash_restore_view),
                 name="{}_{}_trash_restore".format(*info)),
            path("thung-rac/<str:object_id>/xoa-vinh-vien/", view(self.trash_purge_view),
                 name="{}_{}_trash_purge".format(*info)),
            *super().get_urls(),
        ]

    def trash_url(self) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_trash")

    # -- who -----------------------------------------------------------------------------

    @staticmethod
    def may_see_trash(request) -> bool:
        user = request.user
        return user.is_active and (
            permissions.can_purge(user)
            or user.has_perm("news.view_article") or user.has_perm("news.change_article")
        )

    def trashed_object(self, request, object_id, queryset):
        """The trashed article `object_id` in `queryset`, None for anything else ("abc",
        an id that is not there, another organisation's)."""
        if not str(object_id).isdigit():
            return None
        return queryset.select_related("trashed_by").filter(pk=int(object_id)).first()

    def not_in_trash(self, request):
        messages.error(request, NOT_IN_TRASH)
        return HttpResponseRedirect(self.trash_url())

    # -- the way to the trash: the admin's menu and the list of articles --------------

    def app_list_entries(self, request) -> list[dict]:
        """The trash in the admin's menu of models (accounts.admin_site), for whoever may
        see it: a Quản trị has no other way there (no article permission)."""
        if not self.may_see_trash(request):
            return []
        return [{
            "model": self.model, "name": "Thùng rác bài viết", "object_name": "ArticleTrash",
            "perms": {"view": True}, "admin_url": self.trash_url(), "add_url": None,
            "view_only": True,
        }]

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        if self.may_see_trash(request):
            extra_context["trash_url"] = self.trash_url()
            extra_context["trash_count"] = (
                permissions.trashed_articles_for(request.user).order_by().count()
            )
        return super().changelist_view(request, extra_context)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        """A bookmarked change page of an article in the trash says where it is."""
        article = self.trashed_object(
            request, object_id, permissions.trashed_articles_for(request.user)
        )
        if article is None:
            return super()._get_obj_does_not_exist_redirect(request, opts, object_id)
        messages.warning(request, format_html(
            "Bài viết “{}” đang trong <a href=\"{}\">Thùng rác</a>: khôi phục bài để sửa.",
            article.title, self.trash_url(),
        ))
        return HttpResponseRedirect(self.trash_url())

    # -- deleting moves to the trash ------------------------------------------------------

    def get_deleted_objects(self, objs, request):
        """Nothing is deleted with an article moved to the trash: the confirmation lists the
        articles only, and asks no permission beyond deleting them."""
        objs = list(objs)
        return [str(obj) for obj in objs], {self.opts.verbose_name_plural: len(objs)}, set(), []

    def render_delete_form(self, request, context):
        context["retention_days"] = settings.TRASH_RETENTION_DAYS
        return super().render_delete_form(request, context)

    def response_delete(self, request, obj_display, obj_id):
        messages.success(request, format_html(
            "Đã chuyển bài viết “{}” vào <a href=\"{}\">Thùng rác</a>. Có thể khôi phục "
            "trong {} ngày.", obj_display, self.trash_url(), settings.TRASH_RETENTION_DAYS,
        ))
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        )

    @admin.action(description="Chuyển các bài đã chọn vào thùng rác", permissions=["delete"])
    def delete_selected(self, request, queryset):
        articles = list(queryset.select_related("organization"))
        if request.POST.get("post") == "yes":
            for article in articles:
                services.article_delete(article=article, by=request.user, request=request)
            messages.success(request, format_html(
                "Đã chuyển {} bài viết vào <a href=\"{}\">Thùng rác</a>. Có thể khôi phục trong "
                "{} ngày.", len(articles), self.trash_url(), settings.TRASH_RETENTION_DAYS,
            ))
            return None
        return self.action_confirmation(
            request, articles, action="delete_selected",
            title="Chuyển vào thùng rác",
            question=f"Chuyển {len(articles)} bài viết sau vào Thùng rác?",
            note=f"Bài được gỡ khỏi cổng ngay và giữ trong Thùng rác "
            f"{settings.TRASH_RETENTION_DAYS} ngày, trong thời gian đó có thể khôi phục; "
            "sau đó bài bị xóa vĩnh viễn.",
            confirm="Có, chuyển vào thùng rác",
        )

    def action_confirmation(self, request, articles, *, action, title, question, note,
                            confirm):
        """The page a list action shows before it acts (as Django's delete action does):
        the articles, and a form posting the same selection back with post=yes."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "question": question,
            "note": note,
            "confirm_label": confirm,
            "articles": articles,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/news/article/action_confirmation.html", context)

    # -- the Thùng rác page -------------------------------------------------------------

    def trash_view(self, request):
        if not self.may_see_trash(request):
            raise PermissionDenied
        user = request.user
        trashed = permissions.trashed_articles_for(user).select_related(
            "organization", "category", "trashed_by"
        )
        page = Paginator(trashed, TRASH_PAGE_SIZE).get_page(request.GET.get("p"))
        now = timezone.now()
        rows = [
            {
                "article": article,
                "trashed_by": full_name(article.trashed_by) if article.trashed_by_id else "",
                "days_left": days_left(article, now),
            }
            for article in page.object_list
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Thùng rác",
            "rows": rows,
            "page_obj": page,
            "may_restore": user.has_perm("news.change_article"),
            "may_purge": permissions.can_purge(user),
            "retention_days": settings.TRASH_RETENTION_DAYS,
            "changelist_url": reverse("admin:news_article_changelist"),
            "may_see_list": self.has_view_or_change_permission(request),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/news/article/trash.html", context)

    def trash_restore_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseRedirect(self.trash_url())
        article = self.trashed_object(
            request, object_id, permissions.trashed_articles_for(request.user)
        )
        if article is None:
            return self.not_in_trash(request)
        if not permissions.can_restore(request.user, article):
            raise PermissionDenied
        before = article.status
        if services.article_restore(article=article, by=request.user, request=request) is None:
            return self.not_in_trash(request)  # restored or removed a moment ago
        change_url = reverse("admin:news_article_change", args=[article.pk])
        messages.success(request, format_html(
            "Đã khôi phục bài viết “<a href=\"{}\">{}</a>” với trạng thái {}.",
            change_url, article.title, article.get_status_display(),
        ))
        if article.status != before:
            messages.warning(request, "Bài đã đăng trước khi bị xóa; bạn không có quyền đăng bài "
                             "nên bài được khôi phục thành bản nháp. Người duyệt bài sẽ đăng lại.")
        return HttpResponseRedirect(self.trash_url())

    def trash_purge_view(self, request, object_id):
        if not permissions.can_purge(request.user):
            raise PermissionDenied
        article = self.trashed_object(
            request, object_id, permissions.purgeable_articles_for(request.user)
        )
        if article is None:
            return self.not_in_trash(request)
        if request.method == "POST" and request.POST.get("post") == "yes":
            title = article.title
            if not services.article_purge(article=article, by=request.user, request=request):
                return self.not_in_trash(request)
            messages.success(request, f"Đã xóa vĩnh viễn bài viết “{title}”.")
            return HttpResponseRedirect(self.trash_url())
        return self.purge_confirmation(
            request, [article],
            title="Xóa vĩnh viễn",
            question=f"Xóa vĩnh viễn bài viết “{article.title}”?",
        )

    def trash_empty_view(self, request):
        if not permissions.can_purge(request.user):
            raise PermissionDenied
        articles = permissions.purgeable_articles_for(request.user)
        if request.method == "POST" and request.POST.get("post") == "yes":
            count = services.trash_empty(articles=articles, by=request.user, request=request)
            messages.success(request, f"Đã dọn thùng rác: xóa vĩnh viễn {count} bài viết.")
            return HttpResponseRedirect(self.trash_url())
        listed = list(articles.select_related("organization")[:TRASH_PAGE_SIZE])
        if not listed:
            messages.info(request, "Thùng rác đang trống: không có bài nào để xóa.")
            return HttpResponseRedirect(self.trash_url())
        total = articles.count()
        return self.purge_confirmation(
            request, listed, total=total,
            title="Dọn thùng rác",
            question=f"Xóa vĩnh viễn {total} bài viết trong thùng rác?",
        )

    def purge_confirmation(self, request, articles, *, title, question, total=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "question": question,
            "articles": articles,
            "more": (total or len(articles)) - len(articles),
            "trash_url": self.trash_url(),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/news/article/trash_purge_confirmation.html",
                                context)


def days_left(article, now) -> int:
    """Days, begun ones counted, until the trash removes `article`: 30 just after it was
    deleted, 1 on its last day, 0 once its time is up (the worker removes it then)."""
    remaining = (article.trash_expires_at - now).total_seconds() / 86400
    return max(0, math.ceil(remaining))
