"""What each portal shows (issue 19): its own articles on every public list, the home page,
search, RSS, topics, organisations' and directives' pages; another portal's article
redirects to its own portal; categories of one portal are not seen on another; the
directive library per portal."""

from datetime import date

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories import (
    ArticleFactory,
    DirectiveFactory,
    OrganizationFactory,
    PortalFactory,
    StaffUserFactory,
)
from portal_world import TINH_DOAN, TINH_UY, build_world, on

from news.models import Article, Topic
from organizations.models import Membership
from portals import hosts

pytestmark = pytest.mark.django_db

TITLES = ("province_article", "board_article", "youth_article", "branch_article")
MAIN_SHOWS = {"province_article", "board_article"}
YOUTH_SHOWS = {"youth_article", "branch_article"}


@pytest.fixture
def world():
    return build_world()


def shown(world, text: str) -> set[str]:
    """Which of the world's articles a page links to (by address: search results mark the
    words found inside titles)."""
    return {name for name in TITLES if f"/tin-tuc/{getattr(world, name).slug}/" in text}


def page(client, url, host):
    response = client.get(url, **on(host))
    assert response.status_code == 200, (url, host, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize(("host", "expected"), [(TINH_UY, MAIN_SHOWS), (TINH_DOAN, YOUTH_SHOWS),
                                                ("testserver", MAIN_SHOWS)])
@pytest.mark.parametrize("url", ["/tin-tuc/", "/", "/rss/", "/tim-kiem/?q=t%E1%BB%89nh"])
def test_each_portal_lists_its_own_articles(client, world, host, expected, url):
    text = page(client, url, host)
    if url.startswith("/tim-kiem/"):
        # The search matches "tỉnh" in every title but the Đoàn Khối's: search it by its word.
        text += page(client, "/tim-kiem/?q=%C4%91o%C3%A0n+kh%E1%BB%91i", host)
    assert shown(world, text) == expected


def test_a_board_without_a_portal_shows_on_the_tinh_uy_portal(client, world):
    assert world.board_article.title in page(client, "/tin-tuc/", TINH_UY)
    assert world.board_article.title not in page(client, "/tin-tuc/", TINH_DOAN)
    assert hosts.portal_of_organization(world.board.pk).pk == world.main.pk


def test_the_queryset_marks_its_rows_and_links_them_on_the_portal(world):
    rows = {row.pk: row for row in Article.objects.shown_on(world.youth)}
    assert set(rows) == {world.youth_article.pk, world.branch_article.pk}
    token = hosts.activate(world.youth)
    try:
        assert rows[world.branch_article.pk].get_absolute_url() == (
            f"/tin-tuc/{world.branch_article.slug}/"
        )
    finally:
        hosts.deactivate(token)
    # Outside a request (the main portal): the Tỉnh Đoàn's article is on its own portal.
    assert world.branch_article.get_absolute_url() == (
        f"{settings.PORTAL_URL_SCHEME}://{TINH_DOAN}/tin-tuc/{world.branch_article.slug}/"
    )
    assert world.board_article.get_absolute_url() == f"/tin-tuc/{world.board_article.slug}/"


def test_listing_a_portal_takes_one_query_whatever_the_number_of_portals(world):
    def queries_for_listing():
        hosts.portal_map()  # the map is read once and kept; the list itself is measured
        with CaptureQueriesContext(connection) as captured:
            list(Article.objects.shown_on(world.main).for_listing()[:20])
            list(Article.objects.shown_on(world.youth).for_listing()[:20])
        return len(captured)

    before = queries_for_listing()
    for number in range(5):
        PortalFactory(
            organization=OrganizationFactory(parent=world.tinh_uy, name=f"Huyện ủy {number}"),
            domain=f"huyen{number}.example.vn",
        )
    assert queries_for_listing() == before == 2


def test_an_article_of_another_portal_redirects_to_its_own(client, world):
    response = client.get(f"/tin-tuc/{world.branch_article.slug}/", **on(TINH_UY))
    assert response.status_code == 301
    assert response["Location"] == (
        f"{settings.PORTAL_URL_SCHEME}://{TINH_DOAN}/tin-tuc/{world.branch_article.slug}/"
    )
    back = client.get(f"/tin-tuc/{world.province_article.slug}/", **on(TINH_DOAN))
    assert back.status_code == 301
    assert back["Location"].startswith(f"{settings.PORTAL_URL_SCHEME}://{TINH_UY}/")
    # On its own portal the article is read there, in that portal's frame.
    assert world.branch_article.title in page(
        client, f"/tin-tuc/{world.branch_article.slug}/", TINH_DOAN
    )


def test_a_draft_preview_stays_where_the_editor_opened_it(client, world):
    draft = ArticleFactory(title="Bản nháp của Đoàn Khối", organization=world.branch,
                           category=world.shared, status=Article.Status.DRAFT, published_at=None)
    editor = StaffUserFactory()
    editor.user_permissions.add(*_permissions("change_article", "change_colleagues_article"))
    Membership.objects.create(user=editor, organization=world.tinh_uy)
    client.force_login(editor)

    response = client.get(f"/tin-tuc/{draft.slug}/", **on(TINH_UY))

    assert response.status_code == 200
    assert 'class="preview-banner"' in response.content.decode()


def _permissions(*codenames):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename__in=codenames)


