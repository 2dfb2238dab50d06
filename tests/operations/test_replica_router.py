"""The read-replica router (operations/db_router.py) with the replica as Django's TEST MIRROR of
the test database (portal/settings/test.py): real requests through the test client, and
the queries each connection ran.

The router only sends reads to the replica outside atomic blocks, and pytest-django's
ordinary tests run inside one; these tests therefore commit (transaction=True)."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connections, router, transaction
from django.test.client import RequestFactory
from django.test.utils import CaptureQueriesContext
from factories import ArticleFactory, StaffUserFactory

from news.models import Article, Category
from operations.db_router import ReplicaReadsMiddleware
from pages.models import ContactMessage

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])

AUTH = "django.contrib.auth.middleware.AuthenticationMiddleware"
REPLICA_MIDDLEWARE = "operations.db_router.ReplicaReadsMiddleware"


@pytest.fixture(autouse=True)
def replica_installed(settings):
    """What portal/settings/base.py does when DATABASE_REPLICA_URL is set."""
    assert connections["replica"].settings_dict["TEST"]["MIRROR"] == "default"
    settings.DATABASE_ROUTERS = ["operations.db_router.ReplicaRouter"]
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(middleware.index(AUTH) + 1, REPLICA_MIDDLEWARE)
    settings.MIDDLEWARE = middleware


@pytest.fixture(autouse=True)
def empty_cache():
    """The window after an edit is kept in the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True, scope="module")
def replica_pool_closed():
    """The replica alias has a connection pool of its own; Django's teardown only closes the
    test database's, and dropping the database waits for every connection to it."""
    yield
    replica = connections["replica"]
    replica.close()
    if getattr(replica, "pool", None) is not None:
        replica.close_pool()


class Queries:
    """The SQL run on each database during a block."""

    def __enter__(self):
        self._captures = {
            alias: CaptureQueriesContext(connections[alias]) for alias in ("default", "replica")
        }
        for capture in self._captures.values():
            capture.__enter__()
        return self

    def __exit__(self, *exc):
        for capture in self._captures.values():
            capture.__exit__(*exc)

    def on(self, alias: str, table: str = "") -> list[str]:
        return [q["sql"] for q in self._captures[alias].captured_queries if table in q["sql"]]


@pytest.fixture
def article():
    return ArticleFactory(title="Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ mười")


def test_an_anonymous_reader_gets_the_article_page_from_the_replica(client, article):
    with Queries() as queries:
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ mười" in response.text
    assert queries.on("replica", '"news_article"')
    assert queries.on("default", '"news_article"') == []


def test_lists_and_search_of_anonymous_readers_read_from_the_replica(client, article):
    category = f"/chuyen-muc/{article.category.slug}/"
    for path in ("/", "/tin-tuc/", category, "/tim-kiem/?q=hội+nghị"):
        with Queries() as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        assert queries.on("replica", '"news_article"'), path
        assert queries.on("default", '"news_article"') == [], path


def test_a_head_request_reads_from_the_replica(client, article):
    with Queries() as queries:
        assert client.head(article.get_absolute_url()).status_code == 200
    assert queries.on("replica", '"news_article"')


def test_logged_in_staff_read_from_the_primary(client, article):
    client.force_login(StaffUserFactory())
    with Queries() as queries:
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert queries.on("default", '"news_article"')
    assert queries.on("replica") == []


def test_the_admin_reads_from_the_primary_even_before_login(client):
    with Queries() as queries:
        assert client.get("/admin/login/").status_code == 200
        client.post("/admin/login/", {"username": "khong-co", "password": "sai-mat-khau-123"})
    assert queries.on("replica") == []
    assert queries.on("default")


def test_a_form_post_of_an_anonymous_reader_uses_the_primary(client):
    with Queries() as queries:
        response = client.post(
            "/lien-he/",
            {"name": "Nguyễn Văn An", "email": "an@example.vn", "phone": "", "website": "",
             "subject": "Góp ý", "message": "Đề nghị đăng lịch tiếp công dân hằng tháng."},
        )  # fmt: skip
    assert response.status_code == 302
    assert ContactMessage.objects.count() == 1
    assert queries.on("replica") == []


def test_a_draft_is_not_served_to_readers_from_the_replica_either(client):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    with Queries() as queries:
        assert client.get(draft.get_absolute_url()).status_code == 404
    assert queries.on("replica", '"news_article"')


