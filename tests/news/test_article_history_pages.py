"""An article's history as editors read it (news/admin_history.py, news/versions.py): the
versions in Vietnamese with local times, full names and moves; the comparison of two
versions word by word (news/version_compare.py); the one-click restore through the
workflow (news.services.article_restore_version); and what an attacker tries on each."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from admin_forms import browser_data
from django.urls import reverse
from factories import (
    ArticleFactory,
    CategoryFactory,
    DirectiveFactory,
    LibraryImageFactory,
    OrganizationFactory,
    image_file,
    member,
)

from accounts.roles import APPROVER, EDITOR, REPORTER
from audit.models import AuditEvent
from news.models import Article
from news.services import article_change_status, article_save, articles_bulk_create
from news.version_compare import readable_blocks, word_diff
from organizations.models import Organization
from portals import hosts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

Status = Article.Status
# 08:30:15.123456 in Asia/Ho_Chi_Minh.
MORNING = datetime(2026, 12, 7, 1, 30, 15, 123456, tzinfo=UTC)


@pytest.fixture
def world():
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    other = OrganizationFactory(name="Tỉnh ủy Trà Vinh")
    return {
        "province": province,
        "other": other,
        "category": CategoryFactory(name="Tin tức"),
        "reporter": member(REPORTER, province, username="phongvien",
                           last_name="Trần Minh", first_name="Thư"),
        "editor": member(EDITOR, province, username="bientap",
                         last_name="Lê Thị", first_name="Hoa"),
        "approver": member(APPROVER, province, username="duyetbai",
                           last_name="Nguyễn Văn", first_name="An"),
        "outsider": member(APPROVER, other, username="nguoingoai"),
    }


def edit(article, by, **changes):
    """A save by `by` of `article` with `changes`, as the admin's form makes one."""
    article.refresh_from_db()
    for name, value in changes.items():
        setattr(article, name, value)
    article._history_user = by
    article_save(article=article, by=by)
    return article


def draft(world, body="<p>Đoàn viên thanh niên tham gia hiến máu.</p>", **kwargs):
    """A draft by the reporter, its first version theirs."""
    article = Article(
        title="Tuổi trẻ Bến Tre hiến máu", summary="Sapo cũ.", body=body,
        organization=world["province"], category=world["category"], author=world["reporter"],
        **kwargs,
    )
    article._history_user = world["reporter"]
    return article_save(article=article, by=world["reporter"]).article


def versions(article):
    return list(article.history.order_by("history_date", "history_id"))


def history_url(article):
    return reverse("admin:news_article_history", args=[article.pk])


def compare_url(article, older, newer, **extra):
    query = "&".join(f"{key}={value}" for key, value in extra.items())
    url = reverse("admin:news_article_compare", args=[article.pk])
    return f"{url}?from={older.history_id}&to={newer.history_id}" + (f"&{query}" if query else "")


def restore_url(article, version_id):
    return reverse("admin:news_article_restore", args=[article.pk, version_id])


def text(response) -> str:
    return response.content.decode()


# The history page -------------------------------------------------------------------------


def test_the_history_reads_in_vietnamese_with_local_times_full_names_and_moves(client, world):
    with time_machine.travel(MORNING, tick=False):
        article = draft(world)
    with time_machine.travel(MORNING + timedelta(minutes=5), tick=False):
        edit(article, world["reporter"], title="Tuổi trẻ Bến Tre hiến máu tình nguyện",
             status=Status.PENDING)
    with time_machine.travel(MORNING + timedelta(minutes=20), tick=False):
        article.refresh_from_db()
        article._history_user = world["approver"]
        article_change_status(article=article, to=Status.PUBLISHED, by=world["approver"])
    client.force_login(world["approver"])

    page = text(client.get(history_url(article)))

    assert "07/12/2026 08:30" in page
    assert "07/12/2026 08:50" in page
    assert "01:30" not in page
    assert "123456" not in page
    assert "15.1" not in page
    assert "Trần Minh Thư" in page
    assert "Nguyễn Văn An" in page
    for happened in ("Tạo bài", "Gửi duyệt", "Đăng bài"):
        assert happened in page
    for label in ("Bản nháp", "Chờ duyệt", "Đã đăng"):
        assert label in page
    assert not re.search(r">\s*(draft|pending|published)\s*<", page)
    assert "Tiêu đề, Trạng thái" in page  # the fields changed, by their Vietnamese names
    assert "So sánh với bản trước" in page
    assert page.count("Khôi phục phiên bản này") == 2  # not on the current version
    assert "Bản hiện tại" in page
    assert "[419 chars]" not in page
    assert "None" not in page


