"""Settings for the test suite: base settings with a throwaway key and fast hashing."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# The test client and the live server speak plain HTTP; every other production default stays.
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

from portal.settings.base import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cong-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="cong-test-static-"))
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

# The suite searches far more often than a reader; the limit itself is tested with
# override_settings.
SEARCH_RATE_LIMIT = 100_000
# Pages are rendered afresh for every test; the page cache's own tests switch it on.
PAGE_CACHE_SECONDS = 0
# A read replica that is the test database itself (Django's TEST MIRROR), so the replica
# router can be tested; nothing routes there unless a test installs the router.
DATABASES.setdefault("replica", {**DATABASES["default"], "TEST": {"MIRROR": "default"}})
DATABASES["replica"]["TEST"] = {"MIRROR": "default"}

# Tasks run at once, inside the call that enqueues them. Tests of the production backend and
# its worker switch to it with the database_tasks fixture (tests/conftest.py).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
