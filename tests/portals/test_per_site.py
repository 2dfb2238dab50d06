"""What is per portal besides the news (issue 19): visitor statistics, sitemaps and
robots.txt, e-mail senders, the 404 and 500 pages and CSRF, with two portals: the main one
at tinhuy.example.vn and the Tỉnh Đoàn's at tinhdoan.example.vn."""

import re
from email.header import decode_header, make_header

import pytest
from django.core import mail
from django.test import Client
from factories import (
    ArticleFactory,
    OrganizationFactory,
    PortalInformationFactory,
    StaffUserFactory,
)

from news import notifications
from news.models import ArticleComment
from portals import hosts
from portals.models import Portal, PortalDomain
from visitors import statistics
from visitors.models import DailyVisit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

MAIN = "tinhuy.example.vn"
YOUTH = "tinhdoan.example.vn"
PHONE = (
    "Mozilla/5.0 (Linux; Android 10; Redmi 9A) AppleWebKit/537.36 Chrome/120 "
    "Mobile Safari/537.36"
)


@pytest.fixture
def portals():
    """The main portal (Tỉnh ủy) and the Tỉnh Đoàn's, each with its domain and information."""
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre", short_name="TU")
    youth = OrganizationFactory(name="Tỉnh Đoàn Bến Tre", short_name="TĐ", parent=province)
    youth_branch = OrganizationFactory(name="Huyện Đoàn Ba Tri", short_name="HĐ", parent=youth)
    main = hosts.main_portal()
    PortalDomain.objects.create(portal=main, domain=MAIN, is_primary=True)
    PortalDomain.objects.create(portal=main, domain=f"www.{MAIN}")
    youth_portal = Portal.objects.create(organization=youth)
    PortalDomain.objects.create(portal=youth_portal, domain=YOUTH, is_primary=True)
    PortalInformationFactory(portal=main, full_name="Cổng Thông tin điện tử Tỉnh ủy Bến Tre",
                             visitors_start_total=1000)
    PortalInformationFactory(portal=youth_portal, full_name="Cổng Thông tin Tỉnh Đoàn Bến Tre",
                             short_name="Tỉnh Đoàn Bến Tre", owner="Tỉnh Đoàn Bến Tre",
                             visitors_start_total=7)
    hosts.forget()
    return {"main": main, "youth": youth_portal, "province": province, "youth_org": youth,
            "youth_branch": youth_branch}


def reader(host, **extra):
    return Client(headers={"host": host, "user-agent": PHONE}, **extra)


def stats_box(response) -> dict[str, str]:
    """The statistics box's figures by label: {"Hôm nay": "4", "Tổng lượt truy cập": ...}."""
    html = response.content.decode()
    box = html[html.index("<!--live:stats-->"):html.index("<!--/live:stats-->")]
    return dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", box))


# Statistics ----------------------------------------------------------------------


def test_visits_are_counted_on_the_portal_that_was_read(portals):
    youth_reader = reader(YOUTH, REMOTE_ADDR="203.0.113.5")
    for _ in range(3):
        assert youth_reader.get("/").status_code == 200
    assert reader(MAIN, REMOTE_ADDR="203.0.113.9").get("/").status_code == 200

    youth = statistics.visit_figures(portals["youth"])
    main = statistics.visit_figures(portals["main"])
    assert (youth.today, youth.online) == (1, 1)
    assert (main.today, main.online) == (1, 1)
    views = dict(statistics.daily_page_views(days=1, portals=[portals["youth"]]))
    assert list(views.values()) == [3]

    assert statistics.flush() == 2
    rows = {row.portal_id: (row.count, row.page_views) for row in DailyVisit.objects.all()}
    assert rows == {portals["youth"].pk: (1, 3), portals["main"].pk: (1, 1)}


def test_one_person_reading_two_portals_is_a_visitor_of_each(portals):
    reader(YOUTH, REMOTE_ADDR="203.0.113.5").get("/")
    reader(MAIN, REMOTE_ADDR="203.0.113.5").get("/")
    assert statistics.visit_figures(portals["youth"]).today == 1
    assert statistics.visit_figures(portals["main"]).today == 1


def test_the_statistics_box_shows_the_portals_own_figures_and_starting_total(portals):
    for n in range(4):
        reader(YOUTH, REMOTE_ADDR=f"203.0.113.{n}").get("/")
    youth_box = stats_box(reader(YOUTH, REMOTE_ADDR="203.0.113.200").get("/"))
    main_box = stats_box(reader(MAIN, REMOTE_ADDR="203.0.113.201").get("/"))
    # The box is drawn before the page's own visit is counted.
    assert youth_box["Hôm nay"] == "4"
    assert youth_box["Tổng lượt truy cập"] == "11"
    assert main_box["Hôm nay"] == "0"
    assert main_box["Tổng lượt truy cập"] == "1.000"


