"""Writing articles and directives: the one door every writer goes through.

The admin (its form, actions, delete and revision restore), the workflow, the legacy
importer and the demo loader save through these functions, never through Model.save()
alone: Article.save() only fills the row's defaults (Article.fill_defaults). Each
function takes keyword-only arguments, reads what it needs once and does, in order,
everything the write implies; docs/architecture.md walks through article_save() step by
step. `by` is the user acting; None means the system (a command, the importer, the demo
loader, a test), whose saves are neither checked against the workflow nor audited.

Reads are in news/selectors.py; the rules applied here live where they are named:
news/workflow.py (which moves a user may make and their audit line),
Article.locks_slug (the address lock), news/cache_tags.py (which pages a change renews),
news/directive_links.py (the directives an article names).
"""

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone

from audit.log import record
from audit.models import AuditEvent
from core.old_slugs import keeping_old_slug, stored_slug
from library.models import LibraryImage
from library.services import upload_document
from organizations.models import Organization

from . import cache_tags, figures, permissions, tasks, trash, workflow
from .directive_links import LinkResult, link_article_directives
from .models import (
    Article,
    ArticleComment,
    ArticleReadMark,
    Category,
    Directive,
    NotificationPreference,
    Republication,
)
from .search_document import article_document
from .versions import RESTORED_FIELDS, comparable, version_label

# Changing any of these changes the search document; any of these (the text) may name
# a directive.
SEARCHED_FIELDS = Article.SEARCHED_FIELDS
LINKED_FIELDS = frozenset({"title", "summary", "body"})
# Where the article shows library images (news.ImageUse, news/figures.py).
IMAGE_FIELDS = frozenset({"body", "cover"})


@dataclass(frozen=True)
class ArticleSaved:
    """What article_save() did: the caller shows `links`' warnings (the admin does)."""

    article: Article
    old_status: str | None  # None for a new article
    links: LinkResult | None  # None when the text was not linked (update_fields without it)


# -- articles ---------------------------------------------------------------------------


def article_save(
    *, article: Article, by=None, request=None, directives=None, topics=None,
    update_fields=None,
) -> ArticleSaved:
    """Create or update `article`, with everything a save implies, in this order:

    1. read the stored row once (_stored_row): slug, status, version, first publication
       and the columns the page cache compares;
    2. the workflow: `by` may make this move (workflow.check_move), else PermissionDenied;
    3. the address: a locked slug stays unless corrected (article.slug_correction_allowed),
       and a corrected one keeps its old address as a redirect;
    4. the defaults (Article.fill_defaults): slug from the title, publication time on
       publishing, first publication;
    5. the version, raised by every save of an existing article (the admin's edit check);
    6. the search document, from the text (its figures' captions included);
    7. the write, with the old address stored beside it;
    8. the directives: `directives` (the admin form's "văn bản liên quan") replace the
       set, then those the text names are attached and linked (news/directive_links.py);
       the version just kept gets the linked body too (_version_holds_linked_body);
       then the library images the text (and cover) shows are recorded as its ImageUse
       rows (figures.record_image_uses); `topics` (the form's "chuyên trang") replace
       the article's topics;
    9. the audit line for a move in the workflow (workflow.audit_move), when `by` acts;
    10. the page cache: the pages showing the article, before and after, are renewed once
        the transaction commits (cache_tags.article_saved).
    """
    stored = _stored_row(article)
    old_status = stored["status"] if stored else None
    if by is not None:
        workflow.check_move(user=by, old_status=old_status, new_status=article.status)
    old_slug = _apply_slug_lock(article, stored)
    article.fill_defaults()
    update_fields = _fields_to_write(article, stored, update_fields)
    if stored is not None:
        article.version = (stored["version"] or 0) + 1
    if _touches(update_fields, SEARCHED_FIELDS):
        article.search_document = article_search_document(article)
    with transaction.atomic():
        with keeping_old_slug(article, old_slug):
            article.save(update_fields=update_fields)
        directive_ids = _set_directives(article, directives)
        links = None
        if directives is not None or _touches(update_fields, LINKED_FIELDS):
            links = link_article_directives(article=article)
            if directive_ids is not None:
                directive_ids |= {directive.pk for directive in links.attached}
            if links.body_changed:
                _version_holds_linked_body(article)
        if _touches(update_fields, IMAGE_FIELDS):
            figures.record_image_uses(article)
        topic_ids = _set_topics(article, topics)
        if by is not None:
            workflow.audit_move(article=article, old_status=old_status, by=by, request=request)
    cache_tags.article_saved(
        article=article,
        before=_listed(stored),
        directive_ids=lambda: (
            directive_ids if directive_ids is not None
            else article.directives.values_list("pk", flat=True)
        ),
        topic_ids=lambda: (
            topic_ids if topic_ids is not None else article.topics.values_list("pk", flat=True)
        ),
    )
    return ArticleSaved(article=article, old_status=old_status, links=links)


