"""Editorial workflow: draft → pending review → published → archived, and back to draft.

The rules of a move: who may make it (check_move, on top of news.permissions) and the
audit line it leaves (audit_move). news.services.article_save applies both to every save
by a user (the admin's form, its actions through article_change_status, a revision
restore), so a tampered request cannot skip the check.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from audit.log import record
from audit.models import AuditEvent

from . import figures, permissions
from .models import Article

Status = Article.Status

# Moves an editor without the publishing permission may make.
WRITER_MOVES = {
    (Status.DRAFT, Status.DRAFT),
    (Status.DRAFT, Status.PENDING),
    (Status.PENDING, Status.PENDING),
    (Status.PENDING, Status.DRAFT),
}

AUDITED = {
    Status.PUBLISHED: AuditEvent.Action.PUBLISH,
    Status.ARCHIVED: AuditEvent.Action.ARCHIVE,
}


def may_move(user, old_status, new_status) -> bool:
    if permissions.can_publish(user):
        return True
    return (old_status or Status.DRAFT, new_status) in WRITER_MOVES


def check_move(*, user, old_status, new_status) -> None:
    if not may_move(user, old_status, new_status):
        raise PermissionDenied(
            "Chỉ người duyệt bài mới được đăng, gỡ, hẹn giờ hoặc lưu trữ bài viết."
        )


def move_action(*, article, old_status, by=None):
    """The audit log's name for moving `article` from `old_status` to its status, or None
    when nothing moved (a new draft is not a move). Every move is named: sending for
    review, withdrawing one's own submission, sending it back, publishing, unpublishing
    and archiving."""
    new_status = article.status
    if old_status == new_status or (old_status is None and new_status == Status.DRAFT):
        return None
    if new_status in AUDITED:
        return AUDITED[new_status]
    if old_status in (Status.PUBLISHED, Status.ARCHIVED):
        return AuditEvent.Action.UNPUBLISH
    if new_status == Status.PENDING:
        return AuditEvent.Action.SUBMIT
    # Back from review to draft: its writer takes it back, or someone else returns it.
    if by is not None and article.author_id == by.pk:
        return AuditEvent.Action.WITHDRAW
    return AuditEvent.Action.SEND_BACK


def audit_move(*, article, old_status, by=None, request=None) -> None:
    """Write the audit line for a change of state that has just been saved."""
    new_status = article.status
    action = move_action(article=article, old_status=old_status, by=by)
    if action is None:
        return
    detail = f"{Status(old_status).label if old_status else 'mới'} → {Status(new_status).label}"
    if article.is_scheduled:
        detail += f"; hẹn đăng lúc {timezone.localtime(article.published_at):%d/%m/%Y %H:%M}"
    record(action=action, obj=article, actor=by, detail=detail, request=request)


# -- named moves: what people do, and who may do it in which state ------------------------


class Move(StrEnum):
    """The moves the article page offers, named for what people do."""

    SUBMIT = "submit"  # Gửi duyệt
    WITHDRAW = "withdraw"  # Rút lại: the writer takes a submission back to edit it
    SEND_BACK = "send_back"  # Yêu cầu sửa, with a comment for the writer
    PUBLISH = "publish"  # Duyệt và đăng (now)
    SCHEDULE = "schedule"  # Hẹn giờ đăng
    UNPUBLISH = "unpublish"  # Gỡ bài (back to draft)
    ARCHIVE = "archive"  # Lưu trữ


@dataclass(frozen=True)
class OfferedMove:
    """A move as the page offers it: the button's words depend on the article's state."""

    move: Move
    label: str
    help: str

    @property
    def value(self) -> str:
        return str(self.move)

    # Made on the move's own page (a confirmation) rather than with the form's save.
    @property
    def confirms(self) -> bool:
        return self.move in CONFIRMED_MOVES


CONFIRMED_MOVES = frozenset({Move.UNPUBLISH, Move.ARCHIVE})
# Moves that save the article form's changes with them when made from the edit page.
SAVING_MOVES = frozenset({Move.SUBMIT, Move.PUBLISH, Move.SCHEDULE})

COMMENT_REQUIRED = "Hãy ghi lời nhắn cho người viết: cần sửa gì, ở đoạn nào."
TIME_REQUIRED = "Hãy chọn ngày và giờ đăng."
TIME_IN_PAST = "Thời gian hẹn đăng đã qua; hãy chọn một thời điểm trong tương lai."


@dataclass(frozen=True)
class State:
    """What the rules of a move read about an article: its stored state (None: new)."""

    status: str | None
    scheduled: bool
    author_id: int | None

    @classmethod
    def of(cls, article) -> "State":
        if article is None or article.pk is None:
            return cls(status=None, scheduled=False, author_id=None)
        row = (
            Article._default_manager.filter(pk=article.pk)
            .values("status", "published_at", "author_id").first()
        )
        if row is None:
            return cls(status=None, scheduled=False, author_id=None)
        scheduled = (
            row["status"] == Status.PUBLISHED and row["published_at"] is not None
            and row["published_at"] > timezone.now()
        )
        return cls(status=row["status"], scheduled=scheduled, author_id=row["author_id"])


def moves_for(user, article, *, state: State | None = None) -> list[OfferedMove]:
    """The moves `user` may make on `article` (None or unsaved: a new one) now, in the
    order the page shows them. The one rule for who may make which move: the page's
    buttons and services.article_move both ask here."""
    state = state or State.of(article)
    saved = article is not None and article.pk is not None
    if saved and not permissions.can_see(user, article):
        return []
    may_edit = not saved or permissions.can_edit(user, article)
    publisher = permissions.can_publish(user)
    offered = []
    status = state.status
    if status in (None, Status.DRAFT) and may_edit:
        offered.append(OfferedMove(Move.SUBMIT, "Gửi duyệt",
                                   "Lưu và gửi cho người duyệt bài."))
    if status == Status.PENDING and saved and state.author_id == user.pk:
        offered.append(OfferedMove(Move.WITHDRAW, "Rút lại",
                                   "Đưa bài về bản nháp để sửa tiếp, rồi gửi duyệt lại."))
    if (status == Status.PENDING and saved and state.author_id != user.pk
            and permissions.can_edit_colleagues(user)):
        offered.append(OfferedMove(Move.SEND_BACK, "Yêu cầu sửa",
                                   "Trả bài về cho người viết kèm lời nhắn cần sửa gì."))
    if publisher:
        offered += _publisher_moves(status, state.scheduled)
    return offered


def _publisher_moves(status, scheduled) -> list[OfferedMove]:
    offered = []
    if status in (None, Status.DRAFT, Status.PENDING):
        offered.append(OfferedMove(Move.PUBLISH, "Duyệt và đăng", "Lưu và đăng ngay lên cổng."))
        offered.append(OfferedMove(Move.SCHEDULE, "Hẹn giờ đăng",
                                   "Lưu và tự đăng vào thời điểm đã chọn."))
    elif status == Status.PUBLISHED and scheduled:
        offered.append(OfferedMove(Move.PUBLISH, "Đăng ngay", "Đăng ngay thay vì chờ đến giờ hẹn."))
        offered.append(OfferedMove(Move.SCHEDULE, "Đổi giờ đăng", "Lưu và hẹn lại giờ đăng."))
        offered.append(OfferedMove(Move.UNPUBLISH, "Hủy hẹn giờ", "Đưa bài về bản nháp."))
    elif status == Status.PUBLISHED:
        offered.append(OfferedMove(Move.UNPUBLISH, "Gỡ bài",
                                   "Gỡ bài khỏi cổng và đưa về bản nháp."))
        offered.append(OfferedMove(Move.ARCHIVE, "Lưu trữ",
                                   "Gỡ bài khỏi cổng và cất vào kho lưu trữ."))
    elif status == Status.ARCHIVED:
        offered.append(OfferedMove(Move.PUBLISH, "Đăng lại", "Đăng lại bài lên cổng ngay."))
        offered.append(OfferedMove(Move.UNPUBLISH, "Chuyển về bản nháp",
                                   "Đưa bài về bản nháp để sửa."))
    return offered


def offered_move(user, article, move, *, state: State | None = None) -> OfferedMove | None:
    return next((o for o in moves_for(user, article, state=state) if o.value == move), None)


def move_refusal(user, article, move, *, comment="", publish_at=None,
                 state: State | None = None, descriptions: bool = True) -> str | None:
    """Why `user` may not make `move` on `article` with this comment and time, in
    Vietnamese; None when they may. `descriptions=False` leaves out the photos'
    descriptions, for a form that checks them on what it is about to save."""
    if move not in {m.value for m in Move}:
        return "Không có thao tác này."
    if offered_move(user, article, move, state=state) is None:
        return "Bạn không thể thực hiện thao tác này với bài viết ở trạng thái hiện tại."
    if move == Move.SEND_BACK and not (comment or "").strip():
        return COMMENT_REQUIRED
    if move == Move.SCHEDULE:
        if publish_at is None:
            return TIME_REQUIRED
        if publish_at <= timezone.now():
            return TIME_IN_PAST
    if descriptions and move in PUBLISHING_MOVES and article is not None:
        return description_refusal(article)
    return None


PUBLISHING_MOVES = (Move.PUBLISH, Move.SCHEDULE)


def cover_refusal(cover) -> str | None:
    """Why an article with this cover (a library image, or None) may not be published yet:
    readers who cannot see the photo are told what it shows by its alternative text."""
    if cover is None or (cover.alt_text or "").strip():
        return None
    name = cover.caption or cover.original_name or cover.file.name.rsplit("/", 1)[-1]
    return (
        f"Ảnh đại diện “{name}” chưa có mô tả ảnh cho người khiếm thị. Hãy điền mô tả ảnh "
        "trong thư viện ảnh rồi đăng lại."
    )


def figures_refusal(body: str) -> str | None:
    """Why a text whose library photos lack a description may not be published yet."""
    missing = figures.undescribed_photos(body or "")
    if not missing:
        return None
    others = f" và {len(missing) - 1} ảnh khác" if len(missing) > 1 else ""
    return (
        f"Ảnh “{missing[0]}”{others} trong nội dung chưa có mô tả ảnh cho người khiếm thị. "
        "Hãy chọn ảnh trong trình soạn thảo, bấm nút “Sửa mô tả ảnh cho người khiếm thị” "
        "và điền mô tả (hoặc điền trong thư viện ảnh), rồi đăng lại."
    )


def description_refusal(article) -> str | None:
    """Why `article` may not be published yet for want of a photo's description: its
    cover first, then the photos of its text."""
    if article.cover_id is not None:
        refusal = cover_refusal(article.cover)
        if refusal:
            return refusal
    return figures_refusal(article.body)


def target_status(move) -> str:
    return {
        Move.SUBMIT: Status.PENDING,
        Move.WITHDRAW: Status.DRAFT,
        Move.SEND_BACK: Status.DRAFT,
        Move.PUBLISH: Status.PUBLISHED,
        Move.SCHEDULE: Status.PUBLISHED,
        Move.UNPUBLISH: Status.DRAFT,
        Move.ARCHIVE: Status.ARCHIVED,
    }[Move(move)]


# How the thread of an article names a move someone made.
MOVE_EVENTS = {
    Move.SUBMIT: "đã gửi duyệt",
    Move.WITHDRAW: "đã rút lại để sửa",
    Move.SEND_BACK: "yêu cầu sửa",
    Move.PUBLISH: "đã duyệt và đăng",
    Move.SCHEDULE: "đã hẹn giờ đăng",
    Move.UNPUBLISH: "đã gỡ bài",
    Move.ARCHIVE: "đã lưu trữ",
}
