"""The newsroom's filters on the article list (news/admin_filters.py), per role, with bad
input: mine, waiting for me, scheduled, organisation with its predecessors, category,
directive, publication dates."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from factories import (
    ArticleFactory,
    CategoryFactory,
    DirectiveFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffUserFactory,
    SuccessionFactory,
)

from accounts.roles import APPROVER, EDITOR, REPORTER
from news.models import Article
from organizations.models import Succession
from portals import hosts

pytestmark = pytest.mark.django_db

LIST = "/admin/news/article/"
Status = Article.Status


def staff(role, organization, **names):
    user = StaffUserFactory(**names)
    user.groups.add(Group.objects.get(name=role))
    MembershipFactory(user=user, organization=organization)
    return user


@pytest.fixture
def newsroom():
    """A province whose two boards merged in 2025, its staff, and a neighbouring province."""
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    old_propaganda = OrganizationFactory(parent=province, name="Ban Tuyên giáo Tỉnh ủy")
    old_mass = OrganizationFactory(parent=province, name="Ban Dân vận Tỉnh ủy")
    merged = OrganizationFactory(parent=province, name="Ban Tuyên giáo và Dân vận Tỉnh ủy")
    for old in (old_propaganda, old_mass):
        SuccessionFactory(predecessor=old, successor=merged, kind=Succession.Kind.MERGED_INTO)
    youth = OrganizationFactory(parent=province, name="Tỉnh Đoàn Bến Tre")
    neighbour = OrganizationFactory(name="Tỉnh ủy Trà Vinh")
    people = {
        "reporter": staff(REPORTER, province, first_name="Lan"),
        "editor": staff(EDITOR, province, first_name="Hùng"),
        "reviewer": staff(APPROVER, province, first_name="Mai"),
        "stranger": staff(APPROVER, neighbour, first_name="Bí", last_name="Mật Danh"),
    }
    return {
        "province": province, "old_propaganda": old_propaganda, "old_mass": old_mass,
        "merged": merged, "youth": youth, "neighbour": neighbour, **people,
    }


def listed(client, **params) -> set[int]:
    response = client.get(LIST, params)
    assert response.status_code == 200, response.status_code
    return {article.pk for article in response.context["cl"].result_list}


def sidebar(client, **params) -> str:
    html = client.get(LIST, params).content.decode()
    return html[html.index('id="changelist-filter"'):]


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_mine_is_what_i_wrote_and_a_reporter_is_not_offered_it(client, newsroom):
    editor, reporter = newsroom["editor"], newsroom["reporter"]
    mine = ArticleFactory(organization=newsroom["youth"], author=editor, status=Status.DRAFT)
    colleague = ArticleFactory(organization=newsroom["youth"], author=reporter,
                               status=Status.DRAFT)

    client.force_login(editor)
    assert listed(client) >= {mine.pk, colleague.pk}
    assert listed(client, cua_toi="viet") == {mine.pk}
    assert "Bài tôi viết" in sidebar(client)
    assert "Chờ tôi duyệt" not in sidebar(client)  # an editor does not publish

    client.force_login(reporter)
    assert "Bài tôi viết" not in sidebar(client)  # everything they see is theirs already
    assert listed(client) == {colleague.pk}


def test_waiting_for_me_is_pending_within_the_reviewers_scope_and_counted(client, newsroom):
    waiting = [
        ArticleFactory(organization=newsroom["youth"], status=Status.PENDING),
        ArticleFactory(organization=newsroom["old_mass"], status=Status.PENDING),
    ]
    ArticleFactory(organization=newsroom["youth"], status=Status.DRAFT)
    elsewhere = ArticleFactory(organization=newsroom["neighbour"], status=Status.PENDING)

    client.force_login(newsroom["reviewer"])
    assert listed(client, cua_toi="cho_duyet") == {article.pk for article in waiting}
    assert "Chờ tôi duyệt (2)" in sidebar(client)

    client.force_login(newsroom["stranger"])
    assert listed(client, cua_toi="cho_duyet") == {elsewhere.pk}
    assert "Chờ tôi duyệt (1)" in sidebar(client)


def test_scheduled_is_still_the_state_filter(client, newsroom):
    scheduled = ArticleFactory(organization=newsroom["youth"],
                               published_at=timezone.now() + timedelta(days=2))
    ArticleFactory(organization=newsroom["youth"])
    client.force_login(newsroom["reviewer"])
    assert listed(client, trang_thai="hen_gio") == {scheduled.pk}


def test_an_organisation_brings_its_predecessors_articles(client, newsroom):
    before_merger = [
        ArticleFactory(organization=newsroom["old_propaganda"], title="Trước sáp nhập 1"),
        ArticleFactory(organization=newsroom["old_mass"], title="Trước sáp nhập 2"),
    ]
    after_merger = ArticleFactory(organization=newsroom["merged"], title="Sau sáp nhập")
    ArticleFactory(organization=newsroom["youth"])
    # A renaming after the merger: the chain goes back two steps.
    renamed = OrganizationFactory(parent=newsroom["province"], name="Ban Tuyên giáo mới")
    SuccessionFactory(predecessor=newsroom["merged"], successor=renamed,
                      kind=Succession.Kind.RENAMED_TO)

    client.force_login(newsroom["reviewer"])
    merged_pk = newsroom["merged"].pk
    expected = {after_merger.pk, *(article.pk for article in before_merger)}
    assert listed(client, don_vi=merged_pk) == expected
    assert listed(client, don_vi=renamed.pk) == expected
    assert listed(client, don_vi=newsroom["old_mass"].pk) == {before_merger[1].pk}
    html = sidebar(client, don_vi=merged_pk)
    note = html[html.index("Gồm cả bài của"):]
    assert note.index("Ban Tuyên giáo Tỉnh ủy") < note.index("(đã sáp nhập")
    assert note.index("Ban Dân vận Tỉnh ủy") < note.index("(đã sáp nhập")
    # The box shows the chosen organisation only; the rest come from the autocomplete.
    assert 'data-field-name="organization"' in html
    assert "Tỉnh Đoàn Bến Tre" not in html


def test_an_organisation_outside_the_scope_is_refused_with_a_message(client, newsroom):
    ours = ArticleFactory(organization=newsroom["youth"])
    client.force_login(newsroom["reviewer"])
    for value in [newsroom["neighbour"].pk, "abc", "-1", "9" * 40, "1 OR 1=1", "%", ""]:
        response = client.get(LIST, {"don_vi": value})
        assert response.status_code == 200, value
        assert ours.pk in {a.pk for a in response.context["cl"].result_list}, value
        if value != "":
            assert any("Đơn vị đã chọn không có" in m for m in messages_of(response)), value
    html = sidebar(client, don_vi=newsroom["neighbour"].pk)
    assert "Tỉnh ủy Trà Vinh" not in html


def test_category_and_directive(client, newsroom):
    category = CategoryFactory(name="Hoạt động Đoàn")
    other_category = CategoryFactory(name="Thời sự")
    directive = DirectiveFactory(title="Về công tác thanh niên")
    in_both = ArticleFactory(organization=newsroom["youth"], category=category)
    in_both.directives.add(directive)
    only_category = ArticleFactory(organization=newsroom["youth"], category=category)
    ArticleFactory(organization=newsroom["youth"], category=other_category)
    DirectiveFactory.create_batch(30, title="Văn bản không liên quan")

    client.force_login(newsroom["reviewer"])
    assert listed(client, chuyen_muc=category.pk) == {in_both.pk, only_category.pk}
    assert listed(client, van_ban=directive.pk) == {in_both.pk}
    assert listed(client, van_ban=directive.pk, chuyen_muc=category.pk) == {in_both.pk}
    html = sidebar(client, van_ban=directive.pk)
    assert 'data-field-name="directives"' in html
    assert str(directive) in html
    assert "Văn bản không liên quan" not in html  # thousands of directives: never a list

    for params in [{"chuyen_muc": "abc"}, {"chuyen_muc": "999999"}, {"van_ban": "x"},
                   {"van_ban": "999999"}]:
        response = client.get(LIST, params)
        assert response.status_code == 200, params
        assert any("chưa được dùng để lọc" in m for m in messages_of(response)), params
        assert len(response.context["cl"].result_list) == 3, params


def _local(year, month, day, hour, minute):
    return timezone.make_aware(datetime(year, month, day, hour, minute))  # noqa: DTZ001


def test_dates_are_whole_local_days_in_dd_mm_yyyy(client, newsroom):
    youth = newsroom["youth"]
    late_on_the_5th = ArticleFactory(organization=youth, published_at=_local(2026, 11, 5, 23, 30))
    early_on_the_6th = ArticleFactory(organization=youth, published_at=_local(2026, 11, 6, 0, 10))
    on_the_1st = ArticleFactory(organization=youth, published_at=_local(2026, 11, 1, 0, 0))
    ArticleFactory(organization=youth, status=Status.DRAFT, published_at=None)

    client.force_login(newsroom["editor"])
    assert listed(client, tu_ngay="01/11/2026", den_ngay="05/11/2026") == {
        late_on_the_5th.pk, on_the_1st.pk,
    }
    assert listed(client, tu_ngay="06/11/2026") == {early_on_the_6th.pk}
    assert listed(client, den_ngay="1/11/2026") == {on_the_1st.pk}
    assert listed(client, tu_ngay="2026-11-06", den_ngay="06.11.2026") == {early_on_the_6th.pk}


@pytest.mark.parametrize(
    "params",
    [
        {"tu_ngay": "32/13/2026"}, {"tu_ngay": "abc"}, {"den_ngay": "31/02/2026"},
        {"tu_ngay": "01/01/0001"}, {"den_ngay": "99999999"}, {"tu_ngay": "😀"},
        {"tu_ngay": "1" * 10_000}, {"tu_ngay": "%"}, {"tu_ngay": "05/11/2026'--"},
    ],
)
def test_a_bad_date_is_explained_and_the_rest_still_applies(client, newsroom, params):
    mine = ArticleFactory(organization=newsroom["youth"], author=newsroom["editor"])
    ArticleFactory(organization=newsroom["youth"])
    client.force_login(newsroom["editor"])

    response = client.get(LIST, {**params, "cua_toi": "viet"})

    assert response.status_code == 200
    assert {a.pk for a in response.context["cl"].result_list} == {mine.pk}
    assert any("dạng ngày/tháng/năm, ví dụ 05/11/2026" in m for m in messages_of(response))
    html = response.content.decode()
    assert 'aria-invalid="true"' in html


def test_an_end_before_the_start_is_explained(client, newsroom):
    article = ArticleFactory(organization=newsroom["youth"], published_at=_local(2026, 11, 5, 9, 0))
    client.force_login(newsroom["editor"])
    response = client.get(LIST, {"tu_ngay": "05/11/2026", "den_ngay": "01/11/2026"})
    assert {a.pk for a in response.context["cl"].result_list} == {article.pk}
    assert any("phải sau hoặc trùng" in m for m in messages_of(response))


def test_a_nul_in_a_filter_is_the_admins_usual_redirect(client, newsroom):
    client.force_login(newsroom["editor"])
    for name in ["tu_ngay", "don_vi", "van_ban", "chuyen_muc", "cua_toi"]:
        response = client.get(LIST, {name: "1\x00"})
        assert response.status_code == 302, name


def test_no_author_of_another_organisation_shows_in_the_filters(client, newsroom):
    ArticleFactory(organization=newsroom["neighbour"], author=newsroom["stranger"])
    client.force_login(newsroom["reviewer"])
    html = sidebar(client)
    assert "Mật Danh" not in html
    assert newsroom["stranger"].username not in html
    assert "Tỉnh ủy Trà Vinh" not in html


@pytest.mark.parametrize("extra", [0, 40])
def test_the_filtered_list_keeps_a_query_budget_whatever_the_number_of_articles(
    client, newsroom, extra
):
    category = CategoryFactory()
    directive = DirectiveFactory()
    for _ in range(extra + 2):
        article = ArticleFactory(organization=newsroom["merged"], category=category,
                                 author=newsroom["reviewer"], status=Status.PENDING,
                                 published_at=_local(2026, 11, 5, 9, 0))
        article.directives.add(directive)
    client.force_login(newsroom["reviewer"])
    params = {
        "cua_toi": "cho_duyet", "trang_thai": "pending", "don_vi": newsroom["merged"].pk,
        "chuyen_muc": category.pk, "van_ban": directive.pk, "tu_ngay": "01/11/2026",
        "den_ngay": "30/11/2026", "q": "tinh doan",
    }
    hosts.portal_map()  # kept in the cache in production
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, params)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == extra + 2
    # Measured 25 on SQLite and PostgreSQL, with 2 or 42 articles (session, user, scope,
    # the filters' own lookups, "Chờ tôi duyệt" counted, the counts, the rows), and one more
    # since the list links "Tin từ cổng khác" for whoever may republish (issue 19): 26;
    # 3 to spare.
    assert len(queries) <= 29, [query["sql"][:120] for query in queries.captured_queries]
