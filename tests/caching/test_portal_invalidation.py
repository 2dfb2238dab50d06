"""Cached pages per portal (issue 19): a change to an article renews the lists of the
portals showing it (the portal of its organisation, the portals it is republished onto)
and its own page, and leaves the other portals' cached lists as they are
(news/cache_tags.py)."""

import pytest
from django.core.cache import caches
from django.test import Client
from factories import (
    ArticleFactory,
    CategoryFactory,
    OrganizationFactory,
    PortalDomainFactory,
    PortalFactory,
)

from caching import page_cache
from news import cache_tags
from news.models import Article
from news.services import article_delete, article_save
from organizations.models import Organization

pytestmark = pytest.mark.usefixtures("page_cache_on")

PHONE = (
    "Mozilla/5.0 (Linux; Android 10; Redmi 9A) AppleWebKit/537.36 Chrome/120 "
    "Mobile Safari/537.36"
)
TINH_UY = "tinhuy.example.vn"
TINH_DOAN = "tinhdoan.example.vn"
THANH_DOAN = "thanhdoan.example.vn"


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Run what would happen at commit (the test's transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def portals(db):
    """Three portals with their domains; the Huyện Đoàn belongs to the Tỉnh Đoàn's portal
    (its nearest ancestor with one)."""
    tinh_uy = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    tinh_doan = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    huyen_doan = OrganizationFactory(name="Huyện Đoàn Châu Thành", parent=tinh_doan)
    thanh_doan = OrganizationFactory(name="Thành Đoàn Mỹ Tho")
    return {
        "tinh_uy": PortalFactory(organization=tinh_uy, domain=TINH_UY),
        "tinh_doan": PortalFactory(organization=tinh_doan, domain=TINH_DOAN),
        "thanh_doan": PortalFactory(organization=thanh_doan, domain=THANH_DOAN),
        "huyen_doan": huyen_doan,
    }


@pytest.fixture
def category(db):
    return CategoryFactory(name="Tin hoạt động")


def reader(host) -> Client:
    return Client(headers={"host": host, "user-agent": PHONE})


def cached(client, path):
    """Render `path` once for the cache; the second request must be a hit."""
    client.get(path)
    response = client.get(path)
    assert response["X-Page-Cache"] == "hit", (client.defaults, path)
    return response


def list_paths(category):
    return ("/", "/tin-tuc/", category.get_absolute_url())


def test_publishing_on_one_portal_renews_its_lists_and_not_the_other_portals(
    portals, category, commits
):
    ArticleFactory(organization=portals["tinh_uy"].organization, category=category)
    tinh_doan, tinh_uy = reader(TINH_DOAN), reader(TINH_UY)
    for path in list_paths(category):
        cached(tinh_doan, path)
        cached(tinh_uy, path)
    draft = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, category=category,
        organization=portals["huyen_doan"], title="Huyện Đoàn Châu Thành ra quân hè",
    )
    with commits():
        draft.publish()
        article_save(article=draft)

    for path in list_paths(category):
        response = tinh_doan.get(path)
        assert response["X-Page-Cache"] == "miss", path
        assert draft.title in response.content.decode(), path
        assert tinh_uy.get(path)["X-Page-Cache"] == "hit", path


def test_editing_an_articles_text_renews_its_page_and_its_portals_search_only(
    portals, category, commits
):
    article = ArticleFactory(organization=portals["huyen_doan"], category=category)
    tinh_doan, tinh_uy = reader(TINH_DOAN), reader(TINH_UY)
    search = "/tim-kiem/?q=thanh+nien"
    for client in (tinh_doan, tinh_uy):
        cached(client, "/")
        cached(client, search)
    cached(tinh_doan, article.get_absolute_url())
    with commits():
        article.body = "<p>Nội dung đã sửa: thanh niên tình nguyện.</p>"
        article_save(article=article)

    page = tinh_doan.get(article.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "Nội dung đã sửa" in page.content.decode()
    assert tinh_doan.get(search)["X-Page-Cache"] == "miss"
    assert tinh_doan.get("/")["X-Page-Cache"] == "hit"  # no list shows the text
    assert tinh_uy.get(search)["X-Page-Cache"] == "hit"
    assert tinh_uy.get("/")["X-Page-Cache"] == "hit"


def test_moving_an_article_to_another_portals_organisation_renews_both_portals(
    portals, category, commits
):
    article = ArticleFactory(organization=portals["tinh_uy"].organization, category=category)
    clients = {host: reader(host) for host in (TINH_UY, TINH_DOAN, THANH_DOAN)}
    for client in clients.values():
        cached(client, "/tin-tuc/")
    with commits():
        article.organization = portals["huyen_doan"]
        article_save(article=article)

    assert clients[TINH_UY].get("/tin-tuc/")["X-Page-Cache"] == "miss"  # it left
    assert clients[TINH_DOAN].get("/tin-tuc/")["X-Page-Cache"] == "miss"  # it came
    assert clients[THANH_DOAN].get("/tin-tuc/")["X-Page-Cache"] == "hit"


def test_deleting_an_article_renews_only_its_portals_lists(portals, category, commits):
    article = ArticleFactory(organization=portals["huyen_doan"], category=category)
    tinh_doan, tinh_uy = reader(TINH_DOAN), reader(TINH_UY)
    for client in (tinh_doan, tinh_uy):
        cached(client, "/tin-tuc/")
    with commits():
        article_delete(article=article)

    response = tinh_doan.get("/tin-tuc/")
    assert response["X-Page-Cache"] == "miss"
    assert article.title not in response.content.decode()
    assert tinh_uy.get("/tin-tuc/")["X-Page-Cache"] == "hit"


def test_republishing_renews_the_lists_of_the_portals_it_is_put_on(portals, category, commits):
    """What news.services calls when an article is republished onto portals or taken off."""
    article = ArticleFactory(organization=portals["huyen_doan"], category=category)
    clients = {host: reader(host) for host in (TINH_UY, TINH_DOAN, THANH_DOAN)}
    for client in clients.values():
        for path in list_paths(category):
            cached(client, path)
    cached(clients[TINH_DOAN], article.get_absolute_url())
    with commits():
        cache_tags.article_republication_changed(article, portal_ids=[portals["tinh_uy"].pk])

    for path in list_paths(category):
        assert clients[TINH_UY].get(path)["X-Page-Cache"] == "miss", path
        assert clients[TINH_DOAN].get(path)["X-Page-Cache"] == "hit", path  # its own: as before
        assert clients[THANH_DOAN].get(path)["X-Page-Cache"] == "hit", path
    # Its page says where it is republished.
    assert clients[TINH_DOAN].get(article.get_absolute_url())["X-Page-Cache"] == "miss"


def test_taken_off_portals_unknown_every_portals_lists_are_renewed(portals, category, commits):
    article = ArticleFactory(organization=portals["huyen_doan"], category=category)
    clients = [reader(host) for host in (TINH_UY, TINH_DOAN, THANH_DOAN)]
    for client in clients:
        cached(client, "/tin-tuc/")
    with commits():
        cache_tags.article_republication_changed(article)
    for client in clients:
        assert client.get("/tin-tuc/")["X-Page-Cache"] == "miss", client.defaults


def test_a_draft_republished_renews_nothing(portals, category, commits):
    draft = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, organization=portals["huyen_doan"]
    )
    tinh_uy = reader(TINH_UY)
    cached(tinh_uy, "/tin-tuc/")
    with commits():
        cache_tags.article_republication_changed(draft)
    assert tinh_uy.get("/tin-tuc/")["X-Page-Cache"] == "hit"


