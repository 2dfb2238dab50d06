"""The trash (Thùng rác): deleting an article moves it there, every public page and admin
list forgets it, its page cache is renewed; the Thùng rác page per organisation and role;
restoring (and in which state); removing for good only by a Quản trị or a superuser, by
hand or TRASH_RETENTION_DAYS later (the command and the task worker), files included; and
what an attacker tries against each address."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from factories import (
    ArticleFactory,
    CategoryFactory,
    DirectiveFactory,
    ImageUseFactory,
    LibraryImageFactory,
    OrganizationFactory,
    StaffUserFactory,
    SuperUserFactory,
    figure_html,
    image_file,
    member,
)

from accounts.roles import APPROVER, EDITOR, REPORTER, SITE_ADMIN
from audit.models import AuditEvent
from core.admin_utils import full_name
from library.models import LibraryImage
from news import services
from news.models import Article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

Status = Article.Status
TRASH = reverse("admin:news_article_trash")
EMPTY = reverse("admin:news_article_trash_empty")
LIST = reverse("admin:news_article_changelist")


def restore_url(pk) -> str:
    return reverse("admin:news_article_trash_restore", args=[pk])


def purge_url(pk) -> str:
    return reverse("admin:news_article_trash_purge", args=[pk])


def delete_url(pk) -> str:
    return reverse("admin:news_article_delete", args=[pk])


@pytest.fixture
def world():
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    other = OrganizationFactory(name="Tỉnh ủy Trà Vinh")
    category = CategoryFactory(name="Tin tức")
    people = {
        "reporter": member(REPORTER, province, username="phongvien"),
        "editor": member(EDITOR, province, username="bientap"),
        "approver": member(APPROVER, province, username="duyetbai"),
        "admin": member(SITE_ADMIN, province, username="quantri"),
        "other_admin": member(SITE_ADMIN, other, username="quantri-khac"),
        "other_approver": member(APPROVER, other, username="duyetbai-khac"),
        "nobody": StaffUserFactory(username="khongquyen"),
        "superuser": SuperUserFactory(username="sieuquantri"),
    }

    def article(title, organization=province, **kwargs):
        kwargs.setdefault("author", people["reporter"])
        return ArticleFactory(title=title, organization=organization, category=category,
                              **kwargs)

    return {"province": province, "other": other, "category": category, "people": people,
            "article": article}


def as_user(client, user):
    client.force_login(user)
    return client


def trash(article, by):
    services.article_delete(article=article, by=by)
    article.refresh_from_db()
    return article


def trashed_titles(response) -> list[str]:
    return [row["article"].title for row in response.context["rows"]]


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# Deleting moves to the trash, and every page forgets the article -------------------------


def test_a_trashed_article_is_gone_from_every_public_page_and_back_after_restore(
    client, world, page_cache_on, django_capture_on_commit_callbacks
):
    directive = DirectiveFactory()
    article = world["article"]("Hội thao truyền thống lực lượng vũ trang")
    article.directives.add(directive)
    pages = {
        "article": article.get_absolute_url(),
        "list": reverse("news:article_list"),
        "home": "/",
        "category": world["category"].get_absolute_url(),
        "directive": directive.get_absolute_url(),
        "search": reverse("news:search") + "?q=hoi+thao+truyen+thong",
        "rss": reverse("news:feed"),
        "sitemap": "/sitemap-articles.xml",
    }

    def showing():
        return {
            name for name, url in pages.items()
            if (response := client.get(url)).status_code == 200
            and article.slug in response.content.decode()
        }

    assert showing() == set(pages)
    assert client.get(pages["article"])["X-Page-Cache"] == "hit"  # cached, so renewed below

    with django_capture_on_commit_callbacks(execute=True):
        deleted = as_user(client, world["people"]["approver"]).post(
            delete_url(article.pk), {"post": "yes"}
        )
    assert deleted.status_code == 302
    client.logout()
    assert showing() == set()
    assert client.get(pages["article"]).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        as_user(client, world["people"]["approver"]).post(restore_url(article.pk))
    client.logout()
    assert showing() == set(pages)
    article.refresh_from_db()
    assert (article.status, article.trashed_at, article.slug) == (
        Status.PUBLISHED, None, "hoi-thao-truyen-thong-luc-luong-vu-trang"
    )


def test_a_trashed_article_is_gone_from_the_admin_list_its_pages_and_autocompletes(
    client, world
):
    kept = world["article"]("Bài còn lại")
    gone = trash(world["article"]("Bài đã xóa"), world["people"]["approver"])
    as_user(client, world["people"]["approver"])

    listing = client.get(LIST)
    assert list(listing.context["cl"].result_list) == [kept]
    assert f'href="{TRASH}"' in listing.content.decode()
    assert "Thùng rác (1)" in listing.content.decode()
    change = client.get(reverse("admin:news_article_change", args=[gone.pk]), follow=True)
    assert change.redirect_chain == [(TRASH, 302)]
    assert any("“Bài đã xóa” đang trong" in message for message in messages_of(change))
    history = client.get(reverse("admin:news_article_history", args=[gone.pk]))
    assert history.status_code in (302, 403, 404)
    preview = client.get(gone.get_absolute_url())
    assert preview.status_code == 404
    dashboard = client.get(reverse("admin:index"))
    assert "Bài đã xóa" not in dashboard.content.decode()


def test_the_delete_page_says_the_article_goes_to_the_trash_for_its_days(client, world):
    article = world["article"]("Bài sắp xóa")
    ImageUseFactory(article=article)
    page = as_user(client, world["people"]["approver"]).get(delete_url(article.pk))
    text = page.content.decode()
    assert "Chuyển bài viết “Bài sắp xóa” vào <strong>Thùng rác</strong>?" in text
    assert "giữ trong Thùng rác 30 ngày" in text
    assert "Có, chuyển vào thùng rác" in text
    assert "nơi dùng ảnh:" not in text.lower()  # no list of related objects
    assert page.context["perms_lacking"] == set()

    done = client.post(delete_url(article.pk), {"post": "yes"}, follow=True)
    assert any("vào <a href" in message and "Thùng rác" in message
               for message in messages_of(done))
    assert Article.all_objects.get(pk=article.pk).trashed_by == world["people"]["approver"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.TRASH)
    assert event.object_id == str(article.pk)


def test_the_list_action_asks_then_moves_the_selection_to_the_trash(client, world):
    first, second = world["article"]("Bài một"), world["article"]("Bài hai")
    as_user(client, world["people"]["approver"])
    selection = {"action": "delete_selected", "_selected_action": [first.pk, second.pk]}

    asked = client.post(LIST, {**selection, "index": "0"})
    assert asked.status_code == 200
    assert "Chuyển 2 bài viết sau vào Thùng rác?" in asked.content.decode()
    assert Article.objects.count() == 2

    done = client.post(LIST, {**selection, "post": "yes"}, follow=True)
    assert any("Đã chuyển 2 bài viết vào" in message for message in messages_of(done))
    assert Article.objects.count() == 0
    assert Article.all_objects.trashed().count() == 2


def test_a_trashed_articles_address_stays_reserved(world):
    article = trash(world["article"]("Đại hội Đoàn"), world["people"]["approver"])
    newcomer = world["article"]("Đại hội Đoàn")
    assert (article.slug, newcomer.slug) == ("dai-hoi-doan", "dai-hoi-doan-2")
    services.article_restore(article=article, by=world["people"]["approver"])
    article.refresh_from_db()
    assert article.slug == "dai-hoi-doan"
    assert article.is_public


def test_the_importer_leaves_a_trashed_article_in_the_trash(world, tmp_path, capsys):
    page = tmp_path / "bai-cu.html"
    page.write_text(
        "<html><head><title>Tin cũ</title></head><body><h1>Khai mạc hội trại tòng quân</h1>"
        "<p>Ngày 05/11/2024, Tỉnh Đoàn khai mạc hội trại tòng quân.</p></body></html>",
        encoding="utf-8",
    )
    call_command("import_articles", str(page), "--organization", world["province"].slug)
    imported = Article.objects.get()
    trash(imported, world["people"]["approver"])

    call_command("import_articles", str(page), "--organization", world["province"].slug)
    assert Article.all_objects.count() == 1
    assert Article.objects.count() == 0
    assert "đang trong thùng rác" in capsys.readouterr().out


# The Thùng rác page: who sees what ------------------------------------------------------------


def test_each_role_sees_the_trash_of_what_it_may_see(client, world):
    people = world["people"]
    own = trash(world["article"]("Bài của phóng viên"), people["approver"])
    colleague = trash(
        world["article"]("Bài của biên tập", author=people["editor"]), people["approver"]
    )
    foreign = trash(
        world["article"]("Tin tỉnh khác", organization=world["other"],
                         author=people["other_approver"]),
        people["other_approver"],
    )
    world["article"]("Bài chưa xóa")
    everything = {own.title, colleague.title, foreign.title}
    province = {own.title, colleague.title}

    expected = {
        "reporter": {own.title},
        "editor": province,
        "approver": province,
        "admin": province,
        "other_admin": {foreign.title},
        "other_approver": {foreign.title},
        "superuser": everything,
    }
    for name, titles in expected.items():
        page = as_user(client, people[name]).get(TRASH)
        assert page.status_code == 200, name
        assert set(trashed_titles(page)) == titles, name

    assert as_user(client, people["nobody"]).get(TRASH).status_code == 403
    client.logout()
    assert client.get(TRASH).status_code == 302  # to the login page


def test_the_trash_page_says_who_deleted_when_and_the_days_left(client, world):
    approver = world["people"]["approver"]
    approver.last_name, approver.first_name = "Trần", "Minh Thư"
    approver.save()
    with time_machine.travel(timezone.now() - timedelta(days=10)):
        trash(world["article"]("Bài cũ trong thùng rác"), approver)
    page = as_user(client, world["people"]["admin"]).get(TRASH)
    text = page.content.decode()
    assert "Trần Minh Thư" in text
    assert "20 ngày" in text
    assert "Dọn thùng rác" in text
    assert "Xóa vĩnh viễn" in text
    assert "Khôi phục" not in text.replace("khôi phục", "")  # a Quản trị writes no articles

    editor_page = as_user(client, world["people"]["editor"]).get(TRASH).content.decode()
    assert "Khôi phục" in editor_page
    assert "Dọn thùng rác" not in editor_page
    assert "Xóa vĩnh viễn</a>" not in editor_page


# Restoring -----------------------------------------------------------------------------------


def test_an_approver_restores_an_article_in_the_state_it_had(client, world):
    approver = world["people"]["approver"]
    scheduled_at = timezone.now() + timedelta(days=2)
    published = trash(world["article"]("Tin đã đăng"), approver)
    scheduled = trash(world["article"]("Tin hẹn giờ", published_at=scheduled_at), approver)
    archived = trash(world["article"]("Tin lưu trữ", status=Status.ARCHIVED), approver)

    as_user(client, approver)
    for article in (published, scheduled, archived):
        response = client.post(restore_url(article.pk), follow=True)
        assert any("Đã khôi phục bài viết" in message for message in messages_of(response))

    states = dict(Article.objects.values_list("title", "status"))
    assert states == {"Tin đã đăng": "published", "Tin hẹn giờ": "published",
                      "Tin lưu trữ": "archived"}
    scheduled.refresh_from_db()
    assert scheduled.published_at == scheduled_at
    assert scheduled.is_scheduled
    event = AuditEvent.objects.filter(action=AuditEvent.Action.RESTORE_FROM_TRASH).first()
    assert event.actor == approver
    revision = published.history.order_by("-history_date").first()
    assert (revision.history_change_reason, revision.history_user) == (
        "Khôi phục từ thùng rác", approver
    )


def test_someone_who_may_not_publish_restores_a_published_article_as_a_draft(client, world):
    people = world["people"]
    published = trash(world["article"]("Tin đã đăng"), people["approver"])
    pending = trash(world["article"]("Tin chờ duyệt", status=Status.PENDING,
                                     published_at=None), people["approver"])

    as_user(client, people["editor"])
    response = client.post(restore_url(published.pk), follow=True)
    assert any("khôi phục thành bản nháp" in message for message in messages_of(response))
    client.post(restore_url(pending.pk))

    assert dict(Article.objects.values_list("title", "status")) == {
        "Tin đã đăng": "draft", "Tin chờ duyệt": "pending",
    }
    assert not Article.objects.published().exists()
    detail = AuditEvent.objects.filter(
        action=AuditEvent.Action.RESTORE_FROM_TRASH, object_id=str(published.pk)
    ).get().detail
    assert detail == ("Khôi phục với trạng thái Bản nháp (trước khi xóa: Đã đăng; người khôi "
                      "phục không được đăng bài).")


def test_a_reporter_restores_only_their_own_article(client, world):
    people = world["people"]
    own = trash(world["article"]("Bài của tôi", status=Status.DRAFT, published_at=None),
                people["approver"])
    other = trash(world["article"]("Bài người khác", author=people["editor"]),
                  people["approver"])
    as_user(client, people["reporter"])
    client.post(restore_url(own.pk))
    refused = client.post(restore_url(other.pk), follow=True)
    assert NOT_FOUND in messages_of(refused)
    assert set(Article.objects.values_list("title", flat=True)) == {"Bài của tôi"}


NOT_FOUND = (
    "Không tìm thấy bài viết này trong thùng rác: có thể bài đã được khôi phục, đã bị xóa "
    "vĩnh viễn, hoặc không thuộc tổ chức của bạn."
)


def test_a_quan_tri_without_a_writing_role_cannot_restore(client, world):
    article = trash(world["article"]("Tin đã đăng"), world["people"]["approver"])
    response = as_user(client, world["people"]["admin"]).post(restore_url(article.pk))
    assert response.status_code == 403
    assert not Article.objects.exists()


# Removing for good -------------------------------------------------------------------------


def test_only_a_quan_tri_of_its_organisation_or_a_superuser_removes_for_good(client, world):
    people = world["people"]
    article = trash(world["article"]("Tin sẽ xóa hẳn"), people["approver"])

    for name in ("reporter", "editor", "approver", "nobody"):
        as_user(client, people[name])
        assert client.get(purge_url(article.pk)).status_code == 403, name
        assert client.post(purge_url(article.pk), {"post": "yes"}).status_code == 403, name
        assert client.post(EMPTY, {"post": "yes"}).status_code == 403, name
    as_user(client, people["other_admin"])
    response = client.post(purge_url(article.pk), {"post": "yes"}, follow=True)
    assert NOT_FOUND in messages_of(response)
    client.post(EMPTY, {"post": "yes"})
    assert Article.all_objects.filter(pk=article.pk).exists()

    as_user(client, people["admin"])
    confirmation = client.get(purge_url(article.pk))
    assert "Xóa vĩnh viễn bài viết “Tin sẽ xóa hẳn”?" in confirmation.content.decode()
    assert "Có, xóa vĩnh viễn" in confirmation.content.decode()
    assert client.post(purge_url(article.pk)).status_code == 200  # no post=yes: asks again
    assert Article.all_objects.filter(pk=article.pk).exists()
    done = client.post(purge_url(article.pk), {"post": "yes"}, follow=True)
    assert "Đã xóa vĩnh viễn bài viết “Tin sẽ xóa hẳn”." in messages_of(done)
    assert not Article.all_objects.filter(pk=article.pk).exists()
    assert not Article.history.filter(id=article.pk).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.PURGE)
    assert (event.actor, event.object_repr) == (people["admin"], "Tin sẽ xóa hẳn")
    assert f"(người xóa: {full_name(people['approver'])})" in event.detail


def test_emptying_the_trash_removes_only_the_organisations_articles(client, world):
    people = world["people"]
    ours = [trash(world["article"](f"Tin {n}"), people["approver"]) for n in range(3)]
    theirs = trash(world["article"]("Tin tỉnh khác", organization=world["other"]),
                   people["other_approver"])
    alive = world["article"]("Tin còn đăng")

    as_user(client, people["admin"])
    asked = client.get(EMPTY)
    assert "Xóa vĩnh viễn 3 bài viết trong thùng rác?" in asked.content.decode()
    done = client.post(EMPTY, {"post": "yes"}, follow=True)
    assert "Đã dọn thùng rác: xóa vĩnh viễn 3 bài viết." in messages_of(done)
    assert set(Article.all_objects.all()) == {theirs, alive}
    assert not any(Article.all_objects.filter(pk=article.pk).exists() for article in ours)

    again = client.get(EMPTY, follow=True)
    assert "Thùng rác đang trống: không có bài nào để xóa." in messages_of(again)

    as_user(client, people["superuser"]).post(EMPTY, {"post": "yes"})
    assert list(Article.all_objects.all()) == [alive]


def test_a_quan_tri_sees_trash_events_of_their_organisation_in_the_audit_log(client, world):
    people = world["people"]
    article = trash(world["article"]("Tin bị xóa"), people["approver"])
    as_user(client, people["admin"]).post(purge_url(article.pk), {"post": "yes"})
    log = client.get(reverse("admin:audit_auditevent_changelist"))
    actions = {event.action for event in log.context["cl"].result_list}
    assert {AuditEvent.Action.PURGE} <= actions


# Automatic removal ---------------------------------------------------------------------------


def test_the_command_removes_articles_after_30_days_with_their_files(
    world, media_files, capsys, django_capture_on_commit_callbacks
):
    approver = world["people"]["approver"]
    photo = LibraryImageFactory(file=image_file("hinh.jpg"))
    cover = LibraryImageFactory(file=image_file("bia.jpg"))
    article = world["article"]("Tin có ảnh", cover=cover, body=figure_html(photo))
    kept = world["article"]("Tin xóa sau")
    stored = set(media_files())
    assert any(name.startswith("library/images/") for name in stored)
    assert any(name.startswith("renditions/") for name in stored)
    library_files = {
        name for name in stored if photo.file.name in name or cover.file.name in name
    }

    start = timezone.now()
    with time_machine.travel(start):
        trash(article, approver)
    with time_machine.travel(start + timedelta(days=5)):
        trash(kept, approver)
    with time_machine.travel(start + timedelta(days=29, hours=23)):
        call_command("empty_trash")
    assert Article.all_objects.trashed().count() == 2
    assert "Đã xóa vĩnh viễn 0 bài viết" in capsys.readouterr().out

    with (time_machine.travel(start + timedelta(days=30, minutes=1)),
          django_capture_on_commit_callbacks(execute=True)):
        call_command("empty_trash")
        assert capsys.readouterr().out.strip() == (
            "Đã xóa vĩnh viễn 1 bài viết nằm trong thùng rác quá 30 ngày; còn 1 bài trong "
            "thùng rác (có thể khôi phục)."
        )
        call_command("empty_trash")  # again: nothing more
        assert "Đã xóa vĩnh viễn 0 bài viết" in capsys.readouterr().out
    assert list(Article.all_objects.all()) == [kept]
    # The photos are the library's: they stay, with their renditions; only the article's
    # uses of them go.
    assert not ImageUseFactory._meta.model.objects.exists()
    assert set(media_files()) == library_files
    assert LibraryImage.objects.filter(pk=cover.pk).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.PURGE)
    assert event.actor is None
    assert "Tự động xóa vĩnh viễn sau 30 ngày." in event.detail


def test_a_cover_another_article_shows_is_kept(
    world, media_files, django_capture_on_commit_callbacks
):
    approver = world["people"]["approver"]
    article = world["article"]("Tin gốc", cover=LibraryImageFactory(file=image_file("bia.jpg")))
    twin = world["article"]("Tin dùng chung ảnh")
    Article.all_objects.filter(pk=twin.pk).update(cover=article.cover)
    trash(article, approver)
    with django_capture_on_commit_callbacks(execute=True):
        services.trash_empty(articles=Article.all_objects.all(), by=None)
    assert not Article.all_objects.filter(pk=article.pk).exists()
    assert article.cover.file.name in media_files()
    assert Article.all_objects.get(pk=twin.pk).cover == article.cover


def test_the_retention_is_a_setting(world, settings):
    settings.TRASH_RETENTION_DAYS = 7
    article = trash(world["article"]("Tin"), world["people"]["approver"])
    assert article.trash_expires_at == article.trashed_at + timedelta(days=7)
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        call_command("empty_trash")
    assert not Article.all_objects.exists()


@pytest.mark.usefixtures("database_tasks")
def test_the_task_worker_removes_the_article_when_its_time_is_up(world, database_tasks):
    from django_tasks_db.models import DBTaskResult

    article = trash(world["article"]("Tin hết hạn"), world["people"]["approver"])
    waiting = DBTaskResult.objects.get(task_path="news.trash.empty_expired_trash")
    assert waiting.run_after >= article.trash_expires_at

    database_tasks()
    assert Article.all_objects.filter(pk=article.pk).exists()  # not due yet

    with time_machine.travel(article.trash_expires_at + timedelta(minutes=2)):
        database_tasks()
    assert not Article.all_objects.filter(pk=article.pk).exists()


@pytest.mark.usefixtures("database_tasks")
def test_a_restored_article_is_not_removed_by_the_sweep_its_deletion_asked_for(
    world, database_tasks
):
    approver = world["people"]["approver"]
    article = trash(world["article"]("Tin khôi phục"), approver)
    expires = article.trash_expires_at
    services.article_restore(article=article, by=approver)
    with time_machine.travel(expires + timedelta(minutes=2)):
        database_tasks()
    assert Article.objects.filter(pk=article.pk).exists()


# What an attacker tries -----------------------------------------------------------------------


@pytest.mark.parametrize("object_id", ["abc", "999999", "-1", "1.5", "%00"])
def test_bad_ids_get_a_vietnamese_message_never_an_error(client, world, object_id):
    trash(world["article"]("Tin"), world["people"]["approver"])
    as_user(client, world["people"]["superuser"])
    for url in (f"{TRASH}{object_id}/khoi-phuc/", f"{TRASH}{object_id}/xoa-vinh-vien/"):
        response = client.post(url, {"post": "yes"}, follow=True)
        assert response.status_code in (200, 404), url
        if response.status_code == 200:
            assert NOT_FOUND in messages_of(response)
    assert Article.all_objects.trashed().count() == 1


def test_an_article_outside_the_trash_cannot_be_restored_or_removed_through_it(client, world):
    article = world["article"]("Tin đang đăng")
    as_user(client, world["people"]["superuser"])
    restored = client.post(restore_url(article.pk), follow=True)
    purged = client.post(purge_url(article.pk), {"post": "yes"}, follow=True)
    assert NOT_FOUND in messages_of(restored)
    assert NOT_FOUND in messages_of(purged)
    assert Article.objects.get(pk=article.pk).is_public


def test_another_organisations_approver_cannot_trash_or_restore(client, world):
    people = world["people"]
    article = world["article"]("Tin của Bến Tre")
    as_user(client, people["other_approver"])
    client.post(delete_url(article.pk), {"post": "yes"})
    client.post(LIST, {"action": "delete_selected", "_selected_action": [article.pk],
                       "post": "yes"})
    assert Article.objects.filter(pk=article.pk).exists()

    trash(article, people["approver"])
    response = client.post(restore_url(article.pk), follow=True)
    assert NOT_FOUND in messages_of(response)
    assert not Article.objects.filter(pk=article.pk).exists()


def test_restoring_asks_for_a_post(client, world):
    article = trash(world["article"]("Tin"), world["people"]["approver"])
    response = as_user(client, world["people"]["approver"]).get(restore_url(article.pk))
    assert response.status_code == 302
    assert response["Location"] == TRASH
    assert not Article.objects.exists()


def test_a_bad_page_number_shows_a_page(client, world):
    trash(world["article"]("Tin"), world["people"]["approver"])
    as_user(client, world["people"]["approver"])
    for page in ("abc", "0", "99999", "-1"):
        assert client.get(f"{TRASH}?p={page}").status_code == 200


def test_the_trash_is_in_the_admin_menu_of_whoever_may_see_it(client, world):
    people = world["people"]
    for name in ("admin", "approver", "reporter", "superuser"):
        as_user(client, people[name])
        index = client.get(reverse("admin:index")).content.decode()
        assert f'<a href="{TRASH}">Thùng rác bài viết</a>' in index, name
        news = client.get(reverse("admin:app_list", args=["news"]))
        assert news.status_code == 200, name
        assert "Thùng rác bài viết" in news.content.decode(), name
    for name in ("nobody",):
        index = as_user(client, people[name]).get(reverse("admin:index")).content.decode()
        assert "Thùng rác" not in index


def test_a_second_deletion_or_a_late_removal_does_nothing(world):
    approver = world["people"]["approver"]
    article = world["article"]("Tin")
    stale = Article.objects.get(pk=article.pk)
    trash(article, approver)
    services.article_delete(article=stale, by=approver)  # a second tab, a moment later
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TRASH).count() == 1

    old_copy = Article.all_objects.get(pk=article.pk)
    assert services.article_restore(article=article, by=approver) is not None
    assert services.article_restore(article=old_copy, by=approver) is None
    assert services.article_purge(article=old_copy, by=world["people"]["admin"]) is False
    assert Article.objects.get(pk=article.pk).is_public