def test_the_reading_lists_beside_an_article_are_the_portals(client, world):
    text = page(client, f"/tin-tuc/{world.province_article.slug}/", TINH_UY)
    assert world.board_article.title in text  # same category, newest
    assert world.branch_article.title not in text  # same category, but the Tỉnh Đoàn's
    assert world.youth_article.title not in text


def test_a_category_of_one_portal_is_not_found_on_another(client, world):
    url = world.youth_only.get_absolute_url()
    assert world.youth_article.title in page(client, url, TINH_DOAN)
    assert client.get(url, **on(TINH_UY)).status_code == 404
    assert client.get(f"/rss/{world.youth_only.slug}/", **on(TINH_UY)).status_code == 404
    # The home page's category blocks and the search's category choices follow.
    assert world.youth_only.name in page(client, "/", TINH_DOAN)
    assert world.youth_only.name not in page(client, "/", TINH_UY)
    assert world.youth_only.name not in page(client, "/tim-kiem/?q=thanh", TINH_UY)
    # A shared category lists on each portal that portal's own articles.
    shared = world.shared.get_absolute_url()
    assert shown(world, page(client, shared, TINH_UY)) == MAIN_SHOWS
    assert shown(world, page(client, shared, TINH_DOAN)) == {"branch_article"}


def test_a_search_for_a_category_of_another_portal_is_a_message_not_an_error(client, world):
    response = client.get(f"/tim-kiem/?q=thanh&category={world.youth_only.pk}", **on(TINH_UY))
    assert response.status_code == 200
    assert "Chuyên mục đã chọn không có." in response.content.decode()


def test_an_organisations_news_page_shows_what_the_portal_shows(client, world):
    url = reverse("organizations:articles", kwargs={"slug": world.branch.slug})
    assert world.branch_article.title in page(client, url, TINH_DOAN)
    assert world.branch_article.title not in page(client, url, TINH_UY)
    detail = reverse("organizations:detail", kwargs={"slug": world.branch.slug})
    assert world.branch_article.title not in page(client, detail, TINH_UY)


def test_a_topic_lists_the_portals_articles_only(client, world):
    topic = Topic.objects.create(title="Mùa đông ấm áp")
    world.branch_article.topics.add(topic)
    world.board_article.topics.add(topic)
    assert shown(world, page(client, topic.get_absolute_url(), TINH_UY)) == {"board_article"}
    assert shown(world, page(client, topic.get_absolute_url(), TINH_DOAN)) == {"branch_article"}


def test_the_directive_library_per_portal(client, world):
    central = OrganizationFactory(name="Ban Chấp hành Trung ương Đoàn", kind="youth_union",
                                  level="central")
    directives = {
        "province": DirectiveFactory(issuer=world.tinh_uy, number="11", symbol="CT/TU",
                                     title="Về công tác dân vận của Tỉnh ủy"),
        "board": DirectiveFactory(issuer=world.board, number="12", symbol="HD/BTGTU",
                                  title="Hướng dẫn tuyên truyền của Ban Tuyên giáo"),
        "youth": DirectiveFactory(issuer=world.branch, number="13", symbol="KH/ĐK",
                                  title="Kế hoạch tình nguyện của Đoàn Khối"),
        "outside": DirectiveFactory(issuer=central, number="14", symbol="CT/TWĐTN",
                                    issued_on=date(2024, 3, 1),
                                    title="Chỉ thị của Trung ương Đoàn"),
    }
    world.branch_article.directives.add(directives["youth"])
    world.board_article.directives.add(directives["youth"])

    def listed(host):
        text = page(client, "/van-ban/", host)
        return {name for name, directive in directives.items() if directive.title in text}

    assert listed(TINH_UY) == {"province", "board", "outside"}
    assert listed(TINH_DOAN) == {"province", "youth", "outside"}
    # A directive's own page opens on every portal, with that portal's articles.
    url = directives["youth"].get_absolute_url()
    assert shown(world, page(client, url, TINH_UY)) == {"board_article"}
    assert shown(world, page(client, url, TINH_DOAN)) == {"branch_article"}


def test_links_in_a_portals_lists_stay_on_it(client, world):
    text = page(client, "/tin-tuc/", TINH_DOAN)
    assert f'href="/tin-tuc/{world.branch_article.slug}/"' in text
    assert TINH_UY not in text.split("<main", 1)[-1].split("</main>", 1)[0]


def test_an_article_of_a_portal_without_a_domain_is_not_found_elsewhere(client, world):
    """Nowhere to send it (the main portal reached by the server's own name): no redirect
    loop, and not shown in the Tỉnh Đoàn portal's frame."""
    world.main.domains.all().delete()
    url = f"/tin-tuc/{world.province_article.slug}/"
    assert client.get(url, **on("testserver")).status_code == 200
    assert client.get(url, **on(TINH_DOAN)).status_code == 404
