"""Settings from the environment, and what they mean for readers: Vietnamese pages,
dd/mm/yyyy dates and Vietnam time."""

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from admin_forms import inline_management_data
from django.conf import settings
from factories import ArticleFactory, CategoryFactory, OrganizationFactory

from news.models import Article

pytestmark = pytest.mark.django_db


def run_django(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh interpreter with only the given variables set."""
    return run_python(tmp_path, str(settings.BASE_DIR / "manage.py"), *args, **env)


def run_python(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "DJANGO_VAR_DIR": str(tmp_path / "var"),
        **env,
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR, env=clean_env, capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize("debug", [None, "", "0", "false", "off", "no"])
def test_start_up_without_a_secret_key_and_without_debug_fails_clearly(tmp_path, debug):
    env = {} if debug is None else {"DJANGO_DEBUG": debug}
    result = run_django(tmp_path, "check", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "DJANGO_DEBUG=1" in result.stderr  # and says how to develop locally


def test_an_empty_secret_key_counts_as_missing(tmp_path):
    result = run_django(tmp_path, "check", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_start_up_with_a_secret_key_works(tmp_path):
    result = run_django(tmp_path, "check", DJANGO_SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_debug_mode_needs_no_secret_key(tmp_path):
    result = run_django(tmp_path, "check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("name", "value", "says"), [
    ("SESSION_HOURS", "tám", "SESSION_HOURS must be a whole number, not 'tám'."),
    ("IMAGE_UPLOAD_MAX_MB", "10MB", "IMAGE_UPLOAD_MAX_MB must be a whole number"),
    ("PAGE_CACHE_SECONDS", "5 phút", "PAGE_CACHE_SECONDS must be a whole number"),
    ("SEARCH_RATE_LIMIT", "nhiều", "SEARCH_RATE_LIMIT must be a whole number"),
    ("REDIS_TIMEOUT", "1s", "REDIS_TIMEOUT must be a number, not '1s'."),
])
def test_a_bad_number_in_the_environment_is_named_in_the_error(tmp_path, name, value, says):
    extra = {"REDIS_URL": "redis://127.0.0.1:6379/15"} if name == "REDIS_TIMEOUT" else {}
    result = run_django(tmp_path, "check", DJANGO_DEBUG="1", **{name: value}, **extra)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert says in result.stderr


def test_upload_limit_comes_from_image_upload_max_mb(tmp_path):
    result = run_python(
        tmp_path, "-c",
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.IMAGE_UPLOAD_MAX_BYTES, settings.ATTACHMENT_UPLOAD_MAX_BYTES, "
        "settings.DEBUG)",
        DJANGO_DEBUG="1", IMAGE_UPLOAD_MAX_MB="2", ATTACHMENT_UPLOAD_MAX_MB="5",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(2 * 1024 * 1024), str(5 * 1024 * 1024), "True"]


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True


@pytest.mark.parametrize("path", ["/", "/tin-tuc/", "/khong-co-trang-nay/", "/admin/login/"])
def test_every_page_says_it_is_vietnamese(client, path):
    ArticleFactory()
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert '<html lang="vi"' in response.content.decode()


def test_times_are_shown_in_vietnam_time_as_dd_mm_yyyy(client):
    # 17:30 UTC on 1 January is 00:30 on 2 January in Hà Nội (UTC+7).
    article = ArticleFactory(published_at=datetime(2026, 1, 1, 17, 30, tzinfo=UTC))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "02/01/2026, 00:30" in html  # "Thứ Sáu, 02/01/2026, 00:30" on the article
    assert "01/01/2026" not in html
    assert "2026-01-02T00:30:00+07:00" in html  # the machine-readable <time> value


def test_lists_show_the_local_date(client):
    ArticleFactory(published_at=datetime(2026, 1, 1, 17, 30, tzinfo=UTC))
    html = client.get("/tin-tuc/").content.decode()
    assert "02/01/2026" in html
    assert "01/01/2026" not in html


def test_the_admin_shows_dates_as_dd_mm_yyyy_in_vietnam_time(superuser_client):
    ArticleFactory(published_at=datetime(2026, 1, 1, 17, 30, tzinfo=UTC))
    html = superuser_client.get("/admin/news/article/").content.decode()
    assert "02/01/2026 00:30" in html


def test_the_admin_accepts_dates_typed_as_dd_mm_yyyy(superuser_client):
    form_page = superuser_client.get("/admin/news/article/add/")
    response = superuser_client.post("/admin/news/article/add/", {
        **inline_management_data(form_page),
        "title": "Hẹn giờ", "slug": "", "summary": "", "body": "",
        "organization": OrganizationFactory().pk, "category": CategoryFactory().pk,
        "published_at_0": "02/01/2026", "published_at_1": "00:30",
        "source": "", "author_name": "", "_save": "Lưu lại",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Article.objects.get().published_at == datetime(2026, 1, 1, 17, 30, tzinfo=UTC)