def test_cached_pages_get_the_live_box_of_their_own_portal(portals, page_cache_on):
    reader(YOUTH, REMOTE_ADDR="203.0.113.1").get("/")  # stored in the page cache
    reader(MAIN, REMOTE_ADDR="203.0.113.2").get("/")
    for n in range(3, 6):
        reader(YOUTH, REMOTE_ADDR=f"203.0.113.{n}").get("/")
    from caching import page_cache
    page_cache._stats_boxes.clear()  # the box is redrawn at most every STATS_BOX_SECONDS
    youth = reader(YOUTH, REMOTE_ADDR="203.0.113.50").get("/")
    main = reader(MAIN, REMOTE_ADDR="203.0.113.51").get("/")
    assert youth["X-Page-Cache"] == main["X-Page-Cache"] == "hit"
    assert stats_box(youth)["Hôm nay"] == "4"
    assert stats_box(main)["Hôm nay"] == "1"


def test_rows_counted_before_portals_belong_to_the_main_portal(portals):
    row = DailyVisit.objects.create(date="2026-01-01", count=5, page_views=9)
    assert row.portal_id == portals["main"].pk
    DailyVisit.objects.create(portal=portals["youth"], date="2026-01-01", count=2)
    assert DailyVisit.objects.filter(date="2026-01-01").count() == 2


def test_dashboard_chart_shows_the_portals_the_user_works_on(portals, superuser):
    from factories import MembershipFactory

    from accounts.dashboard import chart_portals

    youth_staff = StaffUserFactory(username="bientap-doan")
    MembershipFactory(user=youth_staff, organization=portals["youth_branch"])
    assert chart_portals(youth_staff) == [portals["youth"]]
    assert chart_portals(superuser) == [portals["main"]]
    both = StaffUserFactory(username="hai-cong")
    MembershipFactory(user=both, organization=portals["province"])
    MembershipFactory(user=both, organization=portals["youth_org"])
    assert chart_portals(both) == [portals["main"], portals["youth"]]


# Sitemaps and robots.txt ------------------------------------------------------------


def locations(response) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def test_each_portals_sitemap_lists_its_own_articles_on_its_own_host(portals):
    youth_article = ArticleFactory(organization=portals["youth_branch"], title="Tuổi trẻ Ba Tri")
    main_article = ArticleFactory(organization=portals["province"], title="Hội nghị Tỉnh ủy")

    index = reader(YOUTH).get("/sitemap.xml", secure=True)
    assert index.status_code == 200
    assert all(loc.startswith(f"https://{YOUTH}/") for loc in locations(index))

    youth = locations(reader(YOUTH).get("/sitemap-articles.xml", secure=True))
    main = locations(reader(MAIN).get("/sitemap-articles.xml", secure=True))
    assert youth == [f"https://{YOUTH}{youth_article.get_absolute_url()}"]
    assert main == [f"https://{MAIN}{main_article.get_absolute_url()}"]

    youth_orgs = locations(reader(YOUTH).get("/sitemap-organizations.xml"))
    assert sorted(youth_orgs) == sorted(
        f"http://{YOUTH}{org.get_absolute_url()}"
        for org in (portals["youth_org"], portals["youth_branch"])
    )
    main_orgs = locations(reader(MAIN).get("/sitemap-organizations.xml"))
    assert main_orgs == [f"http://{MAIN}{portals['province'].get_absolute_url()}"]


def test_robots_txt_names_the_sitemap_on_the_portals_own_domain(portals):
    youth = reader(YOUTH).get("/robots.txt", secure=True)
    main = reader(MAIN).get("/robots.txt", secure=True)
    assert f"Sitemap: https://{YOUTH}/sitemap.xml" in youth.content.decode()
    assert f"Sitemap: https://{MAIN}/sitemap.xml" in main.content.decode()
    alias = reader(f"www.{MAIN}").get("/robots.txt")
    assert alias.status_code == 301
    assert alias["Location"] == f"http://{MAIN}/robots.txt"


# E-mail ------------------------------------------------------------------------------


def test_contact_mail_comes_from_the_portal_it_was_sent_on(portals, settings):
    settings.CONTACT_NOTIFY_EMAILS = ["vanphong@tinhdoan.example.vn"]
    settings.DEFAULT_FROM_EMAIL = "cong@bentre.example.vn"
    response = reader(YOUTH).post("/lien-he/", {
        "name": "Nguyễn Thị Hoa", "email": "hoa@example.vn", "phone": "",
        "subject": "Góp ý về phong trào", "message": "Đề nghị tổ chức thêm hoạt động hè.",
    })
    assert response.status_code == 302
    [sent] = mail.outbox
    assert sent.from_email == "Cổng Thông tin Tỉnh Đoàn Bến Tre <cong@bentre.example.vn>"
    assert "trang Liên hệ của Cổng Thông tin Tỉnh Đoàn Bến Tre" in sent.body
    header = str(make_header(decode_header(sent.message()["From"])))
    assert header == "Cổng Thông tin Tỉnh Đoàn Bến Tre <cong@bentre.example.vn>"


