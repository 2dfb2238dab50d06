"""Invitations: a new account's holder sets their own password from a link in an e-mail.

The link carries a token of Django's kind (like a password reset's, with a salt of its
own), valid INVITATION_VALID_DAYS days and only once: it is made from the account's
password hash and last login, which setting the password changes. Sending a new
invitation gives an account without a password a new unusable one, so the earlier links
stop working too. The page the link opens asks for a password under the portal's
password rules (AUTH_PASSWORD_VALIDATORS) and then sends its holder to the login page.

A link that no longer works says why: expired, already used, replaced by a newer
invitation, or the account was locked.
"""

import enum
import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode
from django.views.generic import TemplateView

from core import rate_limit
from core.admin_utils import full_name

logger = logging.getLogger(__name__)

RESEND_WINDOW_SECONDS = 3600


class LinkState(enum.Enum):
    VALID = "valid"
    EXPIRED = "expired"
    USED = "used"  # the password was set (or the account has logged in)
    REPLACED = "replaced"  # a newer invitation was sent, or the token is not one of ours
    LOCKED = "locked"  # the account was deactivated


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.invitations.InvitationTokenGenerator"

    @staticmethod
    def valid_seconds() -> int:
        return settings.INVITATION_VALID_DAYS * 24 * 3600

    def state(self, user, token: str) -> LinkState:
        if user is None or not token:
            return LinkState.REPLACED
        try:
            ts_b36, _ = token.split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return LinkState.REPLACED
        matches = any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )
        if not matches:
            if user.last_login is not None or user.has_usable_password():
                return LinkState.USED
            return LinkState.REPLACED
        if not user.is_active:
            return LinkState.LOCKED
        if self._num_seconds(self._now()) - timestamp > self.valid_seconds():
            return LinkState.EXPIRED
        return LinkState.VALID

    def check_token(self, user, token):
        return self.state(user, token) is LinkState.VALID


invitation_tokens = InvitationTokenGenerator()


def may_resend(user) -> bool:
    """Count one invitation to `user`; False past PASSWORD_RESET_EMAIL_RATE_LIMIT an hour
    (the same limit as password reset e-mails to one address)."""
    key = hashlib.sha256(f"{user.pk}:{user.email.casefold()}".encode()).hexdigest()
    return rate_limit.allow(
        scope="invitation-email",
        key=key,
        limit=settings.PASSWORD_RESET_EMAIL_RATE_LIMIT,
        window=RESEND_WINDOW_SECONDS,
    )


def invitation_send(*, user, by, site_url: str, renew: bool = False) -> bool:
    """E-mail `user` a link to set their password; True when the mail server took it.

    `renew` (a repeated invitation) makes the earlier links stop working when the account
    has no password yet. `site_url` is the portal's address ("https://…", no trailing /)."""
    if renew and not user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    token = invitation_tokens.make_token(user)
    path = reverse(
        "admin:invitation_accept",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": token},
    )
    roles = ", ".join(user.groups.order_by("name").values_list("name", flat=True))
    organizations = ", ".join(
        user.memberships.order_by("organization__name").values_list(
            "organization__name", flat=True
        )
    )
    context = {
        "user": user,
        "name": full_name(user),
        "inviter": full_name(by),
        "inviter_email": by.email,
        "portal_name": settings.PORTAL_NAME,
        "link": f"{site_url}{path}",
        "login_url": f"{site_url}{reverse('admin:login')}",
        "expires_at": timezone.localtime(
            timezone.now() + timedelta(seconds=invitation_tokens.valid_seconds())
        ),
        "valid_days": settings.INVITATION_VALID_DAYS,
        "roles": roles,
        "organizations": organizations,
    }
    subject = render_to_string("admin/auth/invitation/email_subject.txt", context)
    body = render_to_string("admin/auth/invitation/email.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, None, [user.email])
    except Exception:  # any failure of the mail server: the account stays, the mail is retried
        logger.exception("Invitation e-mail to user %s could not be sent", user.pk)
        return False
    return True


class InvitationPasswordForm(SetPasswordForm):
    """Django's form, with what is wrong with the password said once, at the password's box
    (Django puts it at the repeat box): one message per rule broken (two validators that
    find it too common say it once), and the repeat box only says when the two differ."""

    def validate_password_for_user(self, user, password_field_name="new_password1"):
        password = self.cleaned_data.get("new_password1")
        if not password:
            return
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            self.add_error("new_password1", one_message_per_rule(error.error_list))


def one_message_per_rule(errors) -> list:
    """`errors` with one message per code, the fullest one (the portal's own validator
    says more than Django's of the same code)."""
    kept = {}
    for error in errors:
        key = error.code or id(error)
        shown = " ".join(error.messages)
        if key not in kept or len(shown) > len(" ".join(kept[key].messages)):
            kept[key] = error
    return list(kept.values())


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The invitation's link: choose a password, then log in. Not an admin view (its
    visitor has no session yet); PortalAdminSite.get_urls() serves it under /admin/moi/."""

    token_generator = invitation_tokens
    form_class = InvitationPasswordForm
    template_name = "admin/auth/invitation/accept.html"
    success_url = reverse_lazy("admin:invitation_done")
    reset_url_token = "dat-mat-khau"
    title = "Đặt mật khẩu cho tài khoản của bạn"
    admin_site = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.admin_site.each_context(self.request))
        token = self.kwargs.get("token")
        if token == self.reset_url_token:
            token = self.request.session.get(auth_views.INTERNAL_RESET_SESSION_TOKEN)
        state = invitation_tokens.state(self.user, token) if self.user else LinkState.REPLACED
        context.update({
            "title": self.title if context.get("validlink") else "Liên kết không dùng được",
            "state": state.value,
            "invitee": self.user if context.get("validlink") else None,
            "invitee_name": full_name(self.user) if self.user else "",
            "valid_days": settings.INVITATION_VALID_DAYS,
        })
        return context

    def form_valid(self, form):
        self.request.session["invitation_username"] = form.user.get_username()
        return super().form_valid(form)


class InvitationDoneView(TemplateView):
    template_name = "admin/auth/invitation/done.html"
    admin_site = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.admin_site.each_context(self.request))
        context["title"] = "Đã đặt mật khẩu"
        context["username"] = self.request.session.pop("invitation_username", "")
        return context