def test_a_scheduled_publication_reads_hen_gio_with_its_time(client, world):
    with time_machine.travel(MORNING, tick=False):
        article = draft(world)
        article.refresh_from_db()
        article_change_status(article=article, to=Status.PUBLISHED, by=world["approver"],
                              at=MORNING + timedelta(days=1))
    client.force_login(world["approver"])
    assert "Hẹn giờ đăng 08/12/2026 08:30" in text(client.get(history_url(article)))


def test_a_reader_without_edit_rights_sees_the_history_without_restore_buttons(client, world):
    article = draft(world)
    edit(article, world["reporter"], title="Bản đã gửi", status=Status.PENDING)
    client.force_login(world["reporter"])  # a submitted article is no longer theirs to edit

    page = client.get(history_url(article))

    assert page.status_code == 200
    assert "Khôi phục phiên bản này" not in text(page)
    assert "không sửa được bài lúc này" in text(page)


def test_the_history_page_reads_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    article = draft(world)
    for number in range(60):
        edit(article, world["reporter"], title=f"Tiêu đề lần {number}")
    client.force_login(world["reporter"])
    with django_assert_max_num_queries(25):
        first = client.get(history_url(article))
    second = client.get(history_url(article) + "?p=2")
    assert "Trang 1/2" in text(first)
    assert "Trang 2/2" in text(second)
    assert "Tạo bài" in text(second)


def test_an_article_without_versions_has_a_history_page_that_says_so(client, world):
    [article] = articles_bulk_create(articles=[Article(
        title="Bài nạp hàng loạt", organization=world["province"], category=world["category"],
        status=Status.DRAFT, author=world["reporter"],
    )])
    client.force_login(world["reporter"])

    history = client.get(history_url(article))
    compare = client.get(reverse("admin:news_article_compare", args=[article.pk]), follow=True)

    assert "chưa có phiên bản nào" in text(history)
    assert "chưa có hai phiên bản để so sánh" in text(compare)


ENGLISH = re.compile(
    r"\b(History|Revert|Close|Change|Changed|Date|User|Action|Compare|Restore|View|Previous|"
    r"Next|None|True|False|draft|pending|published|archived)\b"
)


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", page)


def test_every_history_page_is_vietnamese(client, world):
    article = draft(world)
    edit(article, world["reporter"], title="Tiêu đề mới", status=Status.PENDING)
    older, newer = versions(article)
    client.force_login(world["editor"])
    pages = {
        "history": client.get(history_url(article)),
        "compare": client.get(compare_url(article, older, newer)),
        "compare inline": client.get(compare_url(article, older, newer, view="inline")),
        "restore form": client.get(
            reverse("admin:news_article_simple_history", args=[article.pk, older.history_id])
        ),
    }
    client.force_login(world["reporter"])  # a submitted article: no longer theirs to edit
    pages["refused"] = client.get(
        reverse("admin:news_article_simple_history", args=[article.pk, older.history_id])
    )
    english = {name: ENGLISH.findall(visible_text(text(page))) for name, page in pages.items()}
    assert not any(english.values()), english


# Comparing two versions --------------------------------------------------------------------


def test_two_versions_are_compared_word_by_word_side_by_side_and_inline(client, world):
    article = draft(world)
    edit(article, world["reporter"],
         body="<p>Đoàn viên thanh niên tỉnh tham gia hiến máu tình nguyện.</p>",
         summary="Sapo mới.")
    older, newer = versions(article)
    client.force_login(world["reporter"])

    side = text(client.get(compare_url(article, older, newer)))
    inline = text(client.get(compare_url(article, older, newer, view="inline")))

    assert "thanh niên <ins>tỉnh </ins>tham gia hiến máu<ins> tình nguyện</ins>." in side
    assert "<del>cũ</del>" in side
    assert "<ins>mới</ins>" in side
    assert "Nội dung" in side
    assert "Sapo" in side
    assert 'class="cell old"' in side
    assert 'class="cell new"' in side
    assert "block-change inline" in inline
    assert "<del>cũ</del><ins>mới</ins>" in inline
    assert '<strong aria-current="page">Gộp</strong>' in inline
    assert '<strong aria-current="page">Cạnh nhau</strong>' in side
    # Either order of the two ids, and no ids at all (the newest change), compare the same.
    swapped = client.get(compare_url(article, newer, older))
    assert "<del>cũ</del>" in text(swapped)
    newest = client.get(reverse("admin:news_article_compare", args=[article.pk]))
    assert "<del>cũ</del>" in text(newest)


