"""The admin page "Tin từ cổng khác" (news/admin_republish_sources.py): a reviewer of the Tỉnh
ủy finds and republishes the published articles of a Tỉnh Đoàn portal whose organisation is
not under the Tỉnh ủy in the tree (it sits under the Trung ương Đoàn), although neither the
article list nor the change page shows them that article. Drafts, trashed articles and the
Tỉnh ủy's own articles are not listed; tampered posts change nothing; no right, no page."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from factories import (
    ArticleFactory,
    OrganizationFactory,
    PortalFactory,
    SuperUserFactory,
    member,
)

from accounts.roles import APPROVER, REPORTER
from news.models import Article, Republication
from portals.models import Portal, PortalDomain

pytestmark = pytest.mark.django_db

TINH_UY = "tinhuy.example.vn"
TINH_DOAN = "tinhdoan.example.vn"
PAGE = "/admin/news/article/tin-tu-cong-khac/"


@pytest.fixture
def world():
    tinh_uy = OrganizationFactory(name="Tỉnh ủy Bến Tre", short_name="TU",
                                  kind="party_committee")
    main, _ = Portal.objects.get_or_create(is_main=True)
    main.organization = tinh_uy
    main.save()
    PortalDomain.objects.create(portal=main, domain=TINH_UY, is_primary=True)
    central = OrganizationFactory(name="Trung ương Đoàn", short_name="TWĐ", kind="youth_union")
    tinh_doan = OrganizationFactory(name="Tỉnh Đoàn Bến Tre", short_name="TĐ",
                                    kind="youth_union", parent=central)
    youth = PortalFactory(organization=tinh_doan, domain=TINH_DOAN)
    world = type("World", (), {})()
    world.main, world.youth, world.tinh_uy, world.tinh_doan = main, youth, tinh_uy, tinh_doan
    world.youth_article = ArticleFactory(
        title="Tỉnh Đoàn ra quân chiến dịch tình nguyện mùa đông", organization=tinh_doan,
    )
    world.youth_draft = ArticleFactory(
        title="Bản nháp của Tỉnh Đoàn về đại hội", organization=tinh_doan,
        status=Article.Status.DRAFT, published_at=None,
    )
    world.province_article = ArticleFactory(
        title="Tỉnh ủy họp phiên thường kỳ tháng mười hai", organization=tinh_uy,
    )
    world.approver = member(APPROVER, tinh_uy, username="duyet-tinhuy")
    world.reporter = member(REPORTER, tinh_uy, username="phongvien-tinhuy")
    return world


def page_text(client, query="") -> str:
    response = client.get(PAGE + query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_reviewer_does_not_reach_the_article_through_the_article_list(client, world):
    """Why the page exists: the article list is scoped to the reviewer's organisations."""
    client.force_login(world.approver)
    listed = client.get(reverse("admin:news_article_changelist")).content.decode()
    assert world.province_article.title in listed
    assert world.youth_article.title not in listed
    assert PAGE in listed  # the link above the list


def test_the_page_lists_other_portals_published_articles_only(client, world):
    trashed = ArticleFactory(title="Bài Tỉnh Đoàn đã xóa", organization=world.tinh_doan,
                             trashed_at=timezone.now())
    client.force_login(world.approver)
    text = page_text(client)
    assert world.youth_article.title in text
    address = f"{settings.PORTAL_URL_SCHEME}://{TINH_DOAN}/tin-tuc/{world.youth_article.slug}/"
    assert f'href="{address}" target="_blank"' in text
    assert str(world.youth) in text
    local = timezone.localtime(world.youth_article.published_at)
    assert local.strftime("%d/%m/%Y %H:%M") in text
    for hidden in (world.youth_draft, world.province_article, trashed):
        assert hidden.title not in text


