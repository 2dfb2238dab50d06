"""Rules around the contact form: a per-IP limit against spam, and the notice e-mail."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from core import rate_limit
from core.mail import sender
from pages.models import ContactMessage, PortalInformation

logger = logging.getLogger(__name__)

MAX_MESSAGES_PER_IP = 5
LIMIT_WINDOW = 60 * 60  # seconds


def register_message_from(ip: str) -> bool:
    """Count one message from `ip`; False once it has sent MAX_MESSAGES_PER_IP this hour.
    The IP comes from core.client_ip.client_ip()."""
    return rate_limit.allow(
        scope="contact", key=ip, limit=MAX_MESSAGES_PER_IP, window=LIMIT_WINDOW
    )


def notify_staff(message: ContactMessage, request=None) -> bool:
    """E-mail CONTACT_NOTIFY_EMAILS about a new message; a mail failure is logged, not raised.

    The message is already stored when this runs, so nothing is lost if the
    mail server is down. It comes from the portal the form was sent on (its full name as
    the sender's name, core.mail.sender).
    """
    portal_name = PortalInformation.current().full_name
    recipients = list(getattr(settings, "CONTACT_NOTIFY_EMAILS", []))
    if not recipients:
        return False
    admin_path = reverse("admin:pages_contactmessage_change", args=[message.pk])
    admin_url = request.build_absolute_uri(admin_path) if request else admin_path
    body = "\n".join(
        [
            f"Có ý kiến mới gửi qua trang Liên hệ của {portal_name}.",
            "",
            f"Người gửi: {message.name}",
            f"Thư điện tử: {message.email}",
            f"Số điện thoại: {message.phone or '(không ghi)'}",
            f"Thời gian: {timezone.localtime(message.created_at):%d/%m/%Y %H:%M}",
            f"Tiêu đề: {message.subject}",
            "",
            message.message,
            "",
            f"Xem và đánh dấu đã xử lý: {admin_url}",
        ]
    )
    email = EmailMessage(
        subject=f"[Liên hệ] {message.subject}",
        body=body,
        from_email=sender(portal_name),
        to=recipients,
        reply_to=[message.email],
    )
    try:
        email.send()
    except Exception:
        logger.exception("Could not e-mail the notice for contact message %s", message.pk)
        return False
    return True