def test_the_comparison_reads_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    article = draft(world)
    edit(article, world["approver"], category=CategoryFactory(name="Thời sự"),
         organization=Organization.objects.add_child(
             world["province"], instance=Organization(name="Huyện ủy Châu Thành")
         ), author=world["editor"])
    older, newer = versions(article)
    client.force_login(world["approver"])
    hosts.portal_map()  # kept in the cache in production; read again after the new organisation
    with django_assert_max_num_queries(21):  # 20 on SQLite, 21 on PostgreSQL
        page = client.get(compare_url(article, older, newer))
    assert "<ins>Huyện ủy Châu Thành</ins>" in text(page)
    assert "<ins>Lê Thị Hoa</ins>" in text(page)


def test_a_long_body_is_never_cut(client, world):
    long_paragraph = " ".join(f"từ{number}" for number in range(800))
    article = draft(world, body=f"<p>{long_paragraph}</p>")
    edit(article, world["reporter"], body=f"<p>{long_paragraph} kết thúc.</p>")
    older, newer = versions(article)
    client.force_login(world["reporter"])

    page = text(client.get(compare_url(article, older, newer)))

    assert "từ799" in page
    assert "từ0 " in page
    assert "từ799<ins> kết thúc.</ins>" in page
    assert "chars]" not in page


def test_the_comparison_never_injects_the_articles_html(client, world):
    article = draft(world)
    edit(article, world["reporter"], title='<script>alert("tiêu đề")</script>',
         body="<p>&lt;img src=x onerror=alert(1)&gt; và <b>chữ đậm</b></p>",
         author_name='<img src=x onerror="alert(2)">')
    older, newer = versions(article)
    client.force_login(world["reporter"])

    page = text(client.get(compare_url(article, older, newer)))
    history = text(client.get(history_url(article)))

    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<b>" not in page.split('id="content-main"')[1]  # the body's markup is not shown
    assert "<script>alert" not in history


def test_images_and_captions_are_compared_as_a_reader_sees_them(client, world):
    figure = '<figure class="image"><img src="{}" alt="{}"><figcaption>{}</figcaption></figure>'
    article = draft(world, body=(
        "<p>Mở đầu.</p>"
        + figure.format("/media/editor/cu.jpg", "Ảnh cũ", "Đoàn viên ra quân sáng chủ nhật")
    ))
    edit(article, world["reporter"], body=(
        "<p>Mở đầu.</p>"
        + figure.format("/media/editor/moi.jpg", "Ảnh mới chụp", "Đoàn viên ra quân chiều thứ bảy")
    ), cover=LibraryImageFactory(file=image_file("bia.jpg")))
    older, newer = versions(article)
    client.force_login(world["reporter"])

    page = text(client.get(compare_url(article, older, newer)))

    assert "Ảnh đã bỏ" in page
    assert "Ảnh mới" in page
    assert 'src="/media/editor/cu.jpg"' in page
    assert 'src="/media/editor/moi.jpg"' in page
    assert "<del>sáng chủ nhật</del>" in page
    assert "<ins>chiều thứ bảy</ins>" in page
    assert '<span class="figure-number">Hình 1:</span>' in page  # a figure as readers see it
    assert "Ảnh đại diện" in page
    assert "bia.jpg" in page


def test_related_objects_states_and_times_are_shown_by_name(client, world):
    with time_machine.travel(MORNING - timedelta(minutes=1), tick=False):
        article = draft(world)
    with time_machine.travel(MORNING, tick=False):
        edit(article, world["approver"], category=CategoryFactory(name="Thời sự"),
             status=Status.PUBLISHED, published_at=MORNING)
    older, newer = versions(article)
    client.force_login(world["approver"])

    page = text(client.get(compare_url(article, older, newer)))

    assert "<del>Tin tức</del>" in page
    assert "<ins>Thời sự</ins>" in page
    assert "<del>Bản nháp</del>" in page
    assert "<ins>Đã đăng</ins>" in page
    assert "<ins>07/12/2026 08:30</ins>" in page
    assert "Thời gian đăng" in page


