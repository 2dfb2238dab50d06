"""Login throttling: a user name is locked after a few wrong passwords, an address after many.

django-axes records every failed login (user name, address, browser) in AccessAttempt and,
with AXES_LOCKOUT_PARAMETERS = ["username"], locks a user name after AXES_FAILURE_LIMIT
failures within AXES_COOLOFF_TIME. An address is locked by PortalAxesHandler only after
LOGIN_ADDRESS_FAILURE_LIMIT failures from it for any user names: an office has dozens of
staff behind one address, and one person's wrong passwords must not lock out the others.
A success clears that user name's failures only.

Attempts refused during a lock are not counted (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT
is off), so someone retrying a locked account neither prolongs its lock nor adds to the
count of the address.

The lockout page (lockout_response, status 429) says which lock applies and carries the
admin's names. Administrators see and lift locks in the admin (accounts/admin_lockouts.py).
"""

from dataclasses import dataclass
from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address, get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib import admin
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone


def address_failure_limit() -> int:
    return settings.LOGIN_ADDRESS_FAILURE_LIMIT


def recent_attempts():
    """Failed attempts that still count: those within the cool-off time."""
    return AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - get_cool_off())


class PortalAxesHandler(AxesDatabaseHandler):
    """Axes' database handler (user name locks), plus the lock of an address."""

    def address_failures(self, request) -> int:
        address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
        if not address:
            return 0
        threshold = request.axes_attempt_time - get_cool_off(request)
        return (
            AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=threshold)
            .aggregate(total=Sum("failures_since_start"))["total"]
            or 0
        )

    def address_locked(self, request) -> bool:
        return self.address_failures(request) >= address_failure_limit()

    def username_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials)

    def is_locked(self, request, credentials=None) -> bool:
        return self.username_locked(request, credentials) or self.address_locked(request)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if self.is_whitelisted(request, credentials) or not self.address_locked(request):
            return
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes",
            request=request,
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )


def handler() -> PortalAxesHandler:
    return AxesProxyHandler.get_implementation()


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page (AXES_LOCKOUT_CALLABLE): which lock applies, in the admin's look."""
    AxesProxyHandler.update_request(request)
    by_username = handler().username_locked(request, credentials)
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": "Tạm khóa đăng nhập",
        "locked_by": "username" if by_username else "address",
        "username": get_client_username(request, credentials) or "",
        "failure_limit": (
            settings.AXES_FAILURE_LIMIT if by_username else address_failure_limit()
        ),
        "cooloff_minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(
        request, settings.AXES_LOCKOUT_TEMPLATE, context, status=settings.AXES_HTTP_RESPONSE_CODE
    )


@dataclass(frozen=True)
class Lock:
    """A user name or an address that is locked now."""

    key: str  # the user name or the address
    failures: int
    last_failure: datetime

    @property
    def until(self) -> datetime:
        return self.last_failure + get_cool_off()


def _locks(field: str, limit: int) -> dict[str, Lock]:
    rows = (
        recent_attempts()
        .exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(failures=Sum("failures_since_start"), last_failure=Max("attempt_time"))
        .filter(failures__gte=limit)
    )
    return {
        row[field]: Lock(row[field], row["failures"], row["last_failure"]) for row in rows
    }


def locked_usernames() -> dict[str, Lock]:
    return _locks("username", settings.AXES_FAILURE_LIMIT)


def locked_addresses() -> dict[str, Lock]:
    return _locks("ip_address", address_failure_limit())


def unlock_username(username: str) -> int:
    """Forget the failed logins of a user name (from every address); the count removed."""
    return handler().reset_attempts(username=username)


def unlock_address(address: str) -> int:
    return handler().reset_attempts(ip_address=address)
