"""Settings for every environment, read from environment variables.

Debug is off unless DJANGO_DEBUG is set; with debug off a DJANGO_SECRET_KEY is
required and start-up fails loudly without it. See the README's configuration
table for every variable.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from core.sanitize import ALLOWED_IFRAME_HOSTS
from operations.media_storage import media_storage_from_env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}.") from None


DEBUG = env_flag("DJANGO_DEBUG")

# Used with debug on when DJANGO_SECRET_KEY is not set; `check --deploy` refuses it
# (portal/checks.py).
DEVELOPMENT_SECRET_KEY = "insecure-development-key-only-used-when-DJANGO_DEBUG-is-on"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if SECRET_KEY and not SECRET_KEY.strip():
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is only spaces. Set it to a long random string "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), or leave it unset "
        "with DJANGO_DEBUG=1 for local development."
    )
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

# Which hosts are served is decided by the portals (portals/middleware.py, first below): each
# portal's domains, and these server names, which serve the main portal. Django's own check
# is therefore open; the portal middleware answers an unknown host with 400.
PORTAL_FALLBACK_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else ""
)
ALLOWED_HOSTS = ["*"]
# An unknown host: 400, or a redirect to this address (e.g. the main portal's home page).
PORTAL_UNKNOWN_HOST_REDIRECT = os.environ.get("PORTAL_UNKNOWN_HOST_REDIRECT", "")
# The scheme of links from one portal to another (an article owned by another portal).
PORTAL_URL_SCHEME = os.environ.get("PORTAL_URL_SCHEME", "http" if DEBUG else "https")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# A form refused for its CSRF token: the contact form comes back with what was typed, other
# forms get the portal's page in Vietnamese (pages/site_views.py).
CSRF_FAILURE_VIEW = "pages.site_views.csrf_failure"

# Reverse proxies whose X-Forwarded-For is believed (core/client_ip.py), e.g. 127.0.0.1.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"DJANGO_TRUSTED_PROXIES: {_proxy!r} is not an IP address or network."
        ) from None

# HTTPS and security headers. With debug off everything is on unless switched off, e.g.
# DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 to try a production setup on plain HTTP.
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
# HSTS is only sent over HTTPS. Browsers remember it for this long: lower it for a first deploy.
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES", default=not DEBUG)
if env_flag("DJANGO_BEHIND_TLS_PROXY", default=not DEBUG):
    # The proxy terminates TLS and must set (not pass on) X-Forwarded-Proto on every request.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page of the site is meant to be framed, not even by the site itself.
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    # Django (the admin with the portal's own admin site, accounts/admin_site.py)
    "accounts.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # Search field types (SearchVectorField); harmless on SQLite.
    "django.contrib.postgres",
    # Third-party
    "accounts.axes_app.AxesConfig",  # django-axes, named in Vietnamese
    "django_ckeditor_5",
    "operations.task_queue_app.TaskQueueConfig",  # django-tasks-db, named in Vietnamese
    "django_filters",
    "simple_history",
    "treebeard",
    # Local, from the bottom of the dependency graph up (docs/architecture.md)
    "images",
    "caching",
    "operations",
    "organizations",
    "portals",
    "library",
    "audit",
    "news",
    "accounts",
    "pages",
    "visitors",
    "demo",
    "portal",
]

MIDDLEWARE = [
    # One log line per request with its duration and request id (operations/logs.py).
    "operations.logs.RequestLogMiddleware",
    # The portal a request is for, from its host; unknown hosts 400 (portals/middleware.py).
    "portals.middleware.PortalMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # GET, HEAD and POST only; TRACE, PUT, OPTIONS… answer 405 (operations/http_methods.py).
    "operations.http_methods.AllowedMethodsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # SECURE_CSP, relaxed for CKEditor 5 under /admin/ only (operations/security.py).
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "operations.security.AdminContentSecurityPolicyMiddleware",
    "operations.security.PermissionsPolicyMiddleware",
    # /healthz, answered before sessions and authentication (operations/health.py).
    "operations.health.HealthCheckMiddleware",
    # The Vietnamese 503 page while the database is unreachable (operations/maintenance.py).
    "operations.maintenance.DatabaseUnavailableMiddleware",
    # Counts visits; must stay above any cache middleware (see visitors/middleware.py).
    "visitors.middleware.VisitCounterMiddleware",
    # Whole pages for anonymous readers, invalidated by tags (caching/page_cache.py).
    "caching.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # English under /en/, Vietnamese elsewhere, whatever the browser asks (pages/languages.py).
    "pages.languages.PathLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Who made each revision of an article (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Login throttling; django-axes wants to be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                # {{ csp_nonce }} for the rare inline <script nonce="...">.
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.site",
            ],
        },
    },
]

def database_from_url(url: str) -> dict:
    """One DATABASES entry: the server in `url` with the timeouts and the pool of every alias."""
    database = dj_database_url.parse(
        url,
        conn_max_age=0,
        # Pooled connections are checked before use, so ones broken by a database restart
        # are replaced instead of failing a request.
        conn_health_checks=True,
    )
    options = database.setdefault("OPTIONS", {})
    if database["ENGINE"] == "django.db.backends.postgresql":
        # QuerySet.iterator() (every <select> of a model's rows iterates that way) would
        # otherwise declare a server-side cursor: four round trips for a dozen rows, and
        # not possible through a transaction-pooling PgBouncer.
        database["DISABLE_SERVER_SIDE_CURSORS"] = True
        # Fail fast when the server is unreachable: readers get the maintenance page in seconds.
        options.setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 2))
        if env_flag("DATABASE_POOL", default=True):
            # Django's connection pool (psycopg 3); CONN_MAX_AGE must stay 0 with it.
            options["pool"] = {
                "min_size": env_int("DATABASE_POOL_MIN", 2),
                "max_size": env_int("DATABASE_POOL_MAX", 10),
                # Seconds a request waits for a connection before the maintenance page.
                "timeout": env_int("DATABASE_POOL_TIMEOUT", 3),
                # Give up a failed reconnection after this long; the next request starts anew.
                "reconnect_timeout": 60,
            }
            if database["CONN_HEALTH_CHECKS"]:
                # After a database restart, replace every dead pooled connection at once.
                from operations.dbpool import check_pooled_connection

                options["pool"]["check"] = check_pooled_connection
    elif database["ENGINE"] == "django.db.backends.sqlite3":
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        options.update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    return database


# Database: DATABASE_URL, or an SQLite file under var/ for the quickstart.
DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
    )
}
# Optional PostgreSQL read replica for anonymous readers' pages (operations/db_router.py);
# editors, logins and every write use the primary above.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = database_from_url(DATABASE_REPLICA_URL)
    if {DATABASES[alias]["ENGINE"] for alias in DATABASES} != {"django.db.backends.postgresql"}:
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL needs PostgreSQL: both DATABASE_URL and DATABASE_REPLICA_URL "
            "must be postgres:// addresses (the replica streams from the primary)."
        )
    DATABASE_ROUTERS = ["operations.db_router.ReplicaRouter"]
    # After an edit, readers' pages come from the primary for this long, so the page cache
    # never keeps a page rendered from a replica that had not caught up yet; 0: never.
    DATABASE_REPLICA_LAG_SECONDS = env_int("DATABASE_REPLICA_LAG_SECONDS", 10)
    # Right after authentication: whether the reader is logged in decides.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "operations.db_router.ReplicaReadsMiddleware",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, except that an unreachable Redis acts as an empty cache.
            "BACKEND": "caching.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cong"),
            "OPTIONS": {
                "socket_connect_timeout": env_float("REDIS_TIMEOUT", 1),
                "socket_timeout": env_float("REDIS_TIMEOUT", 1),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cong",
        }
    }

# Whole-page cache for anonymous readers (caching/page_cache.py); 0 switches it off. Edits
# invalidate cached pages at once through Redis; the local-memory cache is per process, so
# without Redis pages are kept only briefly and an edit shows after at most that long.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300 if REDIS_URL else 10)
if PAGE_CACHE_SECONDS < 0:
    raise ImproperlyConfigured("PAGE_CACHE_SECONDS must be 0 (off) or a number of seconds.")

# Background tasks (docs/architecture.md, "Background tasks"): Django's tasks framework with
# the database backend of django-tasks-db. Saving a directive or an image only writes a task
# row, in the same transaction as the save; the worker (`manage.py db_worker`, started by
# `make run` and `make serve`, a systemd unit in production) runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# /healthz reports the queue as stuck when a task has waited longer than this.
TASKS_STUCK_MINUTES = env_int("TASKS_STUCK_MINUTES", 10)

# A deleted article waits this many days in the trash (Thùng rác), where it can be restored,
# before the task worker removes it for good (docs/workflow-and-accounts.md, "Thùng rác").
TRASH_RETENTION_DAYS = env_int("TRASH_RETENTION_DAYS", 30)
if TRASH_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("TRASH_RETENTION_DAYS must be at least 1 (days).")

# Django's validators with Vietnamese messages (accounts/password_validation.py), and ours.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "accounts.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "accounts.password_validation.CommonPasswordValidator"},
    {"NAME": "accounts.password_validation.NumericPasswordValidator"},
    # Common Vietnamese passwords and the portal's own names, with years and symbols around
    # them; the demo account's password outside debug (accounts/password_policy.py).
    {"NAME": "accounts.password_policy.GuessablePasswordValidator"},
    {"NAME": "accounts.password_policy.DemoPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes, accounts/login_throttle.py): after AXES_FAILURE_LIMIT wrong
# passwords for one user name, that name is refused for AXES_COOLOFF_MINUTES. An address is
# locked only after LOGIN_ADDRESS_FAILURE_LIMIT wrong passwords for any names: a whole office
# may log in from one address. Attempts refused during a lock do not count.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 50)
AXES_HANDLER = "accounts.login_throttle.PortalAxesHandler"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.login_throttle.lockout_response"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# axes.W006 warns that addresses are not among AXES_LOCKOUT_PARAMETERS: they are limited by
# accounts.login_throttle.PortalAxesHandler instead, at LOGIN_ADDRESS_FAILURE_LIMIT.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_VERBOSE = False

# Password reset e-mails per hour for one e-mail address, and from one address
# (accounts/password_reset.py); past them the page answers as usual but sends nothing.
PASSWORD_RESET_EMAIL_RATE_LIMIT = env_int("PASSWORD_RESET_EMAIL_RATE_LIMIT", 5)
PASSWORD_RESET_ADDRESS_RATE_LIMIT = env_int("PASSWORD_RESET_ADDRESS_RATE_LIMIT", 20)

# Days the link of an invitation to a new account works (accounts/invitations.py).
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 7)

# Sessions end after SESSION_HOURS of inactivity, and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_HOURS", 8) * 3600
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# With Redis, sessions are read from it and written through to the database, so every app
# server sees them and a Redis restart or eviction logs nobody out. Without it, the database.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Internationalisation: Vietnamese, Vietnamese time, dd/mm/yyyy; the pages under /en/ in
# English (pages/languages.py, locale/en/).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.formats"]
# The portal's Vietnamese for what Django and the third-party apps leave untranslated, read
# before their own catalogues (docs/translations.md: adding a message).
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# Uploads on this server's disk, or in an S3-compatible bucket (operations/media_storage.py).
_media_storage = media_storage_from_env(os.environ)
MEDIA_STORAGE = _media_storage.kind  # "local" or "s3"
if _media_storage.url:
    MEDIA_URL = _media_storage.url
STORAGES = {
    "default": {"BACKEND": _media_storage.backend, "OPTIONS": _media_storage.options},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded files larger than this are streamed to disk rather than kept in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# Content-Security-Policy (django.middleware.csp): the site's own scripts, styles, images and
# fonts only. An unavoidable inline <script> needs nonce="{{ csp_nonce }}". Style attributes
# stay allowed (style-src-attr) because article bodies keep CKEditor's alignment and table
# styles; core/sanitize.py limits them to a list of properties without url().
_media = urlsplit(MEDIA_URL)
_media_origin = [f"{_media.scheme}://{_media.netloc}"] if _media.scheme and _media.netloc else []
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "style-src-attr": [CSP.UNSAFE_INLINE],
    # DJANGO_CSP_IMG_SRC: other image origins, e.g. the old site of imported articles.
    "img-src": [CSP.SELF, "data:", *_media_origin, *env_list("DJANGO_CSP_IMG_SRC")],
    "media-src": [CSP.SELF, *_media_origin],
    # Embedded videos: the players core/sanitize.py lets into articles.
    "frame-src": sorted(f"https://{host}" for host in ALLOWED_IFRAME_HOSTS),
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# Browser features no page of the portal uses (operations/security.py).
PERMISSIONS_POLICY = {
    feature: []
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort")
}

# `manage.py backup` writes its archives here (docs/deployment.md).
BACKUP_DIR = Path(os.environ.get("DJANGO_BACKUP_DIR", VAR_DIR / "backups"))

LOGIN_URL = "admin:login"
# Where a login goes when its ?next= is missing or points off the site: the admin.
LOGIN_REDIRECT_URL = "admin:index"

# Outgoing e-mail. With EMAIL_HOST set, mail goes through that SMTP server; without it,
# debug mode prints mail to the console and production uses SMTP on localhost:25.
_email_host = os.environ.get("EMAIL_HOST", "")
_smtp = "django.core.mail.backends.smtp.EmailBackend"
_console = "django.core.mail.backends.console.EmailBackend"
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_EMAIL_BACKEND", _smtp if _email_host or not DEBUG else _console
        ),
    }
}
if MAILERS["default"]["BACKEND"] == _smtp:
    MAILERS["default"]["OPTIONS"] = {
        "host": _email_host or "localhost",
        "port": env_int("EMAIL_PORT", 25),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_flag("EMAIL_USE_TLS"),
        "use_ssl": env_flag("EMAIL_USE_SSL"),
        "timeout": env_int("EMAIL_TIMEOUT", 10),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "cong@localhost")
# Who receives a notice e-mail for each message sent through /lien-he/ (comma-separated).
CONTACT_NOTIFY_EMAILS = env_list("CONTACT_NOTIFY_EMAILS")

# Portal identity shown in the banner and the page titles.
PORTAL_NAME = os.environ.get("PORTAL_NAME", "Cổng thông tin điện tử Tỉnh ủy")
PORTAL_OWNER = os.environ.get("PORTAL_OWNER", "Tỉnh ủy")

# Upload limits (see core/validators.py).
IMAGE_UPLOAD_MAX_BYTES = env_int("IMAGE_UPLOAD_MAX_MB", 10) * 1024 * 1024
IMAGE_UPLOAD_MAX_PIXELS = 40_000_000
ATTACHMENT_UPLOAD_MAX_BYTES = env_int("ATTACHMENT_UPLOAD_MAX_MB", 30) * 1024 * 1024

# Rich-text editor (CKEditor 5). Uploads go through our own validated view.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "editor_image_upload"
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png", "gif", "webp"]
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "vi",
        # The editing area as a screen reader names it (CKEditor would say "Vùng chỉnh sửa: main").
        "label": "Trình soạn thảo nội dung",
        "toolbar": {
            "items": [
                "heading", "|",
                "bold", "italic", "underline", "strikethrough", "subscript", "superscript", "|",
                "link", "bulletedList", "numberedList", "blockQuote", "|",
                "alignment", "outdent", "indent", "|",
                "insertImage", "insertTable", "mediaEmbed", "horizontalLine", "|",
                "removeFormat", "sourceEditing", "undo", "redo",
            ],
            "shouldNotGroupWhenFull": True,
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Đoạn văn", "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": "Tiêu đề 2",
                 "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": "Tiêu đề 3",
                 "class": "ck-heading_heading3"},
                {"model": "heading4", "view": "h4", "title": "Tiêu đề 4",
                 "class": "ck-heading_heading4"},
            ]
        },
        "image": {
            # What the file dialog offers and a paste or drop may upload: the formats
            # core.validators.validate_image_file accepts (CKEditor's default adds BMP and TIFF).
            "upload": {"types": ["jpeg", "png", "webp", "gif"]},
            "toolbar": [
                "imageTextAlternative", "toggleImageCaption", "|",
                "imageStyle:alignLeft", "imageStyle:alignCenter", "imageStyle:alignRight",
            ],
            "styles": ["alignLeft", "alignCenter", "alignRight", "full", "side"],
        },
        "table": {
            "contentToolbar": [
                "tableColumn", "tableRow", "mergeTableCells",
                "tableProperties", "tableCellProperties", "toggleTableCaption",
            ]
        },
        "mediaEmbed": {"previewsInData": True},
        "link": {"addTargetToExternalLinks": True, "defaultProtocol": "https://"},
    },
}

# Pages wider than this are split into pages of news.
NEWS_PAGE_SIZE = 20
# Searches per minute from one address before /tim-kiem/ answers 429.
SEARCH_RATE_LIMIT = env_int("SEARCH_RATE_LIMIT", 30)
# The benchmark's fixed 20 KB page at /__bench__/ceiling/ (portal/ceiling.py); never in production.
BENCH_CEILING = env_flag("DJANGO_BENCH_CEILING")


# Logs go to stdout: JSON lines (DJANGO_LOG_FORMAT=json, the default with debug off) or plain
# text. Both formatters mask passwords, tokens and cookies (operations/logs.py).
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "plain" if DEBUG else "json").strip().lower()
if LOG_FORMAT not in {"json", "plain"}:
    raise ImproperlyConfigured("DJANGO_LOG_FORMAT must be 'json' or 'plain'.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "operations.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {
            "()": "operations.logs.PlainFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
        "json": {"()": "operations.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # Django's own default handlers would print every line a second time.
    "loggers": {"django": {"handlers": ["console"], "propagate": False}},
}

# --- Library (library/) ---------------------------------------------------------------------
# `manage.py remove_unused_uploads` lists (and with --delete removes) the library's images and
# documents nothing uses, uploaded more than this many days ago (docs/library.md).
LIBRARY_UNUSED_DAYS = env_int("LIBRARY_UNUSED_DAYS", 90)
if LIBRARY_UNUSED_DAYS < 1:
    raise ImproperlyConfigured("LIBRARY_UNUSED_DAYS must be at least 1 (days).")
