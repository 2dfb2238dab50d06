"""A photo of the library shown in an article's text needs a description for readers who
cannot see it (its alternative text, in the figure or in the library) before the article
is published; sending it for review does not."""

import re

import pytest
from admin_forms import browser_data
from factories import LibraryImageFactory, figure_html

from news import services
from news.figures import undescribed_photos
from news.models import Article

Status = Article.Status
CHANGE = "/admin/news/article/{}/change/"

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def photo(organization, *, caption, alt_text=""):
    return LibraryImageFactory(organization=organization, caption=caption, alt_text=alt_text)


def test_a_photo_is_described_by_its_figure_or_by_the_library(newsroom):
    bare = photo(newsroom.board, caption="Lễ ra quân hè")
    in_library = photo(newsroom.board, caption="Trao quà", alt_text="Bí thư trao quà")
    body = (
        "<p>Mở đầu.</p>"
        + figure_html(bare, alt="")
        + figure_html(in_library, alt="")
        + figure_html(bare, caption="Lần nữa", alt="Đoàn viên xếp hàng")
        + '<figure class="image"><img src="/media/editor/2025/01/cu.jpg"></figure>'
    )
    assert undescribed_photos(body) == ["Lễ ra quân hè"]


def test_publishing_a_text_with_an_undescribed_photo_is_refused_naming_it(client, newsroom):
    bare = photo(newsroom.board, caption="Lễ ra quân hè")
    pending = newsroom.article(
        status=Status.PENDING, body="<p>Sáng nay.</p>" + figure_html(bare, alt="")
    )
    client.force_login(newsroom.people.approver)
    page = client.get(CHANGE.format(pending.pk))

    response = client.post(CHANGE.format(pending.pk), browser_data(page, move="publish"))

    assert response.status_code == 200
    assert (
        "Ảnh “Lễ ra quân hè” trong nội dung chưa có mô tả ảnh cho người khiếm thị"
        in html(response)
    )
    pending.refresh_from_db()
    assert pending.status == Status.PENDING

    bare.alt_text = "Đoàn viên xếp hàng trước tượng đài Đồng Khởi"
    bare.save()
    client.post(CHANGE.format(pending.pk), browser_data(page, move="publish"))
    pending.refresh_from_db()
    assert pending.status == Status.PUBLISHED


def test_describing_the_photo_in_the_publishing_save_is_enough(client, newsroom):
    bare = photo(newsroom.board, caption="Lễ ra quân hè")
    pending = newsroom.article(status=Status.PENDING, body=figure_html(bare, alt=""))
    client.force_login(newsroom.people.approver)
    page = client.get(CHANGE.format(pending.pk))

    described = figure_html(bare, alt="Đoàn viên xếp hàng")
    client.post(CHANGE.format(pending.pk), browser_data(page, body=described, move="publish"))

    pending.refresh_from_db()
    assert pending.status == Status.PUBLISHED


def test_the_move_service_and_the_lists_action_refuse_it_too(client, newsroom):
    bare = photo(newsroom.board, caption="Ảnh thiếu mô tả")
    blocked = newsroom.article(title="Bài có ảnh thiếu mô tả", body=figure_html(bare, alt=""))
    with pytest.raises(services.MoveRefused, match=re.escape("Ảnh thiếu mô tả")):
        services.article_move(article=blocked, move="publish", by=newsroom.people.approver)

    ready = newsroom.article(title="Bài đủ mô tả", body=figure_html(bare, alt="Hội trường"))
    client.force_login(newsroom.people.approver)
    response = client.post("/admin/news/article/", {
        "action": "publish_selected", "_selected_action": [blocked.pk, ready.pk],
    }, follow=True)

    blocked.refresh_from_db()
    ready.refresh_from_db()
    assert (blocked.status, ready.status) == (Status.DRAFT, Status.PUBLISHED)
    assert "Chưa đăng “Bài có ảnh thiếu mô tả”: Ảnh “Ảnh thiếu mô tả”" in html(response)


def test_sending_for_review_needs_no_description_yet(client, newsroom):
    bare = photo(newsroom.board, caption="Lễ ra quân hè")
    draft = newsroom.article(body=figure_html(bare, alt=""))
    client.force_login(newsroom.people.reporter)
    page = client.get(CHANGE.format(draft.pk))

    client.post(CHANGE.format(draft.pk), browser_data(page, move="submit"))

    draft.refresh_from_db()
    assert draft.status == Status.PENDING


def test_a_new_article_starts_in_the_writers_only_organisation(client, newsroom):
    client.force_login(newsroom.people.reporter)
    page = html(client.get("/admin/news/article/add/"))
    assert re.search(
        rf'<option value="{newsroom.board.pk}" selected>', page
    ), "the reporter's one organisation is chosen"


def test_a_photo_of_another_organisations_library_cannot_be_put_in_a_text(client, newsroom):
    """A copied address of another organisation's private photo is refused like a cover."""
    foreign = photo(newsroom.other, caption="Ảnh riêng của đơn vị khác", alt_text="Hội trường")
    shared = LibraryImageFactory(organization=newsroom.other, is_shared=True, alt_text="Cờ")
    draft = newsroom.article()
    client.force_login(newsroom.people.reporter)
    page = client.get(CHANGE.format(draft.pk))

    response = client.post(CHANGE.format(draft.pk), browser_data(
        page, body="<p>Mở đầu.</p>" + figure_html(foreign),
    ))
    assert response.status_code == 200
    assert "Ảnh “Ảnh riêng của đơn vị khác” không thuộc thư viện ảnh mà bạn được dùng" in html(
        response
    )
    draft.refresh_from_db()
    assert foreign.file.name not in draft.body

    response = client.post(CHANGE.format(draft.pk), browser_data(
        page, body="<p>Mở đầu.</p>" + figure_html(shared),
    ))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert shared.file.name in draft.body


def test_a_directive_makes_its_document_public_in_the_library(newsroom):
    from factories import DirectiveFactory, LibraryDocumentFactory

    document = LibraryDocumentFactory(organization=newsroom.board, is_shared=False)
    directive = DirectiveFactory()
    directive.document = document
    services.directive_save(directive=directive)
    document.refresh_from_db()
    assert document.is_shared
