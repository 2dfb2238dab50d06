"""Password reset by e-mail, with limits on how many e-mails one may have sent.

Each reset request counts once for the address it comes from and once for the e-mail
address it names, within an hour (core/rate_limit.py, in the shared cache). Past
PASSWORD_RESET_ADDRESS_RATE_LIMIT or PASSWORD_RESET_EMAIL_RATE_LIMIT no e-mail is sent,
but the page answers exactly as usual: nobody learns from it whether an address has an
account, nor whether a limit was reached.
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm

from core import rate_limit
from core.client_ip import client_ip

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 3600


def may_send_reset(request, email: str) -> bool:
    """Count this request; False when its address or the e-mail it names is over the limit."""
    address = client_ip(request)
    if not rate_limit.allow(
        scope="password-reset-address",
        key=address,
        limit=settings.PASSWORD_RESET_ADDRESS_RATE_LIMIT,
        window=WINDOW_SECONDS,
    ):
        logger.warning("Password reset refused: too many requests from %s", address)
        return False
    # Users are found by e-mail without regard to case; the key keeps no address in the cache.
    email_key = hashlib.sha256(email.strip().casefold().encode()).hexdigest()
    if not rate_limit.allow(
        scope="password-reset-email",
        key=email_key,
        limit=settings.PASSWORD_RESET_EMAIL_RATE_LIMIT,
        window=WINDOW_SECONDS,
    ):
        logger.warning("Password reset refused: too many requests for one e-mail address")
        return False
    return True


class RateLimitedPasswordResetForm(PasswordResetForm):
    def save(self, *args, request=None, **kwargs):
        if request is not None and not may_send_reset(request, self.cleaned_data["email"]):
            return
        super().save(*args, request=request, **kwargs)
