"""System checks for deployments (`manage.py check --deploy`).

portal.E001: DJANGO_ALLOWED_HOSTS (the server's own names, which serve the main portal) holds a
wildcard ("*"), so any Host header is answered.

portal.E002: DJANGO_SECRET_KEY is short (< 50 characters), well known (an example value, the
development key of these settings), from Django's startproject, or of low entropy (few
different characters, a repeated piece, runs like abcdef or 12345). A key of only spaces
stops start-up already (portal/settings/base.py).

portal.W010: the set-up looks scaled out (media in a bucket, or a read replica, both of
which only make sense with several app servers) but the cache is the process's own
memory. Then each process keeps its own page cache, visit counts and rate limits, and
an edit may show on one server and not on another: set REDIS_URL.
"""

from itertools import pairwise

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def shared_cache_when_scaled_out(app_configs, **kwargs):
    scaled_out = settings.MEDIA_STORAGE != "local" or bool(settings.DATABASE_REPLICA_URL)
    if scaled_out and settings.CACHES["default"]["BACKEND"] in LOCAL_CACHES:
        return [
            Warning(
                "Media in object storage or a read replica means several app servers, but "
                "the cache is each process's own memory: the page cache, visit counts and "
                "rate limits are not shared between servers.",
                hint="Set REDIS_URL to a Redis server that every app server reaches.",
                id="portal.W010",
            )
        ]
    return []


# Secret keys that appear in documentation, examples and this project's own settings.
KNOWN_SECRET_KEYS = {
    "changeme", "change-me", "change_me", "changethis", "secret", "secretkey", "secret-key",
    "secret_key", "mysecretkey", "your-secret-key", "yoursecretkey", "django", "djangosecret",
    "password", "matkhau", "insecure", "development", "dev", "test", "testing", "example",
    "default", "notsecret", "xxx", "abc", "abc123", "123456", "cong", "portal",
    "insecure-development-key-only-used-when-DJANGO_DEBUG-is-on",
    "test-only-secret-key-not-for-production",
}  # fmt: skip
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_CHARACTERS = 10


def secret_key_weakness(key: str) -> str | None:
    """Why `key` is not fit for production, or None when it looks random enough."""
    stripped = key.strip()
    if not stripped:
        return "it is empty or only spaces"
    plain = "".join(char for char in stripped.lower() if char.isalnum())
    if stripped in KNOWN_SECRET_KEYS or stripped.lower() in KNOWN_SECRET_KEYS or any(
        plain == "".join(char for char in known.lower() if char.isalnum())
        for known in KNOWN_SECRET_KEYS
    ):
        return "it is a well-known value (from an example or from this project's settings)"
    if stripped.startswith("django-insecure-"):
        return "it is one that Django's startproject generated for development"
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return f"it is shorter than {MIN_SECRET_KEY_LENGTH} characters ({len(key)})"
    if len(set(key)) < MIN_SECRET_KEY_CHARACTERS:
        return f"it has fewer than {MIN_SECRET_KEY_CHARACTERS} different characters"
    for size in range(1, len(key) // 2 + 1):
        if key[:size] * (len(key) // size) + key[: len(key) % size] == key:
            return "it repeats one short piece"
    steps = [ord(b) - ord(a) for a, b in pairwise(key)]
    if sum(step in (-1, 0, 1) for step in steps) > len(steps) / 2:
        return "it is mostly runs of neighbouring characters (abcdef…, 12345…)"
    return None


@register(Tags.security, deploy=True)
def secret_key_is_strong(app_configs, **kwargs):
    weakness = secret_key_weakness(settings.SECRET_KEY)
    if weakness is None:
        return []
    return [
        Error(
            f"DJANGO_SECRET_KEY is not fit for production: {weakness}. Sessions, password "
            "reset links and signed values could be forged.",
            hint="Set DJANGO_SECRET_KEY to a long random string: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'.",
            id="portal.E002",
        )
    ]


@register(Tags.security, deploy=True)
def allowed_hosts_have_no_wildcard(app_configs, **kwargs):
    # The portal middleware is the host check (ALLOWED_HOSTS is open): the server's own names
    # (DJANGO_ALLOWED_HOSTS) serve the main portal, so a wildcard there answers any host.
    wildcards = [host for host in settings.PORTAL_FALLBACK_HOSTS if "*" in host]
    if not wildcards:
        return []
    return [
        Error(
            f"DJANGO_ALLOWED_HOSTS contains {', '.join(repr(h) for h in wildcards)}: the site "
            "then answers any Host header, so links in password reset e-mails and cached "
            "pages can point at an attacker's host.",
            hint="List the portal's host names, e.g. "
            "DJANGO_ALLOWED_HOSTS=tinhuy.example.vn,www.tinhuy.example.vn "
            "(a leading dot, .example.vn, allows its subdomains).",
            id="portal.E001",
        )
    ]