def _version_holds_linked_body(article: Article) -> None:
    """The version django-simple-history kept at the write holds the body as typed; the
    links added to it since are part of what was saved, so the version gets them too."""
    newest = article.history.order_by("-history_date", "-history_id").values("pk")[:1]
    Article.history.filter(pk__in=newest).update(body=article.body)


@dataclass(frozen=True)
class ArticleRestored:
    """What article_restore_version() did: `saved` is None when the version's content is
    the article's already (nothing saved); `notes` say what could not come back."""

    saved: ArticleSaved | None
    notes: list[str]


def article_restore_version(*, article: Article, version, by=None, request=None) -> ArticleRestored:
    """Bring back the content of `version` (a historical record of `article`) as a new
    version, in one step: the restore button of the history and comparison pages.

    Only someone who may edit the article now restores (PermissionDenied otherwise). The
    content and classification come back (versions.RESTORED_FIELDS); the article keeps its
    state, publication time, featuring, address and writer, so a restore never publishes
    or unpublishes anything. An organisation outside `by`'s scope, or a category or
    organisation deleted since, stays as it is now (`notes` says so). A version whose
    content is the article's already saves nothing."""
    if version.id != article.pk:
        raise ValueError("The version is not one of this article's.")
    if by is not None and not permissions.can_edit(by, article):
        raise PermissionDenied("Bạn không có quyền sửa bài viết này nên không khôi phục được.")
    notes = _bring_back(article, version, by)
    stored = Article.objects.filter(pk=article.pk).values(*_attnames(RESTORED_FIELDS)).first()
    if all(
        comparable(name, getattr(article, attname)) == comparable(name, stored[attname])
        for name, attname in zip(RESTORED_FIELDS, _attnames(RESTORED_FIELDS), strict=True)
    ):
        return ArticleRestored(saved=None, notes=notes)
    saved = article_save_restored(article=article, version=version, by=by, request=request)
    return ArticleRestored(saved=saved, notes=notes)


def article_save_restored(
    *, article: Article, version, by=None, request=None, directives=None, topics=None
) -> ArticleSaved:
    """Save `article` holding `version`'s content (brought back by article_restore_version,
    or edited in the admin's restore form) through article_save: the new version says
    which one it restores, and the audit log names it (RESTORE)."""
    label = version_label(version)
    article._history_user = by
    article._change_reason = f"Khôi phục phiên bản {label}"[:100]
    try:
        with transaction.atomic():
            saved = article_save(
                article=article, by=by, request=request, directives=directives, topics=topics
            )
            if by is not None:
                record(
                    action=AuditEvent.Action.RESTORE, obj=article, actor=by, request=request,
                    detail=f"Khôi phục nội dung phiên bản {label}",
                )
    finally:
        del article._change_reason
    return saved


def _attnames(names) -> list[str]:
    return [Article._meta.get_field(name).attname for name in names]