def test_review_mail_names_the_portal_that_owns_the_article_and_links_there(portals, settings):
    settings.DEFAULT_FROM_EMAIL = "Hệ thống <cong@bentre.example.vn>"
    settings.PORTAL_URL_SCHEME = "https"
    article = ArticleFactory(organization=portals["youth_branch"], title="Tuổi trẻ Ba Tri")
    writer = StaffUserFactory(username="phongvien", email="pv@example.vn")
    entry = ArticleComment.objects.create(article=article, author=writer, body="Nhờ duyệt.",
                                          move="submit")
    recipient = StaffUserFactory(username="duyet", email="duyet@example.vn")
    email = notifications.review_email(
        entry=entry, recipient=recipient,
        link=f"http://{MAIN}/admin/news/article/{article.pk}/change/",
        preferences_link="/admin/thong-bao/",
    )
    # The address of DEFAULT_FROM_EMAIL, not its display name.
    assert email.from_email == "Cổng Thông tin Tỉnh Đoàn Bến Tre <cong@bentre.example.vn>"
    assert f"Mở bài viết: https://{YOUTH}/admin/news/article/{article.pk}/change/" in email.body
    assert f"Tắt tại: https://{YOUTH}/admin/thong-bao/" in email.body
    assert "Thư tự động của Cổng Thông tin Tỉnh Đoàn Bến Tre." in email.body


# 404 and 500 ----------------------------------------------------------------------------


def test_404_names_the_portal_it_was_asked_of(portals):
    youth = reader(YOUTH).get("/khong-co-trang-nay/")
    main = reader(MAIN).get("/khong-co-trang-nay/")
    assert youth.status_code == main.status_code == 404
    assert "<title>Không tìm thấy trang — Cổng Thông tin Tỉnh Đoàn Bến Tre</title>" in (
        youth.content.decode())
    assert "Cổng Thông tin điện tử Tỉnh ủy Bến Tre</title>" in main.content.decode()


def test_500_names_the_portal_without_a_query(portals, monkeypatch, django_assert_num_queries):
    from django.template import loader

    from pages import site_views

    def broken():
        raise RuntimeError("lỗi thử")

    monkeypatch.setattr(site_views, "contact_organization", broken)
    response = reader(YOUTH, raise_request_exception=False).get("/lien-he/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Lỗi máy chủ — Cổng Thông tin Tỉnh Đoàn Bến Tre" in html
    assert '<span class="site-short-name" aria-hidden="true">Tỉnh Đoàn Bến Tre</span>' in html
    assert "Hệ thống đang gặp sự cố" in html

    token = hosts.activate(hosts.portal_map().portals[portals["youth"].pk])
    try:
        with django_assert_num_queries(0):
            html = loader.get_template("500.html").render()
    finally:
        hosts.deactivate(token)
    assert "Cổng Thông tin Tỉnh Đoàn Bến Tre" in html
    with django_assert_num_queries(0):  # outside a portal's request: a generic name
        html = loader.get_template("500.html").render()
    assert "<title>Lỗi máy chủ — Cổng thông tin điện tử</title>" in html


# CSRF ----------------------------------------------------------------------------------


CONTACT = {
    "name": "Nguyễn Thị Hoa", "email": "hoa@example.vn", "phone": "",
    "subject": "Góp ý", "message": "Đề nghị tổ chức thêm hoạt động hè cho thiếu nhi.",
}


def post_with_token(host, origin, settings):
    """A reader's form on `host` over https (behind the proxy), sent with its token."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    browser = Client(enforce_csrf_checks=True, headers={
        "host": host, "user-agent": PHONE, "x-forwarded-proto": "https",
    })
    form = browser.get("/lien-he/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())[1]
    headers = {"origin": origin} if origin else {"referer": f"https://{host}/lien-he/"}
    return browser.post("/lien-he/", {**CONTACT, "csrfmiddlewaretoken": token},
                        headers=headers)


@pytest.mark.parametrize("host", [MAIN, YOUTH])
def test_same_origin_posts_work_on_every_portal_domain(portals, settings, host):
    assert post_with_token(host, f"https://{host}", settings).status_code == 302
    assert post_with_token(host, None, settings).status_code == 302  # Referer only


def test_a_post_from_another_portals_origin_is_refused(portals, settings):
    response = post_with_token(YOUTH, f"https://{MAIN}", settings)
    assert response.status_code == 403
    assert not mail.outbox


def test_admin_login_on_a_portal_domain_passes_the_csrf_check(portals, settings, superuser):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    browser = Client(enforce_csrf_checks=True, headers={
        "host": YOUTH, "x-forwarded-proto": "https", "user-agent": PHONE,
    })
    page = browser.get("/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = browser.post("/admin/login/", {
        "username": superuser.username, "password": "wrong-password",
        "csrfmiddlewaretoken": token,
    }, headers={"origin": f"https://{YOUTH}"})
    assert response.status_code == 200  # the form again with its error, not a 403
    assert "errornote" in response.content.decode()


def test_a_post_to_an_alias_is_redirected_before_any_csrf_check(portals):
    response = Client(enforce_csrf_checks=True, headers={"host": f"www.{MAIN}"}).post(
        "/lien-he/", CONTACT)
    assert response.status_code == 301
    assert response["Location"] == f"http://{MAIN}/lien-he/"