@pytest.mark.skipif(
    not hasattr(Article, "republications"), reason="news.Republication is not there yet"
)
def test_a_republished_articles_change_renews_the_portals_it_is_republished_onto(
    portals, category, commits
):
    from news.models import Republication

    article = ArticleFactory(organization=portals["huyen_doan"], category=category)
    clients = {host: reader(host) for host in (TINH_UY, TINH_DOAN, THANH_DOAN)}
    with commits():
        Republication.objects.create(article=article, portal=portals["tinh_uy"])
        cache_tags.article_republication_changed(article)
    for client in clients.values():
        cached(client, "/tin-tuc/")
    cached(clients[TINH_DOAN], article.get_absolute_url())
    cached(clients[TINH_UY], article.get_absolute_url())
    with commits():
        article.title = "Tiêu đề mới của bài được đăng lại"
        article_save(article=article)

    for host in (TINH_UY, TINH_DOAN):
        response = clients[host].get("/tin-tuc/")
        assert response["X-Page-Cache"] == "miss", host
        assert article.title in response.content.decode(), host
        assert clients[host].get(article.get_absolute_url())["X-Page-Cache"] == "miss", host
    assert clients[THANH_DOAN].get("/tin-tuc/")["X-Page-Cache"] == "hit"


def test_bulk_updates_renew_the_newest_articles_on_every_portal(portals, commits):
    clients = [reader(host) for host in (TINH_UY, TINH_DOAN)]
    for client in clients:
        cached(client, "/tin-tuc/")
    with commits():
        cache_tags.articles_updated_in_bulk()
    for client in clients:
        assert client.get("/tin-tuc/")["X-Page-Cache"] == "miss", client.defaults


def test_a_new_domain_renews_every_portals_pages(portals, commits):
    clients = [reader(host) for host in (TINH_UY, TINH_DOAN)]
    for client in clients:
        cached(client, "/")
    with commits():
        PortalDomainFactory(portal=portals["tinh_uy"], domain="www.tinhuy.example.vn")
    for client in clients:
        assert client.get("/")["X-Page-Cache"] == "miss", client.defaults


def test_moving_an_organisation_to_another_portal_renews_every_page(portals, commits):
    clients = [reader(host) for host in (TINH_UY, TINH_DOAN)]
    for client in clients:
        cached(client, "/tin-tuc/")
    huyen_doan = portals["huyen_doan"]
    with commits():
        Organization.objects.move(huyen_doan, portals["tinh_uy"].organization, "sorted-child")
        huyen_doan.refresh_from_db()
        huyen_doan.save()  # as the admin's move form and drag and drop do after moving
    for client in clients:
        assert client.get("/tin-tuc/")["X-Page-Cache"] == "miss", client.defaults


def test_a_page_checks_only_its_own_portals_list_tags(portals, category):
    """A hit reads as many tag tokens as before portals: the lists of its own portal."""
    tinh_doan = reader(TINH_DOAN)
    for path in list_paths(category):
        cached(tinh_doan, path)
        key = page_cache.PageCacheMiddleware._key(tinh_doan.get(path).wsgi_request)
        tags = set(caches["default"].get(key)["tokens"])
        own = f"@portal:{portals['tinh_doan'].pk}"
        lists = {tag for tag in tags if cache_tags.is_list_tag(tag.partition("@")[0])}
        assert lists, path
        assert all(tag.endswith(own) for tag in lists), path  # none bare, no other portal's