def _bring_back(article: Article, version, by) -> list[str]:
    """Set `version`'s RESTORED_FIELDS on `article`; what stays as it is now, and why."""
    notes = []
    kept = set()
    organization_id = version.organization_id
    if organization_id != article.organization_id:
        allowed = Organization.objects.all() if by is None else permissions.organizations_for(by)
        if not allowed.filter(pk=organization_id).exists():
            kept.add("organization")
            notes.append(
                "Tổ chức của phiên bản đó đã bị xóa hoặc nằm ngoài phạm vi của bạn, nên bài "
                "giữ tổ chức hiện tại."
            )
    if (
        version.category_id != article.category_id
        and not Category.objects.filter(pk=version.category_id).exists()
    ):
        kept.add("category")
        notes.append("Chuyên mục của phiên bản đó đã bị xóa, nên bài giữ chuyên mục hiện tại.")
    if (
        version.cover_id is not None and version.cover_id != article.cover_id
        and not LibraryImage.objects.filter(pk=version.cover_id).exists()
    ):
        kept.add("cover")
        notes.append(
            "Ảnh đại diện của phiên bản đó đã bị xóa khỏi thư viện ảnh, nên bài giữ ảnh hiện tại."
        )
    for name, attname in zip(RESTORED_FIELDS, _attnames(RESTORED_FIELDS), strict=True):
        if name not in kept:
            setattr(article, attname, getattr(version, attname))
    return notes


def article_change_status(*, article: Article, to: str, by, at=None, request=None) -> ArticleSaved:
    """Move a saved article to state `to` (with a publication time `at` for publishing):
    checked and audited as any save by `by` is. The admin's actions use it."""
    if to == Article.Status.PUBLISHED:
        article.publish(at=at)
    else:
        article.status = to
    return article_save(article=article, by=by, request=request)


def article_delete(*, article: Article, by=None, request=None) -> None:
    """Move `article` to the trash (Thùng rác): gone from every page, feed, search and admin
    list, restorable for settings.TRASH_RETENTION_DAYS days, then removed for good by the
    task worker (news/trash.py). An audit line with its state, and its pages renewed on
    commit. Its slug stays taken, so restoring it collides with nothing."""
    if article.trashed_at is not None:
        return
    with transaction.atomic():
        now = timezone.now()
        moved = Article.all_objects.filter(pk=article.pk, trashed_at__isnull=True).update(
            trashed_at=now, trashed_by=by
        )
        if not moved:
            return  # in the trash already (deleted twice at once), or gone
        article.trashed_at, article.trashed_by = now, by
        expires = formats.date_format(timezone.localtime(article.trash_expires_at), "d/m/Y")
        record(
            action=AuditEvent.Action.TRASH, obj=article, actor=by, request=request,
            detail=f"Trạng thái khi xóa: {article.get_status_display()}. "
            f"Có thể khôi phục đến {expires}.",
        )
        cache_tags.article_deleted(article=article)
        trash.request_removal(article=article)


def article_restore(*, article: Article, by, request=None) -> ArticleSaved | None:
    """Take `article` out of the trash, in the state permissions.status_after_restore gives
    it: the one it had, or a draft when `by` may not publish and it was public. A revision
    and an audit line say so; its pages are renewed. None, and nothing done, when it is no
    longer in the trash (restored or removed meanwhile)."""
    with transaction.atomic():
        if not trash.still_trashed(article):
            return None
        status = permissions.status_after_restore(by, article.status)
        before = article.get_status_display()
        article.status = status
        article.trashed_at = article.trashed_by = None
        article._history_user = by
        article._change_reason = "Khôi phục từ thùng rác"
        # Not checked as a move by `by`: leaving the trash is not a step of the workflow,
        # and the state chosen above is one `by` may give.
        saved = article_save(
            article=article,
            update_fields=["status", "trashed_at", "trashed_by", "updated_at"],
        )
        detail = f"Khôi phục với trạng thái {article.get_status_display()}"
        if article.get_status_display() != before:
            detail += f" (trước khi xóa: {before}; người khôi phục không được đăng bài)"
        record(action=AuditEvent.Action.RESTORE_FROM_TRASH, obj=article, actor=by,
               request=request, detail=detail + ".")
    return saved


