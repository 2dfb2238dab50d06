"""What a trial of the admin found for administrators and new accounts, each fixed and held
here: the administrator's dashboard, the admin's 403 page, dissolved organisations among
the choices for a new account, the password page's errors, one word for "user"."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User
from django.contrib.staticfiles import finders
from django.utils import timezone, translation
from factories import (
    ArticleFactory,
    OrganizationFactory,
    SuccessionFactory,
    SuperUserFactory,
    member,
)

from accounts.admin_denied import permission_denied
from accounts.roles import REPORTER, SITE_ADMIN
from news.models import Article

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


# 4. The administrator's dashboard and the admin's 403 page ---------------------------------


def test_an_administrators_new_box_lists_their_organisations_published_articles(client):
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    board = OrganizationFactory(name="Ban Tuyên giáo", short_name="BTG", parent=province)
    other = OrganizationFactory(name="Tỉnh ủy Trà Vinh")
    mine = ArticleFactory(title="Hội nghị báo cáo viên quý IV", organization=board)
    ArticleFactory(title="Tin của tỉnh khác", organization=other)
    ArticleFactory(title="Bài nháp của ban", organization=board,
                   status=Article.Status.DRAFT, published_at=None)
    ArticleFactory(title="Bài hẹn giờ của ban", organization=board,
                   published_at=timezone.now() + timedelta(days=1))
    client.force_login(member(SITE_ADMIN, province))

    text = html(client.get("/admin/"))

    box = text[text.index("<h2>Mới đăng</h2>"):]
    box = box[:box.index("</div>")]
    assert f'<a href="{mine.get_absolute_url()}">Hội nghị báo cáo viên quý IV</a>' in box
    assert "Tin của tỉnh khác" not in box
    assert "Bài nháp của ban" not in box
    assert "Bài hẹn giờ của ban" not in box
    assert "/admin/news/article/" not in box  # they may not open articles in the admin


def test_a_writers_new_box_still_links_to_the_admin(client):
    board = OrganizationFactory()
    article = ArticleFactory(title="Bài đã đăng của ban", organization=board)
    writer = member(REPORTER, board)
    article.author = writer
    article.save()
    client.force_login(writer)

    text = html(client.get("/admin/"))

    assert f'href="/admin/news/article/{article.pk}/change/">Bài đã đăng của ban' in text


def test_a_refusal_inside_the_admin_is_an_admin_page_with_a_way_back(client):
    client.force_login(member(SITE_ADMIN, OrganizationFactory()))

    response = client.get("/admin/news/article/")

    assert response.status_code == 403
    text = html(response)
    assert 'id="site-name"' in text  # the admin's header, not the portal's
    assert "Không có quyền truy cập" in text
    assert 'href="/admin/">Về bảng điều khiển</a>' in text
    assert 'class="site-header"' not in text


def test_a_refusal_outside_the_admin_keeps_the_portals_page(client, rf):
    request = rf.get("/lien-he/")
    request.user = AnonymousUser()
    response = permission_denied(request)

    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()
    assert 'id="site-name"' not in response.content.decode()


# 6. Organisations that no longer work are not given to new accounts ------------------------


def test_a_new_account_is_offered_only_organisations_that_work(client):
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    working = OrganizationFactory(name="Ban Tuyên giáo", parent=province)
    ended = OrganizationFactory(name="Ban Dân vận cũ", parent=province,
                                active_until=date(2025, 2, 28))
    merged = OrganizationFactory(name="Đảng ủy Khối cũ", parent=province)
    SuccessionFactory(predecessor=merged, successor=working, effective_on=date(2025, 3, 1))
    ending_later = OrganizationFactory(name="Ban sắp giải thể", parent=province,
                                       active_until=timezone.localdate() + timedelta(days=30))
    administrator = member(SITE_ADMIN, province)
    client.force_login(administrator)

    page = client.get("/admin/auth/user/add/")

    offered = set(page.context["adminform"].form.fields["organizations"].queryset)
    assert offered == {province, working, ending_later}
    text = html(page)
    assert "Ban Dân vận cũ" not in text
    assert "Đảng ủy Khối cũ" not in text

    # Nor by a POST naming one.
    response = client.post("/admin/auth/user/add/", {
        "full_name": "Trần Văn Minh", "email": "minh@example.vn", "username": "",
        "roles": [Group.objects.get(name=REPORTER).pk], "invite": "on",
        "organizations": [ended.pk],
    })
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["organizations"]
    assert not User.objects.filter(email="minh@example.vn").exists()


def test_an_existing_membership_of_an_ended_organisation_says_until_when(client):
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    ended = OrganizationFactory(name="Ban Dân vận cũ", short_name="BDV cũ", parent=province,
                                active_until=date(2025, 2, 28))
    reporter = member(REPORTER, ended, username="phongviencu")
    client.force_login(member(SITE_ADMIN, province))

    text = html(client.get("/admin/auth/user/", {"q": "phongviencu"}))

    assert "BDV cũ (đến 28/02/2025)" in text
    assert reporter.username in text


# 8. The invitation's password page: its errors as one list at the field --------------------


def invitation_page(client, mailoutbox):
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    client.force_login(member(SITE_ADMIN, province))
    client.post("/admin/auth/user/add/", {
        "full_name": "Trần Văn Minh", "email": "minh@example.vn", "username": "minhtv",
        "roles": [Group.objects.get(name=REPORTER).pk], "invite": "on",
        "organizations": [province.pk],
    })
    client.logout()
    link = re.search(r"http://testserver(/admin/moi/\S+/)", mailoutbox[-1].body)[1]
    form = client.get(link, follow=True)
    return form.redirect_chain[-1][0]


def test_a_weak_password_is_refused_with_one_list_at_the_password_box(client, mailoutbox):
    page = invitation_page(client, mailoutbox)

    response = client.post(page, {"new_password1": "1234", "new_password2": "1234"})

    assert response.status_code == 200
    text = html(response)
    assert text.count('class="errorlist') == 1
    box = text[text.index('class="form-row field-password1"'):
               text.index('class="form-row field-password2"')]
    errors = box[box.index('<ul class="errorlist'):box.index("</ul>")]
    assert errors.count("<li>") == 3  # too short, only digits, too easy to guess
    assert "Mật khẩu chưa đạt:" in box
    assert box.index("errorlist") < box.index('id="id_new_password1"')
    field = box[box.index('<input type="password"'):]
    assert "id_new_password1_error" in field[:field.index(">")]
    # Two rules that find it too common say so once.
    assert "Mật khẩu này quá dễ đoán" in errors
    assert "Mật khẩu này quá phổ biến, dễ bị đoán ra." not in errors
    assert not User.objects.get(username="minhtv").has_usable_password()


def test_two_different_passwords_are_said_at_the_second_box(client, mailoutbox):
    page = invitation_page(client, mailoutbox)

    response = client.post(page, {"new_password1": "Song-Hau-mua-nuoc-noi-2026",
                                  "new_password2": "Song-Hau-mua-nuoc-noi-2027"})

    text = html(response)
    box = text[text.index('class="form-row field-password2"'):]
    assert "Hai trường mật khẩu không giống nhau." in box
    assert text.count('class="errorlist') == 1


# 9. "Người dùng", never "người sử dụng" -----------------------------------------------------


def test_the_admin_says_nguoi_dung_for_users_everywhere(client):
    superuser = SuperUserFactory()
    other = member(REPORTER, OrganizationFactory())
    client.force_login(superuser)
    group = Group.objects.get(name=REPORTER)
    pages = [
        "/admin/", "/admin/auth/user/", f"/admin/auth/user/{other.pk}/change/",
        f"/admin/auth/user/{other.pk}/password/", "/admin/auth/user/add/",
        f"/admin/auth/user/{other.pk}/delete/", f"/admin/auth/user/{other.pk}/history/",
        "/admin/auth/group/", f"/admin/auth/group/{group.pk}/change/",
    ]
    for page in pages:
        text = html(client.get(page))
        assert "người sử dụng" not in text.lower(), page
    assert "Người dùng" in html(client.get("/admin/auth/user/"))
    assert "Hãy nhập mật khẩu mới cho người dùng <strong>" in html(
        client.get(f"/admin/auth/user/{other.pk}/password/")
    )


def test_the_user_models_names_stay_english_for_the_migrations():
    with translation.override(None):
        assert str(User._meta.verbose_name) == "user"
        assert str(User._meta.verbose_name_plural) == "users"
    with translation.override("vi"):
        assert str(User._meta.verbose_name) == "người dùng"


# 12. The admin's icon, and /favicon.ico ------------------------------------------------------


def test_admin_pages_name_the_portals_icon_and_favicon_ico_leads_to_it(client):
    signed_in = ("/admin/", "/admin/news/article/")
    for page in (*signed_in, "/admin/login/"):
        if page in signed_in:
            client.force_login(member(REPORTER, OrganizationFactory()))
        else:
            client.logout()
        text = html(client.get(page))
        assert '<link rel="icon" href="/static/img/emblem.svg" type="image/svg+xml">' in text

    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/img/icons/favicon.ico"
    assert finders.find("img/icons/favicon.ico")
    assert finders.find("img/emblem.svg")
    assert client.post("/favicon.ico").status_code == 405
