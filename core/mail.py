"""The From header of the portal's e-mails: the portal's name as the display name, the
address always DEFAULT_FROM_EMAIL's (the one the mail server may send from and SPF/DKIM
cover), so readers see which portal wrote to them."""

from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings


def sender(display_name: str) -> str:
    """'Cổng thông tin điện tử Tỉnh Đoàn <cong@example.vn>'; Django encodes the name
    (RFC 2047) when the message is sent. A DEFAULT_FROM_EMAIL that already carries a
    display name keeps only its address."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    address = address or settings.DEFAULT_FROM_EMAIL
    name = " ".join((display_name or "").split())  # no line breaks in a header
    return str(Address(display_name=name, addr_spec=address)) if name else address