def test_word_diff_and_blocks_keep_every_word():
    pieces = word_diff("Hội nghị quán triệt nghị quyết", "Hội nghị học tập nghị quyết mới")
    assert "".join(text for op, text in pieces if op != "insert") == (
        "Hội nghị quán triệt nghị quyết"
    )
    assert "".join(text for op, text in pieces if op != "delete") == (
        "Hội nghị học tập nghị quyết mới"
    )
    blocks = readable_blocks(
        "<h2>Mục 1</h2><p>Một<br>hai</p><ul><li>Ý a</li></ul>"
        '<figure><img src="/a.jpg" alt="A"><figcaption>Chú thích</figcaption></figure>'
    )
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Mục 1"), ("p", "Một hai"), ("item", "Ý a"), ("figure", "Chú thích"),
    ]
    assert (blocks[-1].src, blocks[-1].alt, blocks[-1].number) == ("/a.jpg", "A", 1)


# Restoring ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", [Status.PUBLISHED, Status.ARCHIVED, Status.DRAFT, Status.PENDING]
)
def test_restore_in_one_click_makes_a_new_version_and_keeps_the_state(client, world, status):
    article = draft(world)
    edit(article, world["approver"], title="Tiêu đề mới", status=status,
         published_at=MORNING if status == Status.PUBLISHED else None)
    article.refresh_from_db()
    kept = (article.status, article.published_at, article.slug, article.is_featured)
    first = versions(article)[0]
    client.force_login(world["approver"])

    response = client.post(restore_url(article, first.history_id), follow=True)

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title == "Tuổi trẻ Bến Tre hiến máu"
    assert (article.status, article.published_at, article.slug, article.is_featured) == kept
    newest = versions(article)[-1]
    assert len(versions(article)) == 3
    assert newest.history_change_reason.startswith("Khôi phục phiên bản ")
    assert "Trần Minh Thư" in newest.history_change_reason
    assert newest.history_user == world["approver"]
    event = AuditEvent.objects.get(action="restore", object_id=str(article.pk))
    assert event.detail.startswith("Khôi phục nội dung phiên bản ")
    [message] = [str(m) for m in response.context["messages"]]
    assert "Đã khôi phục nội dung phiên bản" in message
    assert Status(status).label in message
    assert "Khôi phục phiên bản" in text(response)  # the history page shows the new version


def test_the_restore_form_saves_an_edited_old_version_with_the_same_reason(client, world):
    article = draft(world)
    edit(article, world["reporter"], title="Tiêu đề mới")
    first = versions(article)[0]
    url = reverse("admin:news_article_simple_history", args=[article.pk, first.history_id])
    client.force_login(world["reporter"])

    form = client.get(url)
    saved = client.post(url, browser_data(form, summary="Sapo cũ, sửa lại khi khôi phục."))

    assert saved.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.summary) == (
        "Tuổi trẻ Bến Tre hiến máu", "Sapo cũ, sửa lại khi khôi phục."
    )
    assert versions(article)[-1].history_change_reason.startswith("Khôi phục phiên bản ")
    assert AuditEvent.objects.filter(action="restore", object_id=str(article.pk)).count() == 1


def test_restoring_the_current_content_saves_nothing(client, world):
    article = draft(world)
    edit(article, world["reporter"], title="Tiêu đề mới")
    edit(article, world["reporter"], title="Tuổi trẻ Bến Tre hiến máu")
    client.force_login(world["reporter"])

    response = client.post(restore_url(article, versions(article)[0].history_id), follow=True)

    assert len(versions(article)) == 3
    assert "không có gì để khôi phục" in text(response)
    assert not AuditEvent.objects.filter(action="restore").exists()