def test_republishing_from_the_page_shows_the_article_on_the_tinh_uy_portal(client, world):
    article = world.youth_article
    assert article.title not in client.get("/tin-tuc/", headers={"host": TINH_UY}).content.decode()
    client.force_login(world.approver)

    response = client.post(PAGE + "?q=tinh+nguyen", {
        "article": article.pk, "portal": world.main.pk,
    })

    assert response.status_code == 302
    assert response.url == PAGE + "?q=tinh+nguyen"
    assert Republication.objects.filter(article=article, portal=world.main).exists()
    followed = client.get(response.url).content.decode()
    assert f"Đã đăng lại bài “{article.title}” trên {world.main}." in followed
    assert "Đã đăng lại trên mọi cổng của bạn" in followed
    news = client.get("/tin-tuc/", headers={"host": TINH_UY}).content.decode()
    assert f"/tin-tuc/{article.slug}/" in news


def test_a_reporter_without_the_right_to_publish_gets_403(client, world):
    client.force_login(world.reporter)
    response = client.get(PAGE)
    assert response.status_code == 403
    assert client.post(PAGE, {"article": world.youth_article.pk,
                              "portal": world.main.pk}).status_code == 403
    assert not Republication.objects.exists()
    assert PAGE not in client.get(reverse("admin:news_article_changelist")).content.decode()


@pytest.mark.parametrize(("tamper", "message"), [
    ("draft", "Chỉ đăng lại được bài đã đăng."),
    ("trashed", "Chỉ đăng lại được bài đã đăng."),
    ("other_portal", "Hãy chọn một cổng mà bạn được đăng bài."),
    ("own_article", "Bài này là bài của chính cổng đó"),
    ("no_article", "Không có bài viết này"),
    ("garbage", "Không có bài viết này"),
    ("garbage_portal", "Hãy chọn một cổng mà bạn được đăng bài."),
])
def test_tampered_posts_are_refused_in_vietnamese_and_change_nothing(
    client, world, tamper, message
):
    article, portal = world.youth_article.pk, world.main.pk
    if tamper == "draft":
        article = world.youth_draft.pk
    elif tamper == "trashed":
        article = ArticleFactory(organization=world.tinh_doan, trashed_at=timezone.now()).pk
    elif tamper == "other_portal":
        portal = world.youth.pk
    elif tamper == "own_article":
        article = world.province_article.pk
    elif tamper == "no_article":
        article = 987654
    elif tamper == "garbage":
        article = "1; drop table\x00 ⚑" + "9" * 40
    elif tamper == "garbage_portal":
        portal = "abc\x00"
    client.force_login(world.approver)

    response = client.post(PAGE, {"article": article, "portal": portal}, follow=True)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Republication.objects.exists()


def test_the_search_ignores_diacritics_and_the_filter_keeps_one_portal(client, world):
    other = ArticleFactory(title="Hội thi rung chuông vàng", organization=world.tinh_doan)
    client.force_login(world.approver)
    found = page_text(client, "?q=TINH+NGUYEN")
    assert world.youth_article.title in found
    assert other.title not in found
    assert world.youth_article.title in page_text(client, f"?cong={world.youth.pk}")
    assert world.youth_article.title in page_text(client, "?cong=abc")  # ignored
    assert "Không có bài nào khớp" in page_text(client, "?q=khong+co+bai+nay")


def test_pages_of_twenty_newest_first_and_a_page_past_the_last_is_the_last(client, world):
    now = timezone.now()
    for number in range(25):
        ArticleFactory(title=f"Bản tin Đoàn số {number:02d}", organization=world.tinh_doan,
                       published_at=now - timedelta(minutes=10 + number))
    client.force_login(world.approver)
    first = page_text(client, "?q=ban+tin")
    assert first.index("Bản tin Đoàn số 00") < first.index("Bản tin Đoàn số 19")
    assert "Bản tin Đoàn số 20" not in first
    assert "Trang 1/2 (25 bài)" in first
    assert "q=ban+tin&amp;p=2" in first
    for past in ("?q=ban+tin&p=99", "?q=ban+tin&p=2"):
        last = page_text(client, past)
        assert "Trang 2/2 (25 bài)" in last
        assert "Bản tin Đoàn số 24" in last
        assert "Bản tin Đoàn số 19" not in last
    assert "Trang 1/2" in page_text(client, "?q=ban+tin&p=abc")


def test_a_superuser_who_may_republish_everywhere_is_told_where_the_articles_are(client, world):
    client.force_login(SuperUserFactory())
    text = page_text(client)
    assert "Bạn đăng lại được trên mọi cổng" in text
    assert world.youth_article.title not in text
