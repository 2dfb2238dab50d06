"""An article's history in the admin: the versions as editors read them, the comparison of
any two, and restoring one in one click.

ArticleHistoryAdminMixin replaces django-simple-history's history page (which printed raw
field names, UTC times with microseconds and HTML cut at "[419 chars]") and adds two
views; simple_history keeps the versions and its form to restore a version after editing
it ("Khôi phục có chỉnh sửa"). Every view is scoped like the change page (get_queryset),
and restoring asks news.permissions.can_edit, on the GET of the form too.

  <id>/history/                          the versions, newest first, with two radio columns
  <id>/history/compare/?from=…&to=…      what changed between two versions (&view=inline)
  <id>/history/<version>/restore/        POST: restore that version (news.services)
  <id>/history/<version>/                simple_history's form, for who may edit the article
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode

from . import services
from .version_compare import compare_versions
from .versions import local_time, version_label, version_rows, who

NO_ARTICLE = "Không có bài viết này, hoặc bạn không được xem bài này."
NO_VERSION = "Không có phiên bản này của bài viết."


class ArticleHistoryAdminMixin:
    """For ArticleAdmin (placed before SimpleHistoryAdmin in its bases)."""

    object_history_template = "admin/news/article/object_history.html"
    object_history_form_template = "admin/news/article/object_history_form.html"
    compare_template = "admin/news/article/version_compare.html"
    restore_refused_template = "admin/news/article/restore_refused.html"
    versions_per_page = 50

    def get_urls(self):
        # Before simple_history's "<id>/history/<version>/", which would take "compare".
        view = self.admin_site.admin_view
        return [
            path("<str:object_id>/history/compare/", view(self.compare_view),
                 name="news_article_compare"),
            path("<str:object_id>/history/<str:version_id>/restore/", view(self.restore_view),
                 name="news_article_restore"),
            *super().get_urls(),
        ]

    # -- lookups --------------------------------------------------------------------------

    def history_article(self, request, object_id):
        """The article, if the user may see it (404 otherwise, whatever the id)."""
        object_id = unquote(object_id)
        article = self.get_object(request, object_id) if object_id.isdigit() else None
        if article is None or not self.has_view_or_change_permission(request, article):
            raise Http404(NO_ARTICLE)
        return article

    @staticmethod
    def article_version(article, version_id):
        """A version of `article` (404 for anything else: "abc", another article's)."""
        version_id = str(version_id or "")
        version = (
            article.history.select_related("history_user").filter(history_id=version_id).first()
            if version_id.isdigit() and len(version_id) < 19 else None
        )
        if version is None:
            raise Http404(NO_VERSION)
        return version

    @staticmethod
    def newest_version_id(article):
        return (
            article.history.order_by("-history_date", "-history_id")
            .values_list("history_id", flat=True).first()
        )

    def history_urls(self, article) -> dict:
        return {
            "change_url": reverse("admin:news_article_change", args=[article.pk]),
            "history_url": reverse("admin:news_article_history", args=[article.pk]),
            "compare_url": reverse("admin:news_article_compare", args=[article.pk]),
            "changelist_url": reverse("admin:news_article_changelist"),
        }

    def history_context(self, request, article, **context) -> dict:
        return {
            **self.admin_site.each_context(request),
            **self.history_urls(article),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "original": article,
            "may_restore": self.has_change_permission(request, article),
            **context,
        }

    # -- the versions ---------------------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        article = self.history_article(request, object_id)
        versions = (
            article.history.select_related("history_user").order_by("-history_date", "-history_id")
        )
        page = Paginator(versions, self.versions_per_page).get_page(request.GET.get("p"))
        shown = list(page.object_list)
        older = versions[page.end_index()] if page.has_next() else None
        current_id = self.newest_version_id(article)
        rows = version_rows(shown, older=older, current_id=current_id)
        context = self.history_context(
            request, article,
            title=f"Lịch sử phiên bản: {article}",
            rows=rows,
            page_obj=page,
            version_count=page.paginator.count,
            current_id=current_id,
            **(extra_context or {}),
        )
        return TemplateResponse(request, self.object_history_template, context)

    # -- comparing two versions -----------------------------------------------------------

    def compare_view(self, request, object_id):
        article = self.history_article(request, object_id)
        older, newer = self.versions_to_compare(article, request.GET)
        if older is None:
            messages.info(request, "Bài viết chưa có hai phiên bản để so sánh.")
            return HttpResponseRedirect(reverse("admin:news_article_history", args=[article.pk]))
        inline = request.GET.get("view") == "inline"
        current_id = self.newest_version_id(article)
        context = self.history_context(
            request, article,
            title=f"So sánh phiên bản: {article}",
            comparison=compare_versions(older, newer),
            older=self.version_heading(older, current_id),
            newer=self.version_heading(newer, current_id),
            inline=inline,
            side_url=self.compare_link(article, older, newer),
            inline_url=self.compare_link(article, older, newer, view="inline"),
            earlier_url=self.step_link(article, older, newer, earlier=True, inline=inline),
            later_url=self.step_link(article, older, newer, earlier=False, inline=inline),
        )
        return TemplateResponse(request, self.compare_template, context)

    def versions_to_compare(self, article, query):
        """(older, newer) from ?from= and ?to= (either order); without them the newest
        version and the one before it; (None, None) for an article with one version."""
        if "from" not in query and "to" not in query:
            newest = list(
                article.history.select_related("history_user")
                .order_by("-history_date", "-history_id")[:2]
            )
            if len(newest) < 2:
                return None, None
            return newest[1], newest[0]
        first = self.article_version(article, query.get("from"))
        second = self.article_version(article, query.get("to"))
        if (first.history_date, first.history_id) > (second.history_date, second.history_id):
            first, second = second, first
        return first, second

    @staticmethod
    def version_heading(version, current_id) -> dict:
        return {
            "version": version,
            "when": local_time(version.history_date),
            "who": who(version),
            "label": version_label(version),
            "state": version.get_status_display(),
            "reason": version.history_change_reason or "",
            "is_current": version.history_id == current_id,
        }

    @staticmethod
    def compare_link(article, older, newer, view=None) -> str:
        query = {"from": older.history_id, "to": newer.history_id}
        if view:
            query["view"] = view
        return f"{reverse('admin:news_article_compare', args=[article.pk])}?{urlencode(query)}"

    def step_link(self, article, older, newer, *, earlier, inline) -> str | None:
        """The comparison one version earlier (the change that made `older`) or later (the
        change after `newer`); None at either end."""
        versions = article.history.order_by("-history_date", "-history_id")
        if earlier:
            step = versions.filter(
                Q(history_date__lt=older.history_date)
                | Q(history_date=older.history_date, history_id__lt=older.history_id)
            ).first()
            pair = (step, older)
        else:
            step = versions.reverse().filter(
                Q(history_date__gt=newer.history_date)
                | Q(history_date=newer.history_date, history_id__gt=newer.history_id)
            ).first()
            pair = (newer, step)
        if step is None:
            return None
        return self.compare_link(article, *pair, view="inline" if inline else None)

    # -- restoring --------------------------------------------------------------------------

    def restore_view(self, request, object_id, version_id):
        """POST: bring back a version's content as a new version (one click, confirmed in
        the browser). A GET shows that version against the current one instead."""
        article = self.history_article(request, object_id)
        version = self.article_version(article, version_id)
        if request.method != "POST":
            current = self.article_version(article, self.newest_version_id(article))
            return HttpResponseRedirect(self.compare_link(article, version, current))
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        restored = services.article_restore_version(
            article=article, version=version, by=request.user, request=request
        )
        label = version_label(version)
        if restored.saved is None:
            messages.info(
                request, f"Phiên bản {label} giống nội dung hiện tại: không có gì để khôi phục."
            )
        else:
            messages.success(request, self.restored_message(article, label))
            if restored.saved.links is not None and hasattr(self, "warn_about_directives"):
                self.warn_about_directives(request, restored.saved.links)
        for note in restored.notes:
            messages.warning(request, note)
        return HttpResponseRedirect(reverse("admin:news_article_history", args=[article.pk]))

    @staticmethod
    def restored_message(article, label) -> str:
        message = (
            f"Đã khôi phục nội dung phiên bản {label} thành một phiên bản mới. "
            f"Bài vẫn ở trạng thái “{article.state_label}”"
        )
        if article.is_public:
            return message + " và người đọc thấy ngay nội dung vừa khôi phục."
        return message + "."

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """simple_history's form with a version's content, to edit before saving: only for
        someone who may edit the article now (a clear refusal otherwise, GET included).

        The article keeps its current state, publication time, featuring and whatever
        else the user may not change (its address once published); the save goes through
        news.services.article_save_restored, like the one-click restore."""
        current = self.get_object(request, unquote(object_id))
        if current is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        version = self.article_version(current, version_id)
        if not self.has_change_permission(request, current):
            if request.method == "POST":
                raise PermissionDenied
            return self.restore_refused(request, current, version)
        request.restored_version = version
        request.restored_over = current
        # One transaction, as Django's own change form has: the version check locks the row.
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context={
                "title": f"Khôi phục phiên bản {version_label(version)} (sửa trước khi lưu)",
                **self.history_urls(current),
                "compare_version_url": self.compare_link(
                    current, version, self.article_version(current, self.newest_version_id(current))
                ),
                **(extra_context or {}),
            })

    def restore_refused(self, request, article, version):
        current = self.article_version(article, self.newest_version_id(article))
        context = self.history_context(
            request, article,
            title="Không khôi phục được phiên bản này",
            version_label=version_label(version),
            state=article.state_label,
            compare_version_url=self.compare_link(article, version, current),
        )
        return TemplateResponse(request, self.restore_refused_template, context, status=403)
