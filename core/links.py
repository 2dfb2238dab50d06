"""One rule for the links people type: menu entries, organisations' websites.

Browsers resolve a link by the WHATWG URL standard, which forgives a lot: leading and
trailing control characters and spaces are dropped, tabs and newlines are removed
anywhere, a backslash is a slash in http(s) addresses and "http:host" is an address on
another host. So "/\\evil.example/", "/\t/evil.example" or " //evil.example" look like
paths of this site but send the reader to evil.example. The rule is therefore strict,
and simple enough to reason about:

- an **internal** link is a path on this site: it starts with exactly one "/", its path
  has no empty, "." or ".." segment, and neither the link nor its path percent-decoded
  or folded to compatibility forms (NFKC: a full-width solidus, U+FF0F, is a "/") holds a backslash,
  a control or format character, or a space. A browser then resolves it, from any page
  of the portal, to that same path on the portal's own origin;
- an **external** link is an absolute http:// or https:// address with a host, and no
  user name or password (https://portal.example.vn@evil.example/ is evil.example);
- anything else is refused: "//host", "\\\\host", "http:host", "https:/host",
  "javascript:", "data:", "tin-tuc" without its "/"….

link_kind() says which of the two a link is (None: refused); safe_href() is what pages
emit, so a stored link that the rule refuses (a row older than it) is never shown.
"""

import functools
import re
import unicodedata
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

INTERNAL = "internal"
EXTERNAL = "external"

_EXTERNAL_START = re.compile(r"[hH][tT][tT][pP][sS]?://")
_http_url = URLValidator(schemes=["http", "https"])


def _forbidden(char: str, *, spaces: bool) -> bool:
    """A backslash, or a control, format, unassigned, private-use or (optionally) space
    character: all of them are skipped or rewritten by browsers or invisible to editors."""
    category = unicodedata.category(char)
    return char == "\\" or category[0] == "C" or (spaces and category[0] == "Z")


def _clean_text(text: str, *, spaces: bool = True) -> bool:
    return not any(_forbidden(char, spaces=spaces) for char in text)


def _is_plain_path(path: str) -> bool:
    if not path.startswith("/") or "//" in path or not _clean_text(path, spaces=False):
        return False
    return not any(segment in (".", "..") for segment in path.split("/"))


def _is_internal(link: str) -> bool:
    path = re.split(r"[?#]", link, maxsplit=1)[0]
    decoded = unquote(path)  # "%2e%2e" is ".." to a browser, "%5C" a backslash to a server
    variants = {path, decoded, *(unicodedata.normalize("NFKC", text) for text in (path, decoded))}
    return all(_is_plain_path(variant) for variant in variants)


def _is_external(link: str) -> bool:
    if not _EXTERNAL_START.match(link):
        return False
    try:
        _http_url(link)
        parts = urlsplit(link)
    except (ValidationError, ValueError):
        return False
    return bool(parts.hostname) and "@" not in parts.netloc and _is_host(parts.hostname)


_ASCII_HOST = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\]|[0-9a-f:.]+")


def _is_host(hostname: str) -> bool:
    """Letters, digits, '-' and '.' ('ví-dụ.vn'), plain ASCII once IDNA-encoded as browsers do."""
    if not all(char in "-._:" or unicodedata.category(char)[0] in "LNM" for char in hostname):
        return False
    try:
        ascii_host = hostname.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return False
    return bool(_ASCII_HOST.fullmatch(ascii_host))


@functools.lru_cache(maxsize=4096)
def link_kind(link: str | None) -> str | None:
    """INTERNAL, EXTERNAL, or None when the link is refused (see the module's docstring)."""
    if not link or not _clean_text(link):
        return None
    if _is_internal(link):
        return INTERNAL
    if _is_external(link):
        return EXTERNAL
    return None


def safe_href(link: str | None, *, external: bool = True) -> str:
    """The link itself when the rule accepts it (internal only with external=False), else ''."""
    kind = link_kind(link)
    if kind == INTERNAL or (external and kind == EXTERNAL):
        return link
    return ""


LINK_ERROR = (
    "Liên kết phải là đường dẫn trong trang, bắt đầu bằng một dấu “/” (ví dụ: /tin-tuc/), "
    "hoặc địa chỉ đầy đủ bắt đầu bằng http:// hoặc https:// (ví dụ: https://vpdt.bentre.dcs.vn/). "
    "Không dùng dấu “\\”, “//” ở đầu, khoảng trắng hay ký tự đặc biệt."
)
WEBSITE_ERROR = (
    "Trang web phải là địa chỉ đầy đủ bắt đầu bằng http:// hoặc https://, "
    "ví dụ: https://tinhdoan.bentre.gov.vn/ (không có tên đăng nhập, dấu “\\” hay khoảng trắng)."
)


def validate_link(value: str) -> None:
    """An internal path or an external http(s) address (menu entries)."""
    if link_kind(value) is None:
        raise ValidationError(LINK_ERROR, code="invalid_link")


def validate_external_link(value: str) -> None:
    """An external http(s) address only (an organisation's website)."""
    if value and link_kind(value) != EXTERNAL:
        raise ValidationError(WEBSITE_ERROR, code="invalid_website")
