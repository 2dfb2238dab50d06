"""An article's versions as editors read them: who saved each, when, what happened (a move
through the workflow, a restore, an edit) and which fields changed.

django-simple-history keeps the versions (Article.history); this module only reads them.
The comparison of two versions is news/version_compare.py, the restore a service
(news.services.article_restore_version), the pages news/admin_history.py.
"""

from dataclasses import dataclass, field

from django.db.models.functions import MD5
from django.utils import timezone
from django.utils.text import capfirst

from core.admin_utils import full_name

from . import workflow
from .models import Article

# The fields a version is compared by, in the order of the article form.
COMPARED_FIELDS = (
    "title", "slug", "summary", "body", "cover", "organization", "category",
    "status", "published_at", "is_featured", "source", "author", "author_name",
)

# What a version says, as against where it stands in the workflow: a move that changed only
# the state (sent back, published) leaves the content as it was.
CONTENT_FIELDS = tuple(
    name for name in COMPARED_FIELDS if name not in ("status", "published_at", "is_featured")
)

# What restoring an older version leaves as it is now: the article's state in the workflow.
RESTORE_KEEPS = ("status", "published_at", "first_published_at", "is_featured")

# What a one-click restore brings back: the content and its classification. The article
# keeps its state (RESTORE_KEEPS), its address and its writer (who may edit it follows
# from the writer), and its directives (not kept in versions; those the restored text
# names are linked again).
RESTORED_FIELDS = (
    "title", "summary", "body", "cover", "organization", "category", "source", "author_name",
)

# Where the time of a version is shown, to the minute: the publication time's box shows
# seconds, but nobody reads or changes them.
TIME_FORMAT = "%d/%m/%Y %H:%M"

SYSTEM = "Hệ thống"


def local_time(moment) -> str:
    """'07/12/2026 09:30', in the portal's time zone; '' for no time."""
    return timezone.localtime(moment).strftime(TIME_FORMAT) if moment else ""


def who(version) -> str:
    """The full name of whoever saved `version` ('Hệ thống' for a command or the importer)."""
    user = version.history_user
    return full_name(user) if user is not None else SYSTEM


def version_label(version) -> str:
    """'12/11/2026 09:30 của Nguyễn Minh Thư' for a historical record."""
    when = local_time(version.history_date)
    user = version.history_user
    if user is None:
        return when
    return f"{when} của {full_name(user)}"


def field_label(name: str) -> str:
    """'Tiêu đề': a field's Vietnamese name, as the article form shows it."""
    return capfirst(Article._meta.get_field(name).verbose_name)


def comparable(name: str, value):
    """`value` of field `name` as it counts for a change: times to the minute (as shown),
    files by name, empty text and None alike."""
    if name == "published_at" and value is not None:
        return timezone.localtime(value).replace(second=0, microsecond=0)
    if value is None:
        return ""
    return getattr(value, "name", value)


def changed_fields(older, newer) -> list[str]:
    """The names of the COMPARED_FIELDS whose values differ between two versions."""
    return [
        name for name in COMPARED_FIELDS
        if comparable(name, _raw(older, name)) != comparable(name, _raw(newer, name))
    ]


def _raw(version, name):
    # Foreign keys by id: comparing them must not read the related rows.
    attname = Article._meta.get_field(name).attname
    return getattr(version, attname)


def what_happened(version, previous) -> str:
    """What a version did, as people say it: 'Tạo bài', 'Gửi duyệt', 'Đăng bài', 'Hẹn giờ
    đăng 08/12/2026 07:00', 'Gỡ bài', 'Sửa'."""
    if previous is None:
        return "Tạo bài"
    if previous.status == version.status:
        return "Sửa"
    scheduled = (
        version.status == Article.Status.PUBLISHED
        and version.published_at is not None
        and version.published_at > version.history_date
    )
    if scheduled:
        return f"Hẹn giờ đăng {local_time(version.published_at)}"
    action = workflow.move_action(
        article=version, old_status=previous.status, by=version.history_user
    )
    return action.label if action is not None else "Sửa"


@dataclass
class VersionRow:
    """One line of the history page."""

    version: object
    previous: object | None
    is_current: bool
    when: str
    who: str
    happened: str
    state: str
    reason: str
    changed: list[str] = field(default_factory=list)

    @property
    def history_id(self) -> int:
        return self.version.history_id


def version_rows(versions: list, *, older=None, current_id=None) -> list[VersionRow]:
    """Rows for `versions` (newest first); `older` is the version before the last of them
    (None when the last is the first version), `current_id` the history id of the newest
    version of the article (the content it has now)."""
    rows = []
    for index, version in enumerate(versions):
        previous = versions[index + 1] if index + 1 < len(versions) else older
        changed = changed_fields(previous, version) if previous is not None else []
        rows.append(VersionRow(
            version=version,
            previous=previous,
            is_current=version.history_id == current_id,
            when=local_time(version.history_date),
            who=who(version),
            happened=what_happened(version, previous),
            state=Article.Status(version.status).label,
            reason=version.history_change_reason or "",
            changed=[field_label(name) for name in changed],
        ))
    return rows


def content_edited_after(article, moments) -> set:
    """Which of `moments` (the times of the entries of `article`'s thread) have had the
    article's content edited after them: a later version whose content (CONTENT_FIELDS)
    differs from the version of that moment. A move that changed only the state is no
    edit. One query, whatever the number of versions (the long texts as digests)."""
    if not moments:
        return set()
    # The long texts by their digests, the rest as they are.
    digested = {"summary", "body"}
    columns = {
        name: MD5(name) if name in digested
        else Article._meta.get_field(name).attname
        for name in CONTENT_FIELDS
    }
    digests = [
        (row[0], row[1:]) for row in
        article.history.order_by("history_date", "history_id")
        .annotate(**{f"content_{name}": column for name, column in columns.items()
                     if name in digested})
        .values_list("history_date", *(
            f"content_{name}" if name in digested else column
            for name, column in columns.items()
        ))
    ]
    edited = set()
    for moment in moments:
        at = [content for when, content in digests if when <= moment]
        later = [content for when, content in digests if when > moment]
        if at and any(content != at[-1] for content in later):
            edited.add(moment)
    return edited
