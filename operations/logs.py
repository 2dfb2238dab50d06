"""Request and error logs on stdout: one JSON object a line, or plain text for humans.

LOGGING in settings picks the formatter (DJANGO_LOG_FORMAT=json|plain; JSON by
default when debug is off). Both formatters run every line through redact(),
which masks the values of query-string and form fields whose names look
secret (password, token, secret, csrf...) and Authorization/Cookie headers,
wherever they appear in a message or a traceback. The request log itself
never contains bodies or headers, and its query string is masked the same way.

RequestLogMiddleware writes one line per request (logger "portal.request"):
method, path, status, duration in ms, client address, user id (only when the
view already loaded the user, so logging never costs a session or database
query) and a request id. The id comes from a well-formed X-Request-ID header
(Nginx can set it to $request_id) or is made up, is sent back in the response,
and is added to every other log line written while the request is handled.
"""

import contextvars
import json
import logging
import re
import time
import traceback
import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.utils.functional import empty

from core.client_ip import client_ip

request_logger = logging.getLogger("portal.request")

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)

# Field names that hold credentials: new_password1, csrfmiddlewaretoken, api_key, sessionid...
SECRET_NAME = (
    r"[\w.\-\[\]]*?"
    r"(?:pass|pwd|token|secret|csrf|session|signature|api[_-]?key|access[_-]?key|private[_-]?key)"
    r"[\w.\-\[\]]*"
)
REDACTED = "[redacted]"
# name=value, name: value, 'name': 'value', "name": ["value"] (query strings, dict reprs, JSON).
_FIELD = re.compile(
    rf"(?i)\b({SECRET_NAME})(['\"]?\s*[=:]\s*\[?\s*)('[^']*'|\"[^\"]*\"|[^&\s'\",;)}}\]]+)"
)
_HEADER = re.compile(
    r"(?i)\b(authorization|proxy-authorization|cookie|set-cookie)(['\"]?\s*[:=]\s*)([^\r\n]+)"
)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")
# A linear scan for the words the patterns above need: most lines (every request line with
# a long Vietnamese slug, for one) have none, and the patterns cost far more than this test.
_MIGHT_HOLD_SECRETS = re.compile(
    r"(?i)pass|pwd|token|secret|csrf|session|signature|key|authorization|cookie"
)


def redact(text: str) -> str:
    """Mask secret-looking `name=value` / `name: value` pairs and credential headers."""
    if not text or not _MIGHT_HOLD_SECRETS.search(text):
        return text
    text = _HEADER.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)
    return _FIELD.sub(_mask_field, text)


def _mask_field(match) -> str:
    value = match.group(3)
    if value.strip("'\"[]") == REDACTED.strip("[]"):  # masked already
        return match.group(0)
    quote = value[0] if value[0] in "'\"" else ""
    return f"{match.group(1)}{match.group(2)}{quote}{REDACTED}{quote}"


def redact_query(query_string: str) -> str:
    return redact(query_string) if query_string else ""


class RequestIdFilter(logging.Filter):
    """Adds the current request id (or None) to every record as record.request_id."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class PlainFormatter(logging.Formatter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s %(message)s")
        super().__init__(*args, **kwargs)

    def format(self, record):
        return redact(super().format(record))


# Attributes every LogRecord has; anything else was passed with extra={...}.
_STANDARD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "request_id",
}
# Objects Django passes in extra that must never be dumped: they hold bodies and headers.
_SKIPPED_EXTRAS = {"request", "response", "server_time"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        request_id = getattr(record, "request_id", None)
        if request_id:
            entry["request_id"] = request_id
        for key, value in vars(record).items():
            if key in _STANDARD_ATTRS or key in _SKIPPED_EXTRAS or key.startswith("_"):
                continue
            entry[key] = redact(value) if isinstance(value, str) else _plain(value)
        if record.exc_info:
            entry["exception"] = redact("".join(traceback.format_exception(*record.exc_info)))
        elif record.exc_text:
            entry["exception"] = redact(record.exc_text)
        if record.stack_info:
            entry["stack"] = redact(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _plain(value):
    if value is None or isinstance(value, bool | int | float):
        return value
    return redact(str(value))


def _user_id(request):
    """The user's id if the request already loaded an authenticated user, else None."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if getattr(user, "is_authenticated", False) else None


def _quiet(request, status: int) -> bool:
    """Successful health probes and static files would drown the log."""
    if status >= 400:
        return False
    path = request.path
    return path == "/healthz" or bool(settings.STATIC_URL and path.startswith(settings.STATIC_URL))


class RequestLogMiddleware:
    """One log line per request; first in MIDDLEWARE so it times and sees everything."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            status = response.status_code
            if not _quiet(request, status):
                self._log(request, status, started)
            return response
        finally:
            request_id_var.reset(token)

    def _log(self, request, status, started):
        duration_ms = round((time.monotonic() - started) * 1000, 1)
        query = redact_query(request.META.get("QUERY_STRING", ""))
        level = (
            logging.ERROR if status >= 500 else logging.WARNING if status >= 400 else logging.INFO
        )
        request_logger.log(
            level,
            "%s %s%s %s %.1fms",
            request.method,
            request.path,
            f"?{query}" if query else "",
            status,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "query": query,
                "status": status,
                "duration_ms": duration_ms,
                "client_ip": client_ip(request),
                "user_id": _user_id(request),
            },
        )
