"""Who hears about a step of an article's review, and the e-mail they get.

A move or a comment (an ArticleComment row, news.services) names its event; the task
worker (news.tasks.send_review_emails) asks `recipients()` and sends each one
`review_email()`:

* Gửi duyệt: the reviewers (Người duyệt bài) whose organisations cover the article's;
* Yêu cầu sửa, Duyệt và đăng, Hẹn giờ đăng, Gỡ bài, and a new comment: the article's writer
  and everyone who has commented on it.

Never the person who acted; only active accounts with an e-mail address that may still
see the article, and not those who switched e-mail off ("Thông báo của tôi",
NotificationPreference). The dashboard shows the same events without e-mail
(news/selectors.py).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db.models import Q
from django.utils import timezone

from core.admin_utils import full_name
from core.mail import sender
from portals import hosts

from . import permissions
from .models import Article, ArticleComment, NotificationPreference
from .workflow import Move

COMMENT = "comment"
# The events worth an e-mail; a withdrawal or an archiving concerns nobody else.
EVENTS = frozenset({COMMENT, Move.SUBMIT, Move.SEND_BACK, Move.PUBLISH, Move.SCHEDULE,
                    Move.UNPUBLISH})


def event_of(entry: ArticleComment) -> str:
    return entry.move or COMMENT


def recipients(*, entry: ArticleComment) -> list:
    """The users to e-mail about `entry` (a move or a comment), without its author."""
    event = event_of(entry)
    if event not in EVENTS:
        return []
    article = entry.article
    candidates = reviewers_of(article) if event == Move.SUBMIT else people_in_thread(article)
    candidates = candidates.filter(is_active=True).exclude(email="")
    if entry.author_id is not None:
        candidates = candidates.exclude(pk=entry.author_id)
    opted_out = NotificationPreference.objects.filter(email_enabled=False).values("user_id")
    candidates = candidates.exclude(pk__in=opted_out).distinct().order_by("pk")
    return [user for user in candidates if permissions.can_see(user, article)]


def reviewers_of(article: Article):
    """Staff who may publish (Người duyệt bài, by role or by permission); can_see then
    keeps those whose organisations cover the article's."""
    publish = Permission.objects.filter(
        content_type__app_label="news", codename="publish_article"
    ).first()
    return get_user_model().objects.filter(is_staff=True).filter(
        Q(groups__permissions=publish) | Q(user_permissions=publish)
    )


def people_in_thread(article: Article):
    """The article's writer and everyone who has written a comment on it."""
    commenters = ArticleComment.objects.filter(article=article).exclude(body="").values(
        "author_id"
    )
    return get_user_model().objects.filter(Q(pk=article.author_id) | Q(pk__in=commenters))


SUBJECTS = {
    Move.SUBMIT: "Bài chờ duyệt",
    Move.SEND_BACK: "Bài bị yêu cầu sửa",
    Move.PUBLISH: "Bài đã được đăng",
    Move.SCHEDULE: "Bài đã được hẹn giờ đăng",
    Move.UNPUBLISH: "Bài đã bị gỡ",
    COMMENT: "Bình luận mới",
}

WHAT_HAPPENED = {
    Move.SUBMIT: "đã gửi duyệt bài",
    Move.SEND_BACK: "đã yêu cầu sửa bài",
    Move.PUBLISH: "đã duyệt và đăng bài",
    Move.SCHEDULE: "đã hẹn giờ đăng bài",
    Move.UNPUBLISH: "đã gỡ bài",
    COMMENT: "đã bình luận ở bài",
}


def review_email(*, entry: ArticleComment, recipient, link: str, preferences_link: str):
    """The e-mail telling `recipient` about `entry`, in Vietnamese, with the article's link.

    It comes from the portal that owns the article (issue 19): the portal's full name is
    the sender's name and signs the mail, and the links open on that portal's domain
    (where the reviewer of a Tỉnh Đoàn article works), whichever host the move was made on."""
    event = event_of(entry)
    article = entry.article
    portal = hosts.portal_of_organization(article.organization_id)
    portal_name = _portal_name(portal)
    link, preferences_link = _on_portal(portal, link), _on_portal(portal, preferences_link)
    actor = full_name(entry.author) if entry.author else "Hệ thống"
    when = timezone.localtime(entry.created_at)
    lines = [
        f"Chào {full_name(recipient)},",
        "",
        f"{actor} {WHAT_HAPPENED[event]} “{article.title}” lúc {when:%H:%M %d/%m/%Y}.",
    ]
    if event == Move.SCHEDULE and article.published_at:
        lines.append(
            f"Bài sẽ tự đăng lúc {timezone.localtime(article.published_at):%H:%M %d/%m/%Y}."
        )
    if entry.quote:
        lines += ["", "Về đoạn:", f"“{entry.quote}”"]
    if entry.body:
        lines += ["", "Lời nhắn:" if entry.move else "Bình luận:", entry.body]
    lines += [
        "",
        f"Mở bài viết: {link}",
        "",
        "--",
        f"Thư tự động của {portal_name}.",
        f"Không muốn nhận thư này nữa? Tắt tại: {preferences_link}",
    ]
    return EmailMessage(
        subject=f"[{SUBJECTS[event]}] {article.title}"[:200],
        body="\n".join(lines),
        from_email=sender(portal_name),
        to=[recipient.email],
    )


def _portal_name(portal) -> str:
    """The portal's full name (its information), as pages.PortalInformation.current() names
    a portal without one."""
    information = getattr(portal, "information", None)
    if information is not None and information.full_name:
        return information.full_name
    if portal.is_main or portal.organization is None:
        return settings.PORTAL_NAME
    return f"Cổng thông tin điện tử {portal.organization.name}"


def _on_portal(portal, link: str) -> str:
    """`link` (an address or a path) on the portal's primary domain; as it is when the
    portal has no domain yet."""
    domain = hosts.primary_domain(portal)
    if not domain or not link:
        return link
    parts = urlsplit(link)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return f"{settings.PORTAL_URL_SCHEME}://{domain}{path}"