def article_purge(*, article: Article, by, request=None) -> bool:
    """Remove a trashed `article` for good (news/trash.py): only from the trash, only by
    whom permissions.can_purge allows (the caller checks the article is theirs). False when
    it was no longer in the trash."""
    return trash.purge(article=article, by=by, request=request)


def trash_empty(*, articles, by, request=None) -> int:
    """Remove every trashed article of `articles` for good; how many."""
    count = 0
    for article in articles.filter(trashed_at__isnull=False).select_related("trashed_by"):
        count += trash.purge(article=article, by=by, request=request)
    return count


def articles_bulk_create(*, articles: list[Article]) -> list[Article]:
    """Many new articles in one INSERT, written by the system (the demo loader's thousands,
    which article_save one by one would take minutes over).

    Each gets what article_save gives a new article: its defaults and its search document
    (the captions of its figures are in its text). Every list of articles is renewed once.
    Nothing else: the caller attaches the directives it knows (the text is not scanned for
    more) and records the library images the text shows, and the system is not audited.
    """
    for article in articles:
        article.fill_defaults()
        article.search_document = article_search_document(article)
    created = Article.objects.bulk_create(articles)
    cache_tags.articles_updated_in_bulk()
    return created


def _stored_row(article: Article) -> dict | None:
    if article.pk is None:
        return None
    columns = {*Article.STORED_STATE_FIELDS, *cache_tags.listed_fields()}
    return Article._default_manager.filter(pk=article.pk).values(*columns).first()


def _listed(stored: dict | None) -> dict | None:
    if stored is None:
        return None
    return {name: stored[name] for name in cache_tags.listed_fields()}


def _apply_slug_lock(article: Article, stored: dict | None) -> str | None:
    """Put a locked slug back (unless this save corrects it); the address to keep as a
    redirect when it changes: only an address that was public is worth keeping."""
    if not Article.locks_slug(stored):
        return None
    if not article.slug_correction_allowed:
        article.slug = stored["slug"]
    return stored["slug"]


def _fields_to_write(article: Article, stored: dict | None, update_fields):
    """`update_fields` with the columns this save derives from them (None: every column)."""
    if update_fields is None:
        return None
    fields = set(update_fields)
    if stored is not None:
        fields.add("version")
        if stored["first_published_at"] != article.first_published_at:
            fields.add("first_published_at")
    if fields & SEARCHED_FIELDS:
        fields.add("search_document")
    return fields


def _touches(update_fields, fields) -> bool:
    return update_fields is None or bool(fields & set(update_fields))


def _replace_related(related, objects) -> tuple[set[int], set[int]]:
    """Make the many-to-many manager `related` hold exactly `objects`, touching only what
    changes; the ids it held before and holds now."""
    before = set(related.values_list("pk", flat=True))
    after = {item.pk for item in objects}
    if before - after:
        related.remove(*(before - after))
    if after - before:
        related.add(*(after - before))
    return before, after


def _set_topics(article: Article, topics) -> set[int] | None:
    """Replace the article's topics with `topics` (None: leave them), renewing the lists of
    those it joins or leaves; the ids it has now."""
    if topics is None:
        return None
    before, after = _replace_related(article.topics, topics)
    cache_tags.article_topics_changed(article=article, topic_ids=before ^ after)
    return after


def _set_directives(article: Article, directives) -> set[int] | None:
    """Replace the article's directives with `directives` (None: leave them), renewing the
    pages of those attached or detached; the ids it had before or has now (the lists the
    article leaves or joins)."""
    if directives is None:
        return None
    before, after = _replace_related(article.directives, directives)
    cache_tags.article_directives_changed(article=article, directive_ids=before ^ after)
    return before | after