def test_restore_renews_the_page_cache_of_a_published_article(
    client, world, page_cache_on, django_capture_on_commit_callbacks
):
    article = draft(world)
    edit(article, world["approver"], status=Status.PUBLISHED, published_at=MORNING)
    edit(article, world["approver"], body="<p>Nội dung sai.</p>")
    public = article.get_absolute_url()
    assert "Nội dung sai." in text(client.get(public))
    client.force_login(world["approver"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(restore_url(article, versions(article)[1].history_id))

    client.logout()
    assert "Đoàn viên thanh niên tham gia hiến máu." in text(client.get(public))


def test_roles_without_edit_rights_cannot_restore_even_with_a_tampered_post(client, world):
    article = draft(world)
    edit(article, world["approver"], title="Bài đã đăng", status=Status.PUBLISHED,
         published_at=MORNING)
    first = versions(article)[0].history_id
    for who in ("reporter", "editor"):  # the writer, and an editor: published is not theirs
        client.force_login(world[who])
        assert "Khôi phục phiên bản này" not in text(client.get(history_url(article)))
        assert client.post(restore_url(article, first)).status_code == 403
        form = client.get(reverse("admin:news_article_simple_history", args=[article.pk, first]))
        assert form.status_code == 403
        assert "không khôi phục được" in text(form)
    article.refresh_from_db()
    assert article.title == "Bài đã đăng"
    assert not AuditEvent.objects.filter(action="restore").exists()


def test_another_organisations_article_and_bad_ids_answer_404(client, world):
    article = draft(world)
    edit(article, world["reporter"], title="Tiêu đề mới")
    foreign = ArticleFactory(organization=world["other"], category=world["category"])
    edit(foreign, world["outsider"], title="Tin tỉnh khác, bản hai")
    mine, theirs = versions(article)[0], versions(foreign)[0]
    client.force_login(world["outsider"])
    assert client.get(history_url(article)).status_code == 404
    assert client.get(compare_url(article, mine, versions(article)[1])).status_code == 404
    assert client.post(restore_url(article, mine.history_id)).status_code == 404

    client.force_login(world["approver"])
    compare = reverse("admin:news_article_compare", args=[article.pk])
    for query in ("from=abc&to=1", f"from={mine.history_id}&to=999999",
                  f"from={mine.history_id}&to={theirs.history_id}", f"from={mine.history_id}",
                  "from=&to=", "from=1e3&to=-1", f"from={'9' * 40}&to=1"):
        response = client.get(f"{compare}?{query}")
        assert response.status_code == 404, query
    for bad in ("abc", "999999", str(theirs.history_id), "-1", "9" * 40):
        assert client.post(restore_url(article, bad)).status_code == 404, bad
    for bad in ("abc", "999999", str(foreign.pk)):
        assert client.get(f"/admin/news/article/{bad}/history/").status_code == 404
        assert client.get(f"/admin/news/article/{bad}/history/compare/").status_code == 404
        assert client.post(f"/admin/news/article/{bad}/history/1/restore/").status_code == 404
    article.refresh_from_db()
    assert article.title == "Tiêu đề mới"


def test_a_get_of_the_restore_address_shows_the_comparison_instead(client, world):
    article = draft(world)
    edit(article, world["reporter"], title="Tiêu đề mới")
    client.force_login(world["reporter"])
    response = client.get(restore_url(article, versions(article)[0].history_id))
    assert response.status_code == 302
    assert "/history/compare/?from=" in response["Location"]
    assert len(versions(article)) == 2


def test_a_restore_post_needs_the_csrf_token(world):
    from django.test import Client

    article = draft(world)
    edit(article, world["reporter"], title="Tiêu đề mới")
    careful = Client(enforce_csrf_checks=True)
    careful.force_login(world["reporter"])
    assert careful.post(restore_url(article, versions(article)[0].history_id)).status_code == 403
    article.refresh_from_db()
    assert article.title == "Tiêu đề mới"


def test_an_organisation_out_of_scope_is_not_brought_back(client, world):
    article = ArticleFactory(organization=world["other"], category=world["category"],
                             status=Status.DRAFT, published_at=None)
    article.organization = world["province"]
    article_save(article=article)
    client.force_login(world["approver"])

    response = client.post(restore_url(article, versions(article)[0].history_id), follow=True)

    article.refresh_from_db()
    assert article.organization == world["province"]
    assert "giữ tổ chức hiện tại" in text(response)


def test_a_cover_deleted_from_the_library_is_not_brought_back(client, world):
    old_cover = LibraryImageFactory(file=image_file("cu.jpg"))
    article = draft(world, cover=old_cover)
    edit(article, world["reporter"], cover=LibraryImageFactory(file=image_file("moi.jpg")))
    article.refresh_from_db()
    new_cover = article.cover.file.name
    old_cover.delete()  # removed from the library since
    edit(article, world["reporter"], title="Tiêu đề mới")
    client.force_login(world["reporter"])

    response = client.post(restore_url(article, versions(article)[0].history_id), follow=True)

    article.refresh_from_db()
    assert article.title == "Tuổi trẻ Bến Tre hiến máu"
    assert article.cover.file.name == new_cover
    assert "giữ ảnh hiện tại" in text(response)


# The version kept is what was saved --------------------------------------------------------


def test_the_version_holds_the_body_with_its_automatic_directive_links(world):
    directive = DirectiveFactory(number="20", symbol="CT/TW")
    article = draft(world, body="<p>Thực hiện Chỉ thị số 20-CT/TW ngày 05/11/2012.</p>")
    article.refresh_from_db()
    assert directive.get_absolute_url() in article.body
    [first] = versions(article)
    assert first.body == article.body