def staff_request(path="/admin/news/category/1/change/", method="post"):
    request = getattr(RequestFactory(), method)(path)
    request.user = StaffUserFactory()
    return request


def test_right_after_an_edit_readers_pages_come_from_the_primary(client, article, settings):
    """The page cache keeps what the first reader after an edit gets: never the replica's
    copy from before the edit."""
    settings.DATABASE_REPLICA_LAG_SECONDS = 10

    def edit(request):
        Category.objects.filter(pk=article.category_id).update(name="Thời sự")

    ReplicaReadsMiddleware(edit)(staff_request())

    with Queries() as queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert queries.on("replica") == []
    assert queries.on("default", '"news_article"')

    cache.delete("replica:recent-edit")  # the window has passed
    with Queries() as queries:
        client.get(article.get_absolute_url())
    assert queries.on("replica", '"news_article"')


def test_a_staff_request_that_only_saves_its_session_is_not_an_edit(client, article):
    def browse(request):
        from django.contrib.sessions.backends.db import SessionStore

        session = SessionStore()
        session["seen"] = True
        session.save()

    ReplicaReadsMiddleware(browse)(staff_request("/admin/", method="get"))

    with Queries() as queries:
        client.get(article.get_absolute_url())
    assert queries.on("replica", '"news_article"')


def test_a_heartbeat_of_an_open_article_page_is_not_an_edit(client, article):
    """Every open change page writes who has it open every few seconds (news/presence.py):
    that must not keep readers off the replica all day."""
    from news import presence

    def heartbeat(request):
        presence.heartbeat(
            article=article, user=request.user, tab="a" * 32, can_edit=True, unsaved=False,
            opened_version=article.version,
        )

    ReplicaReadsMiddleware(heartbeat)(
        staff_request(f"/admin/news/article/{article.pk}/presence/")
    )

    with Queries() as queries:
        client.get(article.get_absolute_url())
    assert queries.on("replica", '"news_article"')


def test_a_lag_of_zero_seconds_keeps_readers_on_the_replica_after_edits(client, article, settings):
    settings.DATABASE_REPLICA_LAG_SECONDS = 0

    def edit(request):
        Category.objects.filter(pk=article.category_id).update(name="Thời sự")

    ReplicaReadsMiddleware(edit)(staff_request())
    with Queries() as queries:
        client.get(article.get_absolute_url())
    assert queries.on("replica", '"news_article"')


def test_after_a_write_the_rest_of_the_request_reads_from_the_primary(article):
    seen = {}

    def view(request):
        seen["before"] = router.db_for_read(Article)
        Category.objects.filter(pk=article.category_id).update(name="Thời sự")
        seen["after"] = router.db_for_read(Article)
        seen["name"] = Category.objects.get(pk=article.category_id).name
        return None

    request = RequestFactory().get("/tin-tuc/")
    with Queries() as queries:
        ReplicaReadsMiddleware(view)(request)

    assert seen["before"] == "replica"
    assert seen["after"] == "default"
    assert seen["name"] == "Thời sự"  # read back from the primary, never an older copy
    assert queries.on("replica") == []
    assert len(queries.on("default", '"news_category"')) == 2


def test_reads_inside_an_atomic_block_go_to_the_primary(article):
    seen = {}

    def view(request):
        seen["outside"] = router.db_for_read(Article)
        with transaction.atomic():
            seen["inside"] = router.db_for_read(Article)
        return None

    ReplicaReadsMiddleware(view)(RequestFactory().get("/"))
    assert seen == {"outside": "replica", "inside": "default"}


def test_outside_a_request_everything_uses_the_primary(article):
    """Management commands, the shell and cron jobs: no middleware, so no replica."""
    assert router.db_for_read(Article) == "default"
    assert router.db_for_write(Article) == "default"
    with Queries() as queries:
        assert Article.objects.get(pk=article.pk) == article
    assert queries.on("replica") == []


def test_the_decision_is_undone_after_the_request(client, article):
    client.get(article.get_absolute_url())
    assert router.db_for_read(Article) == "default"


def test_writes_and_migrations_go_to_the_primary_only():
    assert router.db_for_write(User) == "default"
    assert router.allow_migrate("default", "news") is True
    assert router.allow_migrate("replica", "news") is False
    assert router.allow_migrate("replica", "auth", model_name="user") is False