def article_search_document(article: Article) -> str:
    """The article's text, the captions of its figures included, folded for search."""
    return article_document(title=article.title, summary=article.summary, body=article.body)


# -- directives ---------------------------------------------------------------------------


def directive_save(*, directive: Directive, by=None) -> bool:
    """Save `directive`, renew its pages, and ask the task worker to link it in the articles
    that named it before it was on the portal (news/tasks.py), in the same transaction;
    whether it was asked (False when no article names it). Its document becomes shared in
    the library: a directive is public once saved, and so is its file."""
    with transaction.atomic():
        # A corrected address keeps the old one, which the articles' links point at.
        with keeping_old_slug(directive, stored_slug(directive)):
            directive.save()
        document = directive.document
        if document is not None and not document.is_shared:
            # Its page offers the file to everyone: the library says so too.
            document.is_shared = True
            document.save(update_fields=["is_shared"])
        cache_tags.directive_changed(directive_id=directive.pk)
        return tasks.request_directive_linking(directive=directive, by=by)


def directive_delete(*, directive: Directive) -> None:
    with transaction.atomic():
        cache_tags.directive_changed(directive_id=directive.pk)
        directive.delete()


def directive_document_upload(*, file, organization, by, title: str = ""):
    """A directive's text uploaded from the directive's form: into the library, as a
    document of `organization` shared with every organisation. A directive is public the
    moment it is saved (it has no draft), and its official text may serve other
    directives too. Stays in the library even when the directive is not saved."""
    with transaction.atomic():
        document = upload_document(file=file, organization=organization, uploaded_by=by,
                                   title=title)
        document.is_shared = True
        document.save(update_fields=["is_shared"])
    return document



# -- review: named moves, comments, read marks, e-mail preference ------------------------


class MoveRefused(ValidationError):
    """A move the user may not make now, or without what it needs (a comment, a time)."""


@dataclass(frozen=True)
class Links:
    """Where the e-mail about a move or a comment points: the article's admin page and the
    recipient's "Thông báo của tôi" (absolute when a request says the host)."""

    article: str
    preferences: str


def article_move(
    *, article: Article, move: str, by, comment: str = "", quote: str = "", publish_at=None,
    request=None, directives=None, topics=None, links: Links | None = None,
) -> ArticleSaved:
    """Make the named move `move` (news.workflow.Move) on `article` as `by`: checked by
    workflow.move_refusal (who may make it in the article's stored state; a comment for
    "Yêu cầu sửa", a future time for "Hẹn giờ đăng"), saved through article_save with the
    changes the article carries (the form's, for a move made with a save), written into the
    article's thread with its comment, and e-mailed to those concerned."""
    state = workflow.State.of(article)
    comment = plain_text(comment, limit=ArticleComment._meta.get_field("body").max_length)
    refusal = workflow.move_refusal(
        by, article, move, comment=comment, publish_at=publish_at, state=state
    )
    if refusal:
        raise MoveRefused(refusal)
    move = workflow.Move(move)
    if move == workflow.Move.PUBLISH:
        article.publish(at=timezone.now())
    elif move == workflow.Move.SCHEDULE:
        article.publish(at=publish_at)
    else:
        article.status = workflow.target_status(move)
    # No savepoint of its own: within the admin's transaction the move and its entry in
    # the thread stand or fall together anyway.
    with transaction.atomic(savepoint=False):
        saved = article_save(
            article=article, by=by, request=request, directives=directives, topics=topics
        )
        _thread_entry(article=article, by=by, body=comment, quote=quote, move=move,
                      request=request, links=links)
    return saved


def article_comment_add(
    *, article: Article, by, body: str, quote: str = "", request=None, links: Links | None = None
) -> ArticleComment:
    """A comment by `by` in `article`'s thread (plain text; `quote` is the passage it is
    about), e-mailed to the writer and the others in the thread."""
    if not permissions.can_see(by, article):
        raise PermissionDenied("Bạn không xem được bài viết này.")
    body = plain_text(body, limit=ArticleComment._meta.get_field("body").max_length)
    if not body:
        raise ValidationError("Hãy gõ nội dung bình luận.")
    with transaction.atomic(savepoint=False):
        return _thread_entry(article=article, by=by, body=body, quote=quote, move="",
                             request=request, links=links)


