"""Fixtures shared by the whole suite: a fixture that more than one test module needs lives
here, not in a copy per module (tests/e2e/conftest.py keeps the browser's). Model factories
live in tests/factories.py (import them with `from factories import ArticleFactory`; tests/ is
on sys.path).

pytest-django already provides `client`, `admin_user`, `admin_client`, `settings`,
`django_user_model` and `django_assert_num_queries`.
"""

import os
import signal
import uuid

import pytest
from asgiref.local import Local
from django.core.management import call_command
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.tasks import task_backends
from factories import (
    MembershipFactory,
    MenuFactory,
    OrganizationFactory,
    StaffUserFactory,
    SuperUserFactory,
)


@receiver(setting_changed)
def task_backends_follow_the_settings(*, setting, **kwargs):
    """Django's test signals rebuild the caches when CACHES changes but not the task backends
    when TASKS does: do it here, the same way, so database_tasks can switch backends."""
    if setting == "TASKS":
        task_backends._settings = task_backends.settings = task_backends.configure_settings(None)
        task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture
def database_tasks(settings, transactional_db):
    """Tasks go to the production backend (django-tasks-db) and wait in the database for
    the worker, instead of running at once. Returns run_worker: `manage.py db_worker
    --batch`, which runs what is waiting and stops, as the systemd unit's worker would.

    The test commits for real (transactional_db): the save's transaction commits before the
    worker starts, and the worker runs outside any transaction, as in production (it also
    closes its connection between tasks, which a test's transaction would not survive)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def run_worker():
        # The worker installs its own handlers for a graceful stop; give pytest its own back.
        stops = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
        handlers = {sig: signal.getsignal(sig) for sig in stops}
        try:
            call_command(
                "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval=0",
                verbosity=0,
            )
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)

    return run_worker


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploads to its own empty MEDIA_ROOT, so "nothing was saved" is
    checkable."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture(autouse=True)
def article_views_start_empty():
    """Views counted by an earlier test are not stored by a request of this one, nor at
    exit, when the settings point at the real database again."""
    from news import view_counts

    view_counts.discard_pending()
    yield
    view_counts.discard_pending()


@pytest.fixture(autouse=True)
def frame_cache_starts_empty():
    """The portals, menus and portal information kept by an earlier test (whose rows were
    rolled back without a signal; SQLite even gives their ids again) are not this test's: the
    test settings' cache (local memory) starts empty, and so does the process's portal map."""
    from django.core.cache import cache

    from portals import hosts

    cache.clear()
    hosts.forget()


@pytest.fixture
def clear_cache():
    """The cache of the test settings (local memory, never Redis) empty before and after the
    test. A module whose every test needs it says pytest.mark.usefixtures("clear_cache")."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page_cache_on(settings):
    """The page cache switched on (test settings have it off), starting empty."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media_files(media_root):
    """A callable listing every file stored under MEDIA_ROOT (relative paths, sorted)."""

    def files() -> list[str]:
        return sorted(
            str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file()
        )

    return files


@pytest.fixture
def superuser(db):
    return SuperUserFactory()


@pytest.fixture
def staff_user(db):
    """A staff member without any model permission."""
    return StaffUserFactory()


@pytest.fixture
def reporter(db):
    """A staff member with the role Phóng viên in an organisation: writes its articles, and
    so uploads images in the editor."""
    from django.contrib.auth.models import Group

    from accounts.roles import REPORTER

    user = StaffUserFactory()
    user.groups.add(Group.objects.get(name=REPORTER))
    MembershipFactory(user=user)
    return user


@pytest.fixture
def province(db):
    return OrganizationFactory(name="Tỉnh ủy Bến Tre")


@pytest.fixture
def site_admin(province):
    """A staff member with the role Quản trị cổng in `province`."""
    from django.contrib.auth.models import Group

    from accounts.roles import SITE_ADMIN

    user = StaffUserFactory(username="quantri-tinh")
    user.groups.add(Group.objects.get(name=SITE_ADMIN))
    MembershipFactory(user=user, organization=province)
    return user


@pytest.fixture
def main_menu(db, clear_cache):
    """The menu the site header shows (slug "main"), empty, with an empty cache around it."""
    return MenuFactory(name="Menu chính", slug="main")


@pytest.fixture
def reporter_client(client, reporter):
    client.force_login(reporter)
    return client


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def redis_cache(settings):
    """The production cache backend on this machine's Redis (TEST_REDIS_URL), under a key
    prefix of its own whose keys are removed afterwards; skipped when Redis is not running."""
    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis không chạy tại {url}: {error}")
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    local_caches = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "caching.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    yield
    # Back to the local cache before other fixtures clear "the" cache: clear() on Redis
    # would empty the whole database, not only this test's keys.
    settings.CACHES = local_caches
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()


@pytest.fixture
def newsroom(db):
    """A newsroom for the review of articles: Tỉnh ủy Bến Tre with its Ban Tuyên giáo, an
    unrelated Tỉnh ủy Trà Vinh, a person in each role (with an e-mail address and a full
    name), and `article(title, author=…, **fields)` making a draft of the board by default.
    """
    from types import SimpleNamespace

    from django.contrib.auth.models import Group
    from factories import ArticleFactory, CategoryFactory

    from accounts.roles import APPROVER, EDITOR, REPORTER
    from news.models import Article

    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    board = OrganizationFactory(name="Ban Tuyên giáo", parent=province)
    other = OrganizationFactory(name="Tỉnh ủy Trà Vinh")
    category = CategoryFactory(name="Tin tức")

    def member(role, organization, username, last_name, first_name):
        user = StaffUserFactory(username=username, last_name=last_name, first_name=first_name)
        user.groups.add(Group.objects.get(name=role))
        MembershipFactory(user=user, organization=organization)
        return user

    people = SimpleNamespace(
        reporter=member(REPORTER, board, "phongvien", "Nguyễn Thị", "Lan"),
        reporter2=member(REPORTER, board, "phongvien2", "Trần Văn", "Hùng"),
        editor=member(EDITOR, province, "bientap", "Lê Minh", "Tâm"),
        approver=member(APPROVER, province, "duyetbai", "Phạm Quốc", "Bảo"),
        outsider=member(APPROVER, other, "nguoingoai", "Võ Thanh", "Sơn"),
    )

    def article(title="Tuổi trẻ Bến Tre ra quân tình nguyện hè", author=None, **fields):
        fields.setdefault("status", Article.Status.DRAFT)
        if fields["status"] in (Article.Status.DRAFT, Article.Status.PENDING):
            fields.setdefault("published_at", None)
        fields.setdefault("organization", board)
        fields.setdefault(
            "body",
            "<p>Sáng 1/6, Tỉnh Đoàn ra quân chiến dịch tình nguyện hè với 500 đoàn viên.</p>"
            "<p>Chiến dịch kéo dài đến cuối tháng 8.</p>",
        )
        return ArticleFactory(
            title=title, category=category, author=author or people.reporter, **fields
        )

    return SimpleNamespace(
        province=province, board=board, other=other, category=category, people=people,
        article=article,
    )
