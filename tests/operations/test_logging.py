"""Request and error logs: one structured line per request, tracebacks for errors, and
never a password, token or cookie in any of them."""

import io
import json
import logging

import pytest
from django.http import HttpResponse
from django.urls import include, path, reverse

from operations.logs import JsonFormatter, PlainFormatter, RequestIdFilter, redact

pytestmark = pytest.mark.django_db

PASSWORD = "Mat-khau-that-bi-mat-987!"
TOKEN = "tok-5f1e2d3c4b5a69788796a5b4"


@pytest.fixture
def log_output():
    """Everything logged during the test, through the JSON and the plain formatter, as
    the console handler of LOGGING would print it (the root logger and Django's)."""
    streams = {"json": io.StringIO(), "plain": io.StringIO()}
    handlers = []
    for name, formatter in (("json", JsonFormatter()), ("plain", PlainFormatter())):
        handler = logging.StreamHandler(streams[name])
        handler.setFormatter(formatter)
        handler.addFilter(RequestIdFilter())
        handler.setLevel(logging.DEBUG)
        handlers.append(handler)
    loggers = [logging.getLogger(), logging.getLogger("django")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        for handler in handlers:
            logger.addHandler(handler)
    yield lambda: (streams["json"].getvalue(), streams["plain"].getvalue())
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)
        for handler in handlers:
            logger.removeHandler(handler)


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def request_lines(text: str) -> list[dict]:
    return [line for line in json_lines(text) if line["logger"] == "portal.request"]


def test_a_request_gives_one_structured_line(client, log_output):
    response = client.get(reverse("news:article_list"), {"trang": "1"}, REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 200
    (line,) = request_lines(log_output()[0])
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == reverse("news:article_list")
    assert line["query"] == "trang=1"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["client_ip"] == "198.51.100.4"
    assert line["user_id"] is None
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32


def test_the_proxy_request_id_is_kept_and_a_bad_one_replaced(client, log_output):
    good = client.get("/", HTTP_X_REQUEST_ID="a1b2c3d4e5f60718")
    assert good["X-Request-ID"] == "a1b2c3d4e5f60718"
    bad = client.get("/", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert bad["X-Request-ID"] != "<script>alert(1)</script>"
    ids = [line["request_id"] for line in request_lines(log_output()[0])]
    assert ids == ["a1b2c3d4e5f60718", bad["X-Request-ID"]]


def test_the_user_id_of_an_editor_is_logged(superuser_client, superuser, log_output):
    superuser_client.get(reverse("admin:index"))
    (line,) = request_lines(log_output()[0])
    assert line["user_id"] == superuser.pk


def test_health_probes_and_static_files_do_not_flood_the_log(client, log_output):
    client.get(reverse("healthz"))
    assert request_lines(log_output()[0]) == []


def test_failed_admin_login_never_logs_the_password(client, superuser, log_output):
    url = reverse("admin:login") + f"?next=/admin/&token={TOKEN}"
    response = client.post(
        url,
        {"username": superuser.username, "password": PASSWORD},
        HTTP_AUTHORIZATION=f"Bearer {TOKEN}",
        HTTP_COOKIE=f"sessionid={TOKEN}",
    )
    assert response.status_code == 200  # the form again, with an error
    json_text, plain_text = log_output()
    (line,) = request_lines(json_text)
    assert line["method"] == "POST"
    assert line["query"] == "next=/admin/&token=[redacted]"
    for text in (json_text, plain_text):
        assert text, "something was logged"
        assert PASSWORD not in text
        assert TOKEN not in text


def failing_view(request):
    # A careless message that quotes the whole form, password included.
    raise RuntimeError(f"could not handle {request.POST!r} with {request.META['HTTP_COOKIE']}")


def fine_view(request):
    return HttpResponse("ok")


urlpatterns = [
    path("loi/", failing_view),
    path("on/", fine_view),
    path("", include("portal.urls")),
]


@pytest.mark.urls(__name__)
def test_a_500_logs_the_traceback_without_the_posted_password(client, log_output):
    client.raise_request_exception = False
    client.cookies["sessionid"] = TOKEN
    response = client.post("/loi/", {"username": "bientap", "password": PASSWORD})
    assert response.status_code == 500
    json_text, plain_text = log_output()
    errors = [line for line in json_lines(json_text) if line["logger"] == "django.request"]
    assert len(errors) == 1
    error = errors[0]
    assert error["level"] == "ERROR"
    assert "Traceback (most recent call last)" in error["exception"]
    assert "RuntimeError: could not handle" in error["exception"]
    assert "failing_view" in error["exception"]
    assert error["request_id"] == response["X-Request-ID"]
    assert "'username': ['bientap']" in error["exception"], "only secrets are masked"
    for text in (json_text, plain_text):
        assert "Traceback" in text
        assert PASSWORD not in text
        assert TOKEN not in text


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("password=hunter22&next=/", "hunter22"),
        ("new_password1=abc12345&new_password2=abc12345", "abc12345"),
        ("csrfmiddlewaretoken=Zx9y8W7v6U5", "Zx9y8W7v6U5"),
        ('{"api_key": "k-12 34 56"}', "k-12 34 56"),
        ("Authorization: Basic dXNlcjpwYXNz", "dXNlcjpwYXNz"),
        ("Cookie: sessionid=s3ss10n; csrftoken=c5rf", "s3ss10n"),
        ("{'secret': ['x-y-z-1']}", "x-y-z-1"),
    ],
)
def test_redact_masks_secret_values(text, secret):
    assert secret not in redact(text)
    assert "[redacted]" in redact(text)


def test_redact_keeps_ordinary_text():
    text = "GET /tin-tuc/?trang=2&q=Nghị quyết 57-NQ/TW 200 12.5ms"
    assert redact(text) == text


def test_redact_twice_changes_nothing_more():
    once = redact("token=abc&x={'password': ['p']}")
    assert redact(once) == once