def article_mark_read(*, article: Article, user) -> None:
    """`user` has just opened `article`: its comments so far are no longer new to them."""
    ArticleReadMark.objects.update_or_create(
        user=user, article=article, defaults={"read_at": timezone.now()}
    )


def notification_preference_set(*, user, email_enabled: bool) -> NotificationPreference:
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_enabled": email_enabled}
    )
    return preference


def _thread_entry(*, article, by, body, quote, move, request, links) -> ArticleComment:
    entry = ArticleComment(
        article=article, author=by, body=body, move=str(move),
        quote=plain_text(quote, limit=ArticleComment._meta.get_field("quote").max_length,
                         one_line=True),
        article_version=article.version,
    )
    entry.save()  # its text is cleaned and cut to length above
    links = links or review_links(article=article, request=request)
    tasks.request_review_emails(
        entry=entry, link=links.article, preferences_link=links.preferences
    )
    return entry


def review_links(*, article: Article, request=None) -> Links:
    article_url = reverse("admin:news_article_change", args=[article.pk])
    preferences_url = reverse("admin:notification_preferences")
    if request is None:
        return Links(article=article_url, preferences=preferences_url)
    return Links(
        article=request.build_absolute_uri(article_url),
        preferences=request.build_absolute_uri(preferences_url),
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def plain_text(text: str | None, *, limit: int, one_line: bool = False) -> str:
    """Text people typed, kept plain: NFC, no control or direction-changing characters,
    at most two blank lines in a row (or one line), trimmed, at most `limit` characters.
    Pages escape it and turn its line breaks into <br>."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if one_line:
        text = " ".join(text.split())
    else:
        text = re.sub(r"[ \t]+\n", "\n", text)
        text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()[:limit].strip()


# -- republishing (đăng lại) onto another portal ------------------------------------------


def article_republish(*, article: Article, portal, by, request=None) -> Republication:
    """Show `article` on `portal` as well (its lists, its page there with "Nguồn:" and the
    canonical link to the original). The article stays one text with one history; only a
    Republication row is written, with an audit line. PermissionDenied with the reason in
    Vietnamese when `by` may not (news.permissions.republish_refusal). Republishing it again
    onto the same portal does nothing."""
    refusal = permissions.republish_refusal(by, article, portal)
    if refusal:
        raise PermissionDenied(refusal)
    with transaction.atomic():
        republication, created = Republication.objects.get_or_create(
            article=article, portal=portal, defaults={"republished_by": by}
        )
        if created:
            record(
                action=AuditEvent.Action.PUBLISH, obj=republication, actor=by, request=request,
                detail=f"Đăng lại bài “{article.title}” (của {article.owner_portal}) "
                f"trên {portal}.",
            )
            transaction.on_commit(
                lambda: cache_tags.article_republication_changed(article, [portal.pk])
            )
    return republication


def article_unrepublish(*, article: Article, portal, by, request=None) -> bool:
    """Take a republished `article` off `portal` (its own portal keeps it). False, and
    nothing done, when it was not republished there."""
    refusal = permissions.unrepublish_refusal(by, portal)
    if refusal:
        raise PermissionDenied(refusal)
    with transaction.atomic():
        republication = (
            Republication.objects.select_for_update()
            .filter(article=article, portal=portal).first()
        )
        if republication is None:
            return False
        record(
            action=AuditEvent.Action.UNPUBLISH, obj=republication, actor=by, request=request,
            detail=f"Gỡ bài đăng lại “{article.title}” khỏi {portal}.",
        )
        republication.delete()
        transaction.on_commit(
            lambda: cache_tags.article_republication_changed(article, [portal.pk])
        )
    return True
