"""The editorial workflow in the admin, role by role: what each sees, may choose, may do,
and what a tampered request is refused; history and restore; scheduled publishing;
concurrent edits; previews; the editors' dashboard."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from admin_forms import browser_data
from django.utils import timezone
from factories import ArticleFactory, CategoryFactory, OrganizationFactory, member

from accounts.roles import APPROVER, EDITOR, REPORTER
from audit.models import AuditEvent
from news.models import Article
from news.services import article_change_status
from organizations.models import Organization

pytestmark = pytest.mark.django_db

Status = Article.Status
CHANGE = "/admin/news/article/{}/change/"
ADD = "/admin/news/article/add/"
LIST = "/admin/news/article/"


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def world():
    """Tỉnh ủy with a board under it, and an unrelated organisation; people in each role."""
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    board = Organization.objects.add_child(province, instance=Organization(name="Ban Tuyên giáo"))
    other = OrganizationFactory(name="Tỉnh ủy Trà Vinh")
    category = CategoryFactory(name="Tin tức")
    people = {
        "reporter": member(REPORTER, board, username="phongvien"),
        "reporter2": member(REPORTER, board, username="phongvien2"),
        "editor": member(EDITOR, province, username="bientap"),
        "approver": member(APPROVER, province, username="duyetbai"),
        "outsider": member(APPROVER, other, username="nguoingoai"),
    }

    def article(title, organization=board, author="reporter", **kwargs):
        kwargs.setdefault("status", Status.DRAFT)
        if kwargs["status"] in (Status.DRAFT, Status.PENDING):
            kwargs.setdefault("published_at", None)
        return ArticleFactory(title=title, organization=organization, category=category,
                              author=people[author], **kwargs)

    return {"province": province, "board": board, "other": other, "category": category,
            "people": people, "article": article}


def as_user(client, user):
    client.force_login(user)
    return client


# What each role sees and may choose -------------------------------------------------------


def test_each_role_sees_only_the_articles_it_may_work_on(client, world):
    article, people = world["article"], world["people"]
    own = article("Bài của phóng viên")
    colleague = article("Bài của đồng nghiệp", author="reporter2")
    province_news = article("Tin Tỉnh ủy", organization=world["province"], author="editor")
    foreign = article("Tin tỉnh khác", organization=world["other"], author="outsider")

    def listed(user):
        response = as_user(client, people[user]).get(LIST)
        assert response.status_code == 200
        return {a.title for a in response.context["cl"].result_list}

    assert listed("reporter") == {own.title}
    assert listed("editor") == {own.title, colleague.title, province_news.title}
    assert listed("approver") == {own.title, colleague.title, province_news.title}
    assert listed("outsider") == {foreign.title}


def test_organisation_choices_are_the_users_organisations_and_those_under_them(client, world):
    people = world["people"]

    def choices(user):
        form = as_user(client, people[user]).get(ADD).context["adminform"].form
        return set(form.fields["organization"].queryset.values_list("name", flat=True))

    assert choices("reporter") == {"Ban Tuyên giáo"}
    assert choices("editor") == {"Tỉnh ủy Bến Tre", "Ban Tuyên giáo"}
    assert choices("outsider") == {"Tỉnh ủy Trà Vinh"}


def test_the_moves_offered_on_a_new_article_depend_on_the_role(client, world):
    people = world["people"]

    def moves(user):
        page = as_user(client, people[user]).get(ADD)
        assert "status" not in page.context["adminform"].form.fields  # the buttons move
        return [offered.value for offered in page.context["review"]["saving_moves"]]

    assert moves("reporter") == ["submit"]
    assert moves("editor") == ["submit"]
    assert moves("approver") == ["submit", "publish", "schedule"]


# Tampered requests ------------------------------------------------------------------------


def test_a_reporter_cannot_write_for_another_organisation(client, world):
    reporter = world["people"]["reporter"]
    page = as_user(client, reporter).get(ADD)

    response = client.post(ADD, browser_data(
        page, title="Bài cài vào tỉnh khác", body="<p>…</p>", status=Status.DRAFT,
        organization=world["other"].pk, category=world["category"].pk,
    ))

    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in html(response)
    assert not Article.objects.filter(title="Bài cài vào tỉnh khác").exists()


def test_a_reporter_writes_a_draft_and_submits_it(client, world):
    reporter = world["people"]["reporter"]
    page = as_user(client, reporter).get(ADD)

    response = client.post(ADD, browser_data(
        page, title="Tuổi trẻ Bến Tre ra quân", body="<p>Nội dung</p>", move="submit",
        organization=world["board"].pk, category=world["category"].pk,
    ))

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(title="Tuổi trẻ Bến Tre ra quân")
    assert article.status == Status.PENDING
    assert article.author == reporter


@pytest.mark.parametrize("user", ["reporter", "editor"])
def test_only_approvers_publish_even_with_a_tampered_form(client, world, user):
    draft = world["article"]("Bản nháp cần duyệt")
    page = as_user(client, world["people"][user]).get(CHANGE.format(draft.pk))

    response = client.post(CHANGE.format(draft.pk), browser_data(page, move="publish"))

    assert response.status_code == 200
    assert "Bạn không thể thực hiện thao tác này" in html(response)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not AuditEvent.objects.filter(action="publish").exists()


@pytest.mark.parametrize("user", ["reporter", "editor"])
def test_only_approvers_publish_even_with_a_tampered_action(client, world, user):
    draft = world["article"]("Bản nháp cần duyệt")
    as_user(client, world["people"][user])

    client.post(LIST, {"action": "publish_selected", "_selected_action": [draft.pk]})

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_editor_cannot_reach_another_organisations_article(client, world):
    foreign = world["article"]("Tin tỉnh khác", organization=world["other"], author="outsider")
    editor = world["people"]["editor"]
    as_user(client, editor)

    get = client.get(CHANGE.format(foreign.pk))
    post = client.post(CHANGE.format(foreign.pk), {"title": "Sửa trộm", "status": Status.DRAFT})

    assert get.status_code == 302
    assert post.status_code == 302
    foreign.refresh_from_db()
    assert foreign.title == "Tin tỉnh khác"


def test_moving_an_article_to_another_organisation_is_refused(client, world):
    article = world["article"]("Tin của ban", author="editor")
    page = as_user(client, world["people"]["editor"]).get(CHANGE.format(article.pk))

    response = client.post(
        CHANGE.format(article.pk), browser_data(page, organization=world["other"].pk)
    )

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.organization == world["board"]


def test_a_reporter_cannot_change_a_colleagues_or_a_submitted_article(client, world):
    colleague = world["article"]("Bài đồng nghiệp", author="reporter2")
    submitted = world["article"]("Bài đã gửi duyệt", status=Status.PENDING)
    as_user(client, world["people"]["reporter"])

    assert client.get(CHANGE.format(colleague.pk)).status_code == 302
    view_only = client.get(CHANGE.format(submitted.pk))
    assert view_only.status_code == 200
    assert not view_only.context["has_change_permission"]
    refused = client.post(CHANGE.format(submitted.pk), {"title": "Đổi", "status": Status.DRAFT})
    assert refused.status_code == 403
    submitted.refresh_from_db()
    assert submitted.title == "Bài đã gửi duyệt"


def test_an_editor_cannot_change_a_published_article(client, world):
    published = world["article"]("Tin đã đăng", status=Status.PUBLISHED,
                                 published_at=timezone.now() - timedelta(hours=1))
    as_user(client, world["people"]["editor"])

    response = client.post(CHANGE.format(published.pk), {"title": "Sửa tin đã đăng"})

    assert response.status_code == 403
    published.refresh_from_db()
    assert published.title == "Tin đã đăng"


# Publishing, unpublishing, deleting -------------------------------------------------------


def test_an_approver_publishes_unpublishes_and_deletes_and_each_is_audited(client, world):
    draft = world["article"]("Tin chờ đăng", status=Status.PENDING)
    approver = world["people"]["approver"]
    page = as_user(client, approver).get(CHANGE.format(draft.pk))

    published = client.post(CHANGE.format(draft.pk), browser_data(page, move="publish"))
    assert published.status_code == 302, published.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.is_public
    assert client.get(draft.get_absolute_url()).status_code == 200

    client.post(LIST, {"action": "unpublish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED  # the list asks first
    client.post(LIST, {
        "action": "unpublish_selected", "_selected_action": [draft.pk], "post": "yes",
    })
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT

    client.post(f"/admin/news/article/{draft.pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(pk=draft.pk).exists()  # in the trash

    actions = list(
        AuditEvent.objects.filter(object_type="news.Article").values_list("action", "actor_name")
    )
    assert actions == [("trash", "duyetbai"), ("unpublish", "duyetbai"), ("publish", "duyetbai")]


def test_only_approvers_may_delete(client, world):
    draft = world["article"]("Bản nháp của tôi")
    as_user(client, world["people"]["reporter"])

    deleted = client.post(f"/admin/news/article/{draft.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403
    assert Article.objects.filter(pk=draft.pk).exists()


def test_scheduled_article_appears_by_itself_exactly_at_its_time(client, world):
    due = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 08:00 in Vietnam
    with time_machine.travel(due - timedelta(days=1), tick=False):
        article = world["article"]("Tin hẹn giờ", organization=world["province"])
        page = as_user(client, world["people"]["approver"]).get(CHANGE.format(article.pk))
        response = client.post(CHANGE.format(article.pk), browser_data(
            page, move="schedule", move_publish_at_0="01/12/2026", move_publish_at_1="08:00:00",
        ))
        assert response.status_code == 302, response.context["adminform"].form.errors
        client.logout()
    event = AuditEvent.objects.get(action="publish")
    assert "hẹn đăng lúc 01/12/2026 08:00" in event.detail

    with time_machine.travel(due - timedelta(seconds=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 404
        assert "Tin hẹn giờ" not in html(client.get("/tin-tuc/"))
    with time_machine.travel(due, tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Tin hẹn giờ" in html(client.get("/tin-tuc/"))


# History and restore ----------------------------------------------------------------------


def test_every_save_keeps_a_revision_that_can_be_restored(client, world):
    article = world["article"]("Tiêu đề đầu tiên", author="editor")
    as_user(client, world["people"]["editor"])
    for title in ("Tiêu đề thứ hai", "Tiêu đề thứ ba"):
        page = client.get(CHANGE.format(article.pk))
        saved = client.post(CHANGE.format(article.pk), browser_data(page, title=title))
        assert saved.status_code == 302

    history = client.get(f"/admin/news/article/{article.pk}/history/")
    assert history.status_code == 200
    assert "Thư Minh" in html(history)  # full names (họ then tên), not user names
    assert "Tiêu đề" in html(history)  # the changed field, by its Vietnamese name
    revisions = list(article.history.order_by("history_date"))
    assert [r.title for r in revisions] == ["Tiêu đề đầu tiên", "Tiêu đề thứ hai", "Tiêu đề thứ ba"]
    changed = revisions[-1].diff_against(revisions[-2]).changed_fields
    assert changed == ["title"]

    first = revisions[0]
    restore_url = f"/admin/news/article/{article.pk}/history/{first.history_id}/"
    form = client.get(restore_url)
    restored = client.post(restore_url, browser_data(form))

    assert restored.status_code == 302, restored.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.title == "Tiêu đề đầu tiên"
    assert article.history.count() == 4
    assert AuditEvent.objects.filter(action="restore", object_id=str(article.pk)).exists()


def test_history_of_another_organisations_article_is_refused(client, world):
    foreign = world["article"]("Tin tỉnh khác", organization=world["other"], author="outsider")
    revision = foreign.history.first()
    as_user(client, world["people"]["editor"])

    assert client.get(f"/admin/news/article/{foreign.pk}/history/").status_code in (302, 403, 404)
    assert client.get(
        f"/admin/news/article/{foreign.pk}/history/{revision.history_id}/"
    ).status_code in (302, 403, 404)


# With real commits, as in production: a test transaction would hide a lock taken outside one.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "status", [Status.PUBLISHED, Status.ARCHIVED, Status.DRAFT, Status.PENDING]
)
def test_restoring_a_version_works_in_every_state_and_keeps_the_state(client, world, status):
    """Once published, the address is locked (and not on the form): restoring must not crash
    on it, nor bring back an older state, address or publication time."""
    article = world["article"]("Tiêu đề cũ", author="approver", status=Status.DRAFT)
    approver = world["people"]["approver"]
    as_user(client, approver)
    page = client.get(CHANGE.format(article.pk))
    moves = {Status.PUBLISHED: ["publish"], Status.ARCHIVED: ["publish", "archive"],
             Status.DRAFT: [], Status.PENDING: ["submit"]}[status]
    assert client.post(CHANGE.format(article.pk), browser_data(
        page, title="Tiêu đề mới", move=moves[0] if moves else "",
    )).status_code == 302
    for move in moves[1:]:
        client.post(f"/admin/news/article/{article.pk}/chuyen/", {"move": move})
    article.refresh_from_db()
    assert article.status == status
    slug, published_at = article.slug, article.published_at
    first = article.history.order_by("history_date").first()
    restore_url = f"/admin/news/article/{article.pk}/history/{first.history_id}/"

    form = client.get(restore_url)
    assert form.status_code == 200
    assert "Khôi phục phiên bản" in html(form)
    restored = client.post(restore_url, browser_data(form))

    assert restored.status_code == 302, (
        restored.context and restored.context["adminform"].form.errors
    )
    article.refresh_from_db()
    assert (article.title, article.status, article.slug, article.published_at) == (
        "Tiêu đề cũ", status, slug, published_at)
    event = AuditEvent.objects.get(action="restore", object_id=str(article.pk))
    when = timezone.localtime(first.history_date).strftime("%d/%m/%Y %H:%M")
    assert event.detail == f"Khôi phục nội dung phiên bản {when}"
    assert "None" not in event.detail


def test_a_reporter_cannot_change_a_submitted_article_through_the_restore_form(client, world):
    article = world["article"]("Bài đã gửi duyệt", author="reporter", status=Status.DRAFT)
    reporter = world["people"]["reporter"]
    as_user(client, reporter)
    page = client.get(CHANGE.format(article.pk))
    assert client.post(CHANGE.format(article.pk), browser_data(
        page, title="Bài đã gửi duyệt (bản cuối)", move="submit",
    )).status_code == 302
    first = article.history.order_by("history_date").first()
    restore_url = f"/admin/news/article/{article.pk}/history/{first.history_id}/"

    form = client.get(restore_url)  # a clear refusal, with the way to compare instead
    refused = client.post(
        restore_url, {"title": "Sửa lén sau khi gửi duyệt", "status": Status.PENDING}
    )

    assert form.status_code == 403
    assert "không khôi phục được" in html(form)
    assert refused.status_code == 403
    article.refresh_from_db()
    assert (article.title, article.status) == ("Bài đã gửi duyệt (bản cuối)", Status.PENDING)


def test_a_version_of_another_article_cannot_be_restored_onto_this_one(client, world):
    mine = world["article"]("Bài của tôi", author="approver")
    foreign = world["article"]("Bài tỉnh khác", organization=world["other"], author="outsider")
    as_user(client, world["people"]["approver"])
    foreign_version = foreign.history.first().history_id
    wrong = client.get(f"/admin/news/article/{mine.pk}/history/{foreign_version}/")
    assert wrong.status_code == 404


@pytest.mark.parametrize("version", [None, ""])
def test_a_save_that_does_not_say_which_version_it_edits_is_refused(client, world, version):
    article = world["article"]("Tin đang sửa", author="editor")
    editor = world["people"]["editor"]
    page = as_user(client, editor).get(CHANGE.format(article.pk))
    data = browser_data(page, title="Ghi đè không rõ phiên bản")
    if version is None:
        del data["loaded_version"]
    else:
        data["loaded_version"] = version

    refused = client.post(CHANGE.format(article.pk), data)

    assert refused.status_code == 200
    assert "Không biết bạn đã mở phiên bản nào" in html(refused)
    assert "Ghi đè không rõ phiên bản" in html(refused)  # nothing typed is lost
    article.refresh_from_db()
    assert article.title == "Tin đang sửa"


# Concurrent edits -------------------------------------------------------------------------


def test_the_second_of_two_concurrent_saves_is_refused_and_nothing_is_lost(client, world):
    article = world["article"]("Tin đang sửa", author="editor")
    editor, approver = world["people"]["editor"], world["people"]["approver"]
    editor_page = as_user(client, editor).get(CHANGE.format(article.pk))
    editor_data = browser_data(editor_page, title="Bản sửa của biên tập viên")
    approver_page = as_user(client, approver).get(CHANGE.format(article.pk))

    first = client.post(
        CHANGE.format(article.pk), browser_data(approver_page, title="Bản sửa của người duyệt")
    )
    assert first.status_code == 302
    as_user(client, editor)
    second = client.post(CHANGE.format(article.pk), editor_data)

    assert second.status_code == 200
    page = html(second)
    assert "đã được duyetbai sửa" in page
    assert f'href="{CHANGE.format(article.pk)}"' in page
    assert "Bản sửa của biên tập viên" in page  # the editor's text is still in the form
    article.refresh_from_db()
    assert article.title == "Bản sửa của người duyệt"


# Preview ----------------------------------------------------------------------------------


def test_staff_preview_drafts_of_their_organisations_only(client, world):
    draft = world["article"]("Bản nháp xem trước")
    as_user(client, world["people"]["editor"])
    preview = client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "Bản nháp" in html(preview)

    as_user(client, world["people"]["outsider"])
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_change_page_links_to_the_preview(client, world):
    draft = world["article"]("Bản nháp có nút xem trước")
    response = as_user(client, world["people"]["reporter"]).get(CHANGE.format(draft.pk))

    assert "Xem trước" in html(response)
    assert draft.get_absolute_url() in html(response)


# Dashboard --------------------------------------------------------------------------------


def test_dashboard_shows_drafts_pending_review_and_page_views(client, world):
    world["article"]("Nháp của phóng viên")
    world["article"]("Bài chờ duyệt của ban", status=Status.PENDING, author="reporter2")
    world["article"]("Tin đã đăng của ban", status=Status.PUBLISHED,
                     published_at=timezone.now() - timedelta(hours=1))

    reporter_page = html(as_user(client, world["people"]["reporter"]).get("/admin/"))
    approver_page = html(as_user(client, world["people"]["approver"]).get("/admin/"))

    assert "Bài nháp của tôi" in reporter_page
    assert "Nháp của phóng viên" in reporter_page
    assert "Chờ duyệt" not in reporter_page
    assert "Bài chờ duyệt của ban" in approver_page
    assert "Tin đã đăng của ban" in approver_page
    assert "Nháp của phóng viên" not in approver_page.split("Chờ duyệt")[0]
    assert "Lượt xem trang 30 ngày qua" in approver_page
    assert approver_page.count("<rect ") == 30


def test_the_organisation_search_box_suggests_only_the_editors_organisations(client, world):
    as_user(client, world["people"]["reporter"])

    response = client.get("/admin/autocomplete/", {
        "term": "", "app_label": "news", "model_name": "article", "field_name": "organization",
    })

    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Ban Tuyên giáo"]


def article_moves(article) -> list[tuple[str, str, str]]:
    return list(
        AuditEvent.objects.filter(object_type="news.Article", object_id=str(article.pk))
        .order_by("pk").values_list("action", "actor_name", "detail")
    )


def test_sending_for_review_is_audited_from_the_form_and_a_new_draft_is_not(client, world):
    reporter = world["people"]["reporter"]
    page = as_user(client, reporter).get(ADD)
    fields = {"organization": world["board"].pk, "category": world["category"].pk,
              "body": "<p>Nội dung</p>"}

    client.post(ADD, browser_data(page, title="Bản nháp đầu", **fields))
    client.post(ADD, browser_data(page, title="Gửi duyệt ngay", move="submit", **fields))
    draft = Article.objects.get(title="Bản nháp đầu")
    edit = client.get(CHANGE.format(draft.pk))
    client.post(CHANGE.format(draft.pk), browser_data(edit, move="submit"))

    assert article_moves(draft) == [("submit", "phongvien", "Bản nháp → Chờ duyệt")]
    assert article_moves(Article.objects.get(title="Gửi duyệt ngay")) == [
        ("submit", "phongvien", "mới → Chờ duyệt")
    ]


def test_a_submission_sent_back_or_withdrawn_is_audited_as_such(world):
    approver, editor = world["people"]["approver"], world["people"]["editor"]
    returned = world["article"]("Cần bổ sung số liệu", status=Status.PENDING)
    withdrawn = world["article"](
        "Tin của biên tập viên", organization=world["province"], author="editor",
        status=Status.PENDING,
    )

    article_change_status(article=returned, to=Status.DRAFT, by=approver)
    article_change_status(article=withdrawn, to=Status.DRAFT, by=editor)

    assert article_moves(returned) == [("send_back", "duyetbai", "Chờ duyệt → Bản nháp")]
    assert article_moves(withdrawn) == [("withdraw", "bientap", "Chờ duyệt → Bản nháp")]


def test_a_scheduled_article_reads_hen_gio_with_its_time_in_the_list_and_its_filter(
    client, world
):
    approver = world["people"]["approver"]
    due = timezone.now() + timedelta(days=1)
    scheduled = world["article"]("Tin hẹn giờ", status=Status.PUBLISHED, published_at=due)
    public = world["article"]("Tin đã đăng", status=Status.PUBLISHED)
    draft = world["article"]("Tin nháp")
    as_user(client, approver)

    listing = html(client.get(LIST))
    only_scheduled = client.get(LIST, {"trang_thai": "hen_gio"}).context["cl"].result_list
    only_public = client.get(LIST, {"trang_thai": "published"}).context["cl"].result_list
    only_drafts = client.get(LIST, {"trang_thai": "draft"}).context["cl"].result_list

    assert f"Hẹn giờ {timezone.localtime(due):%d/%m/%Y %H:%M}" in listing
    assert list(only_scheduled) == [scheduled]
    assert list(only_public) == [public]
    assert list(only_drafts) == [draft]


def test_a_save_that_changes_nothing_makes_no_version(client, world):
    approver = world["people"]["approver"]
    article = world["article"]("Tin đã đăng", status=Status.PUBLISHED)
    assert article.published_at.microsecond  # the box shows seconds, the row keeps more
    as_user(client, approver)
    url = CHANGE.format(article.pk)

    unchanged = client.post(url, browser_data(client.get(url)))
    article.refresh_from_db()
    versions_after_nothing = (article.history.count(), article.version)
    retitled = client.post(url, browser_data(client.get(url), title="Tin đã đăng (cập nhật)"))

    assert unchanged.status_code == 302
    assert retitled.status_code == 302
    assert versions_after_nothing == (1, 1)
    newest, before = article.history.all()[:2]
    assert [change.field for change in newest.diff_against(before).changes] == ["title"]
