"""Production settings as an operator gets them: secure whenever debug is off, with each
HTTPS switch documented in docs/deployment.md turning off what it names, and nothing else.

Each case runs portal.settings.base in a fresh process with only the given variables."""

import json

import pytest
from ops_servers import manage, production_env

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.base",
    "DJANGO_ALLOWED_HOSTS": "portal.example.vn",
    "EMAIL_HOST": "smtp.example.vn",
}
NAMES = [
    "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
    "SECURE_PROXY_SSL_HEADER", "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY", "X_FRAME_OPTIONS", "SECURE_CSP", "TRUSTED_PROXIES",
    "LOG_FORMAT", "MAILERS", "SECURE_REDIRECT_EXEMPT",
]  # fmt: skip


def production(tmp_path, **variables):
    env = production_env(tmp_path, **PRODUCTION)
    # production_env sets these for its plain-HTTP test servers; operators start without them.
    for key in (
        "DJANGO_SECURE_SSL_REDIRECT",
        "DJANGO_SECURE_COOKIES",
        "DJANGO_BEHIND_TLS_PROXY",
        "DJANGO_LOG_FORMAT",
    ):
        env.pop(key)
    env.update(variables)
    return {key: value for key, value in env.items() if value is not None}


def load(env) -> dict:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {NAMES!r}}}, default=str))"
    )
    result = manage(env, "shell", "-c", code)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_passes_with_only_the_required_variables(tmp_path):
    result = manage(
        production(tmp_path), "check", "--deploy", "--fail-level", "WARNING", check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_catches_a_weak_key(tmp_path):
    env = production(tmp_path, DJANGO_SECRET_KEY="short")
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING", check=False)
    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_debug_off_means_secure_defaults(tmp_path):
    values = load(production(tmp_path))
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["SECURE_REFERRER_POLICY"] == "strict-origin-when-cross-origin"
    assert values["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["LOG_FORMAT"] == "json"
    assert values["MAILERS"]["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["MAILERS"]["default"]["OPTIONS"]["host"] == "smtp.example.vn"
    assert any("healthz" in pattern for pattern in values["SECURE_REDIRECT_EXEMPT"])


def test_switches_for_plain_http_turn_off_only_what_they_name(tmp_path):
    values = load(
        production(
            tmp_path,
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_SECURE_COOKIES="0",
            DJANGO_BEHIND_TLS_PROXY="0",
            DJANGO_HSTS_SECONDS="0",
        )
    )
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["CSRF_COOKIE_SECURE"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    assert values["SECURE_HSTS_SECONDS"] == 0
    # Headers that do not depend on HTTPS stay.
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_CSP"]["script-src"] == ["'self'", "<CSP_NONCE_SENTINEL>"]


def test_debug_mode_keeps_plain_http_working(tmp_path):
    values = load(production(tmp_path, DJANGO_DEBUG="1", DJANGO_SECRET_KEY=None))
    assert values["DEBUG"] is True
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["LOG_FORMAT"] == "plain"


def test_an_absolute_media_url_joins_the_image_sources(tmp_path):
    values = load(
        production(
            tmp_path,
            DJANGO_MEDIA_URL="https://anh.example.vn/media/",
            DJANGO_CSP_IMG_SRC="https://cu.example.vn",
        )
    )
    img_src = values["SECURE_CSP"]["img-src"]
    assert "https://anh.example.vn" in img_src
    assert "https://cu.example.vn" in img_src


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DJANGO_SECRET_KEY", "", "DJANGO_SECRET_KEY is not set"),
        ("DJANGO_TRUSTED_PROXIES", "127.0.0.1,nginx", "'nginx' is not an IP address"),
        ("DJANGO_HSTS_SECONDS", "một năm", "DJANGO_HSTS_SECONDS must be a whole number"),
        ("DJANGO_LOG_FORMAT", "xml", "DJANGO_LOG_FORMAT must be 'json' or 'plain'"),
    ],
)
def test_bad_values_stop_the_start_with_a_clear_message(tmp_path, variable, value, message):
    result = manage(production(tmp_path, **{variable: value}), "check", check=False)
    assert result.returncode != 0
    assert message in result.stderr
