"""The review of an article in the admin: named moves as buttons, the comment thread, and
the read-only page of an article the user may not edit (a submitted one, for its writer).

ArticleReviewMixin is one of ArticleAdmin's bases. Who may make which move is
news.workflow.moves_for; every move is made by news.services.article_move, whether with
the form's save (Gửi duyệt, Duyệt và đăng, Hẹn giờ đăng: buttons of the article form, named
"move") or on its own page (Rút lại, Yêu cầu sửa, Gỡ bài, Lưu trữ: <id>/chuyen/, which asks
for confirmation on GET). Comments are posted to <id>/binh-luan/.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from audit.models import AuditEvent
from core.admin_utils import full_name
from core.sanitize import clean_html

from . import selectors, services, versions, workflow
from .models import Article

Move = workflow.Move

MOVE_DONE = {
    Move.SUBMIT: "Đã gửi duyệt bài “{title}”.",
    Move.WITHDRAW: "Đã rút lại bài “{title}”: bài là bản nháp, bạn sửa tiếp được.",
    Move.SEND_BACK: "Đã yêu cầu sửa bài “{title}”; người viết nhận được lời nhắn.",
    Move.PUBLISH: "Đã đăng bài “{title}”.",
    Move.SCHEDULE: "Đã hẹn giờ đăng bài “{title}” lúc {when}.",
    Move.UNPUBLISH: "Đã đưa bài “{title}” về bản nháp; bài không còn trên cổng.",
    Move.ARCHIVE: "Đã lưu trữ bài “{title}”; bài không còn trên cổng.",
}


def move_done_message(move, article) -> str:
    when = (
        f"{timezone.localtime(article.published_at):%H:%M %d/%m/%Y}"
        if article.published_at else ""
    )
    return MOVE_DONE[Move(move)].format(title=article.title, when=when)


# The move a user tried, as "không … được nữa" says it.
MOVE_TRIED = {
    Move.SUBMIT: "gửi duyệt",
    Move.WITHDRAW: "rút lại",
    Move.SEND_BACK: "yêu cầu sửa",
    Move.PUBLISH: "đăng",
    Move.SCHEDULE: "hẹn giờ đăng",
    Move.UNPUBLISH: "gỡ bài",
    Move.ARCHIVE: "lưu trữ",
}
# What someone else did meanwhile (the audit log's name of their move).
MOVE_MADE = {
    AuditEvent.Action.SUBMIT: "gửi duyệt",
    AuditEvent.Action.WITHDRAW: "rút lại",
    AuditEvent.Action.SEND_BACK: "trả về để sửa",
    AuditEvent.Action.PUBLISH: "đăng",
    AuditEvent.Action.UNPUBLISH: "gỡ khỏi cổng",
    AuditEvent.Action.ARCHIVE: "lưu trữ",
}
MOVE_NOT_OFFERED = "Bạn không thể thực hiện thao tác này với bài viết ở trạng thái hiện tại."


def move_overtaken_message(user, article, move) -> str:
    """Why a move offered on a page opened earlier cannot be made now: what happened to the
    article meanwhile, by whom and when ("Bài đã được … đăng lúc …; không rút lại được
    nữa."). A move `user` was not offered before that either gets the general refusal."""
    tried = MOVE_TRIED.get(move)
    last = selectors.article_last_move(article)
    if tried is None or last is None or last.action not in MOVE_MADE:
        return MOVE_NOT_OFFERED
    before = selectors.article_status_before_last_move(article)
    state_before = workflow.State(status=before, scheduled=False, author_id=article.author_id)
    if before is None or workflow.offered_move(user, article, move, state=state_before) is None:
        return MOVE_NOT_OFFERED
    who = full_name(last.actor) if last.actor else (last.actor_name or "người khác")
    made, when = MOVE_MADE[last.action], last.created_at
    if last.action == AuditEvent.Action.PUBLISH and article.is_scheduled:
        made, when = "hẹn đăng", article.published_at
    return (f"Bài đã được {who} {made} lúc {timezone.localtime(when):%d/%m/%Y %H:%M}; "
            f"không {tried} được nữa.")


class MoveFields(forms.Form):
    """The article form's part for a move made with its save: the button pressed
    ("move") and the time for "Hẹn giờ đăng". Checked by news.workflow.move_refusal."""

    move = forms.CharField(label="bước duyệt", required=False, widget=forms.HiddenInput)
    move_publish_at = forms.SplitDateTimeField(
        label="Hẹn đăng lúc", required=False, widget=AdminSplitDateTime,
        help_text="Bài tự đăng lên cổng vào đúng ngày (ngày/tháng/năm) và giờ (giờ:phút) này.",
    )
    # Set per request by ArticleReviewMixin.get_form.
    review_user = None
    review_article = None

    def clean(self):
        cleaned = super().clean()
        move = cleaned.get("move") or ""
        if not move:
            return cleaned
        if move not in workflow.SAVING_MOVES:
            raise ValidationError("Thao tác này không làm được cùng lúc với lưu bài.")
        if move == Move.SCHEDULE and "move_publish_at" in self.errors:
            return cleaned  # the time box says what is wrong with what was typed
        # The photos' descriptions are checked on the cover and text of this save
        # (news/admin_cover.py), not on the stored ones.
        refusal = workflow.move_refusal(
            self.review_user, self.review_article, move,
            publish_at=cleaned.get("move_publish_at"), descriptions=False,
        )
        if refusal in (workflow.TIME_REQUIRED, workflow.TIME_IN_PAST):
            self.add_error("move_publish_at", refusal)  # shown at the time boxes
        elif refusal:
            raise ValidationError(refusal)
        return cleaned


def review_form(base):
    """`base` (the admin's article form) with MoveFields."""
    return type(base)("ArticleReviewForm", (MoveFields, base), {"__module__": __name__})


class MoveForm(forms.Form):
    """A move made on its own page (<id>/chuyen/). Its comment is read as typed and cleaned
    by services.plain_text."""

    move = forms.CharField()
    publish_at = forms.SplitDateTimeField(required=False, widget=AdminSplitDateTime)


class ArticleReviewMixin:
    """Named moves, the comment thread and the read-only page, for ArticleAdmin."""

    change_form_review_template = "admin/news/article/review_move.html"

    @property
    def media(self):
        return super().media + forms.Media(
            js=["js/article-review.js"], css={"all": ["css/article-review.css"]}
        )

    def get_urls(self):
        return [
            path("<path:object_id>/chuyen/", self.admin_site.admin_view(self.move_view),
                 name="news_article_move"),
            path("<path:object_id>/binh-luan/", self.admin_site.admin_view(self.comment_view),
                 name="news_article_comment"),
            *super().get_urls(),
        ]

    # -- the form: the body as text when read-only, the writer by name ---------------------

    def get_fieldsets(self, request, obj=None):
        read_only = obj is not None and not self.has_change_permission(request, obj)
        # The writer as a person, not an account, where nobody may change it here.
        author_shown = "author" in self.get_readonly_fields(request, obj)
        shown_instead = {
            "body": "rendered_body" if read_only else "body",
            "author": "author_full_name" if author_shown else "author",
        }
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = [shown_instead.get(field, field) for field in options["fields"]]
            fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        readonly.append("author_full_name")
        if obj is not None and obj.pk and not self.has_change_permission(request, obj):
            readonly.append("rendered_body")
        return readonly

    @admin.display(description="người viết")
    def author_full_name(self, obj):
        return full_name(obj.author) if obj is not None and obj.author_id else "—"

    @admin.display(description="nội dung")
    def rendered_body(self, obj):
        # The body as readers see it (it was cleaned when saved; cleaned again here), in the
        # box the thread's quotes point into.
        return mark_safe(
            f'<div class="review-body" data-review-body>{clean_html(obj.body)}</div>'
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form = review_form(self.form)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.review_user = request.user
        form.review_article = obj
        return form

    # -- the page ------------------------------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        context["review"] = self.review_context(request, obj)
        if obj is not None and obj.pk and request.method == "GET":
            services.article_mark_read(article=obj, user=request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def review_context(self, request, obj) -> dict:
        saved = obj is not None and obj.pk is not None
        offered = workflow.moves_for(request.user, obj if saved else None)
        may_edit = not saved or self.has_change_permission(request, obj)
        context = {
            "saving_moves": [o for o in offered if o.move in workflow.SAVING_MOVES and may_edit],
            "other_moves": [
                o for o in offered
                if o.move not in workflow.SAVING_MOVES and o.move != Move.SEND_BACK
            ],
            "send_back": next((o for o in offered if o.move == Move.SEND_BACK), None),
            "may_edit": may_edit,
        }
        if not saved:
            return context
        stored = Article.objects.filter(pk=obj.pk).only("status", "published_at").first()
        thread = selectors.article_thread(obj)
        context.update({
            "state_label": stored.state_label if stored else "",
            "pending_read_only": (
                stored is not None and stored.status == Article.Status.PENDING and not may_edit
            ),
            "thread": thread,
            # The entries after which the content was edited (not only moved).
            "edited_after": versions.content_edited_after(obj, {e.created_at for e in thread}),
            "version": obj.version,
            "move_url": reverse("admin:news_article_move", args=[obj.pk]),
            "comment_url": reverse("admin:news_article_comment", args=[obj.pk]),
            # A comment refused by comment_view: its text, quote and the reason.
            "composer": request.session.pop(composer_key(obj), None) or {},
        })
        return context

    def response_add(self, request, obj, post_url_continue=None):
        return self._response_after_move(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._response_after_move(request, obj) or super().response_change(request, obj)

    def _response_after_move(self, request, obj):
        move = getattr(request, "article_move", None)  # set by save_with_move
        if move is None:
            return None
        # The page it leads to says what the user may do next (review_state.html).
        self.message_user(request, move_done_message(move, obj), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:news_article_change", args=[obj.pk]))

    def save_with_move(self, request, obj, form):
        """ArticleAdmin.save_model for a save with a move (form.cleaned_data["move"])."""
        request.article_move = form.cleaned_data["move"]
        return services.article_move(
            article=obj, move=form.cleaned_data["move"], by=request.user, request=request,
            publish_at=form.cleaned_data.get("move_publish_at"),
            directives=form.cleaned_data.get("directives"),
            topics=form.cleaned_data.get("topics"),
        )

    # -- <id>/chuyen/: a move on its own page ----------------------------------------------

    def _article_or_none(self, request, object_id):
        if not unquote(object_id).isdigit():
            return None
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_permission(request, article):
            return None
        return article

    def _back_to(self, article, anchor=""):
        return HttpResponseRedirect(
            reverse("admin:news_article_change", args=[article.pk]) + anchor
        )

    def move_view(self, request, object_id):
        article = self._article_or_none(request, object_id)
        if article is None:
            raise Http404("Không có bài viết này, hoặc bạn không xem được bài này.")
        data = request.POST if request.method == "POST" else request.GET
        form = MoveForm(data)
        move = data.get("move", "")
        offered = workflow.offered_move(request.user, article, move)
        if offered is None:
            self.message_user(
                request, move_overtaken_message(request.user, article, move), messages.ERROR
            )
            return self._back_to(article)
        if request.method != "POST":
            return self.move_confirmation(request, article, offered, MoveForm(initial={
                "move": offered.value,
            }))
        if not form.is_valid():
            return self.move_confirmation(request, article, offered, form)
        try:
            services.article_move(
                article=article, move=offered.value, by=request.user, request=request,
                comment=request.POST.get("comment", ""), quote=request.POST.get("quote", ""),
                publish_at=form.cleaned_data["publish_at"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _message_of(error))
            return self.move_confirmation(request, article, offered, form)
        self.message_user(request, move_done_message(offered.move, article), messages.SUCCESS)
        return self._back_to(article)

    def move_confirmation(self, request, article, offered, form):
        context = {
            **self.admin_site.each_context(request),
            "title": f"{offered.label}: {article.title}",
            "opts": self.opts,
            "original": article,
            "offered": offered,
            "form": form,
            "media": self.media + form.media,
            "change_url": reverse("admin:news_article_change", args=[article.pk]),
            "state_label": article.state_label,
        }
        return TemplateResponse(request, self.change_form_review_template, context)

    # -- <id>/binh-luan/: the comment box (and "Yêu cầu sửa" with its comment) -------------

    def comment_view(self, request, object_id):
        article = self._article_or_none(request, object_id)
        if article is None:
            raise Http404("Không có bài viết này, hoặc bạn không xem được bài này.")
        if request.method != "POST":
            return self._back_to(article, "#binh-luan")
        # Raw text: services.plain_text cleans it (a form field would refuse a NUL and lose
        # the whole comment).
        data = {"comment": request.POST.get("comment", ""), "quote": request.POST.get("quote", "")}
        try:
            if request.POST.get("move") == Move.SEND_BACK:
                services.article_move(
                    article=article, move=Move.SEND_BACK, by=request.user, request=request,
                    comment=data.get("comment", ""), quote=data.get("quote", ""),
                )
                self.message_user(request, move_done_message(Move.SEND_BACK, article),
                                  messages.SUCCESS)
            else:
                services.article_comment_add(
                    article=article, by=request.user, body=data.get("comment", ""),
                    quote=data.get("quote", ""), request=request,
                )
                self.message_user(request, "Đã gửi bình luận.", messages.SUCCESS)
        except (ValidationError, PermissionDenied) as error:
            # Back to the comment box, with what was typed and, at the box, what is missing.
            request.session[composer_key(article)] = {**data, "error": _message_of(error)}
            return self._back_to(article, "#binh-luan-moi")
        return self._back_to(article, "#binh-luan")


def composer_key(article) -> str:
    """The session's key for a comment of `article` refused by comment_view, kept for the
    page it goes back to."""
    return f"article_review_composer_{article.pk}"


def _message_of(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "Bạn không có quyền làm việc này."
