"""The article's cover is an image of the library: chosen in the article form among the
images the user may use, or uploaded there into the library; required to describe itself
(alternative text) before the article is published; shown on cards, the article page's
og:image and the history."""

import re

import pytest
from admin_forms import browser_data
from django.core.files.uploadedfile import SimpleUploadedFile
from factories import image_bytes, image_file

from library.models import LibraryImage
from news import services
from news.models import Article

pytestmark = pytest.mark.django_db

Status = Article.Status
CHANGE = "/admin/news/article/{}/change/"
ADD = "/admin/news/article/add/"


def library_image(organization, *, caption="", alt_text="Ảnh mô tả", is_shared=False,
                  name="anh.jpg"):
    image = LibraryImage(
        file=image_file(name, size=(320, 180)), organization=organization, caption=caption,
        alt_text=alt_text, is_shared=is_shared,
    )
    image.save()
    return image


def upload(name="bia-moi.jpg", content=None):
    return SimpleUploadedFile(name, content or image_bytes(size=(320, 180)), "image/jpeg")


def html(response) -> str:
    return response.content.decode()


def offered_covers(response) -> set[int]:
    return {
        int(value) for value in re.findall(r'name="cover" value="(\d+)"', html(response))
    }


def checked_cover(response) -> str | None:
    pattern = r'<input type="radio" name="cover" value="(\d*)"[^>]* checked'
    match = re.search(pattern, html(response))
    return match.group(1) if match else None


# -- which images the form offers and accepts ------------------------------------------


def test_the_form_offers_the_images_of_the_users_scope_and_the_shared_ones(client, newsroom):
    own = library_image(newsroom.board, caption="Ảnh của Ban Tuyên giáo")
    above = library_image(newsroom.province, caption="Ảnh của Tỉnh ủy")
    shared = library_image(newsroom.other, caption="Chân dung lãnh đạo", is_shared=True)
    foreign = library_image(newsroom.other, caption="Ảnh riêng của Trà Vinh")
    client.force_login(newsroom.people.editor)  # a member of the province: the board is under it

    page = client.get(ADD)

    assert offered_covers(page) == {own.pk, above.pk, shared.pk}
    assert foreign.pk not in offered_covers(page)
    assert "Không có ảnh đại diện" in html(page)
    assert "Tải ảnh mới" in html(page)


def test_a_reporter_of_the_board_does_not_see_the_images_of_the_province(client, newsroom):
    own = library_image(newsroom.board)
    library_image(newsroom.province)
    client.force_login(newsroom.people.reporter)

    assert offered_covers(client.get(ADD)) == {own.pk}


def test_choosing_a_cover_saves_it_and_the_list_and_cards_show_it(client, newsroom):
    article = newsroom.article(author=newsroom.people.reporter)
    image = library_image(newsroom.board, caption="Lễ ra quân")
    client.force_login(newsroom.people.reporter)
    page = client.get(CHANGE.format(article.pk))

    response = client.post(CHANGE.format(article.pk), browser_data(page, cover=str(image.pk)))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.cover == image
    assert article.history.first().cover_id == image.pk
    again = client.get(CHANGE.format(article.pk))
    assert checked_cover(again) == str(image.pk)


def test_a_tampered_post_with_another_organisations_image_is_refused_in_vietnamese(
    client, newsroom
):
    article = newsroom.article(author=newsroom.people.reporter)
    foreign = library_image(newsroom.other, caption="Ảnh riêng của Trà Vinh")
    client.force_login(newsroom.people.reporter)
    page = client.get(CHANGE.format(article.pk))

    response = client.post(CHANGE.format(article.pk), browser_data(page, cover=str(foreign.pk)))

    assert response.status_code == 200
    assert "Ảnh này không thuộc thư viện ảnh mà bạn được dùng" in html(response)
    article.refresh_from_db()
    assert article.cover_id is None


@pytest.mark.parametrize("value", ["999999", "abc", "-1"])
def test_an_unknown_or_malformed_image_id_is_a_form_error_not_a_500(client, newsroom, value):
    article = newsroom.article(author=newsroom.people.reporter)
    client.force_login(newsroom.people.reporter)
    page = client.get(CHANGE.format(article.pk))

    response = client.post(CHANGE.format(article.pk), browser_data(page, cover=value))

    assert response.status_code == 200
    assert "Ảnh này không thuộc thư viện ảnh" in html(response)


def test_a_cover_set_by_someone_of_wider_scope_stays_valid_for_the_writer(client, newsroom):
    above = library_image(newsroom.province, caption="Ảnh của Tỉnh ủy")
    article = newsroom.article(author=newsroom.people.reporter, cover=above)
    client.force_login(newsroom.people.reporter)
    page = client.get(CHANGE.format(article.pk))
    assert checked_cover(page) == str(above.pk)  # shown although outside their scope

    response = client.post(CHANGE.format(article.pk), browser_data(page, title="Tiêu đề mới"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.cover) == ("Tiêu đề mới", above)


# -- uploading a new image from the article form -------------------------------------


def test_an_uploaded_image_goes_to_the_library_of_the_articles_organisation(client, newsroom):
    article = newsroom.article(author=newsroom.people.reporter)
    client.force_login(newsroom.people.reporter)
    page = client.get(CHANGE.format(article.pk))

    response = client.post(
        CHANGE.format(article.pk), browser_data(page, cover_upload=upload("bia-hoi-nghi.jpg"))
    )

    assert response.status_code == 302
    image = LibraryImage.objects.get()
    assert (image.organization, image.uploaded_by, image.original_name, image.is_shared) == (
        newsroom.board, newsroom.people.reporter, "bia-hoi-nghi.jpg", False
    )
    assert image.card_renditions["source"] == image.file.name
    article.refresh_from_db()
    assert article.cover == image


def test_a_save_refused_for_another_reason_keeps_the_upload_chosen(client, newsroom):
    article = newsroom.article(author=newsroom.people.reporter)
    client.force_login(newsroom.people.reporter)
    page = client.get(CHANGE.format(article.pk))

    refused = client.post(
        CHANGE.format(article.pk), browser_data(page, title="", cover_upload=upload()),
    )

    assert refused.status_code == 200
    assert "Trường này là bắt buộc" in html(refused) or "bắt buộc" in html(refused)
    image = LibraryImage.objects.get()  # in the library already, uploaded once
    assert checked_cover(refused) == str(image.pk)
    article.refresh_from_db()
    assert article.cover_id is None  # nothing of the refused form was saved

    # The form as shown again, with the title typed, saves the chosen image: no new upload.
    response = client.post(CHANGE.format(article.pk), browser_data(refused, title="Đã sửa"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.cover) == ("Đã sửa", image)
    assert LibraryImage.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"Day la van ban", "anh.jpg", "Tệp không phải là ảnh hợp lệ"),
        (image_bytes("BMP"), "anh.bmp", "Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF"),
    ],
)
def test_a_refused_upload_says_why_and_creates_nothing(client, newsroom, content, name, message):
    article = newsroom.article(author=newsroom.people.reporter)
    client.force_login(newsroom.people.reporter)
    page = client.get(CHANGE.format(article.pk))

    response = client.post(
        CHANGE.format(article.pk), browser_data(page, cover_upload=upload(name, content))
    )

    assert response.status_code == 200
    assert message in html(response)
    assert LibraryImage.objects.count() == 0


def test_a_new_article_with_an_upload_and_no_organisation_is_told_to_choose_one(client, newsroom):
    client.force_login(newsroom.people.reporter)
    page = client.get(ADD)
    data = browser_data(page, title="Bài mới", category=str(newsroom.category.pk),
                        body="<p>Nội dung</p>", organization="", cover_upload=upload())

    response = client.post(ADD, data)

    assert response.status_code == 200
    assert "Chọn tổ chức của bài viết trước khi tải ảnh lên." in html(response)
    assert LibraryImage.objects.count() == 0


# -- alternative text before publishing ------------------------------------------------


def test_publishing_with_a_cover_without_description_is_refused_naming_the_image(
    client, newsroom
):
    image = library_image(newsroom.board, caption="Lễ ra quân hè", alt_text="")
    pending = newsroom.article(status=Status.PENDING, cover=image)
    client.force_login(newsroom.people.approver)
    page = client.get(CHANGE.format(pending.pk))

    response = client.post(CHANGE.format(pending.pk), browser_data(page, move="publish"))

    assert response.status_code == 200
    assert "Ảnh đại diện “Lễ ra quân hè” chưa có mô tả ảnh cho người khiếm thị" in html(response)
    pending.refresh_from_db()
    assert pending.status == Status.PENDING

    image.alt_text = "Đoàn viên xếp hàng trước tượng đài Đồng Khởi"
    image.save()
    response = client.post(CHANGE.format(pending.pk), browser_data(page, move="publish"))
    pending.refresh_from_db()
    assert pending.status == Status.PUBLISHED


def test_choosing_an_undescribed_cover_in_the_publishing_save_is_refused(client, newsroom):
    pending = newsroom.article(status=Status.PENDING)
    image = library_image(newsroom.board, caption="Ảnh chưa mô tả", alt_text="  ")
    client.force_login(newsroom.people.approver)
    page = client.get(CHANGE.format(pending.pk))

    response = client.post(
        CHANGE.format(pending.pk), browser_data(page, cover=str(image.pk), move="publish")
    )

    assert response.status_code == 200
    assert "Ảnh đại diện “Ảnh chưa mô tả” chưa có mô tả ảnh" in html(response)
    pending.refresh_from_db()
    assert (pending.status, pending.cover_id) == (Status.PENDING, None)


def test_the_move_service_refuses_scheduling_an_undescribed_cover_too(newsroom):
    image = library_image(newsroom.board, alt_text="", name="khong-mo-ta.jpg")
    pending = newsroom.article(status=Status.PENDING, cover=image)

    with pytest.raises(services.MoveRefused, match=re.escape("khong-mo-ta.jpg")):
        services.article_move(
            article=pending, move="schedule", by=newsroom.people.approver,
            publish_at=pending.created_at.replace(year=pending.created_at.year + 1),
        )
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_sending_for_review_needs_no_description_yet(client, newsroom):
    image = library_image(newsroom.board, alt_text="")
    draft = newsroom.article(cover=image)
    client.force_login(newsroom.people.reporter)
    page = client.get(CHANGE.format(draft.pk))

    client.post(CHANGE.format(draft.pk), browser_data(page, move="submit"))

    draft.refresh_from_db()
    assert draft.status == Status.PENDING


# -- what readers see ---------------------------------------------------------------


def test_cards_and_og_image_show_the_library_images_card_copies(client, newsroom):
    image = library_image(newsroom.board, name="bia.jpg")
    article = newsroom.article(status=Status.PUBLISHED, cover=image, title="Bài có ảnh bìa")

    listing = client.get("/tin-tuc/").content.decode()
    page = client.get(article.get_absolute_url()).content.decode()

    largest = image.card_picture.largest_jpeg
    assert largest.url in page
    og_image = f'<meta property="og:image" content="http://testserver{largest.url}">'
    assert og_image in page
    card_urls = {rendition.url for rendition in image.card_picture.jpeg}
    assert any(url in listing for url in card_urls)
    assert image.file.url not in listing  # the card copies, never the upload itself


def test_an_article_without_cover_is_shared_with_the_portal_picture(client, newsroom):
    article = newsroom.article(status=Status.PUBLISHED)
    html = client.get(article.get_absolute_url()).content.decode()
    assert re.search(
        r'property="og:image" content="http://testserver/static/img/share-default[^"]*\.png"', html
    )


def test_an_image_used_as_cover_cannot_be_deleted_from_the_library(newsroom):
    from django.db.models import ProtectedError

    image = library_image(newsroom.board)
    newsroom.article(cover=image)
    with pytest.raises(ProtectedError):
        image.delete()


# -- history -------------------------------------------------------------------------


def test_restoring_a_version_brings_its_cover_back_unless_it_left_the_library(newsroom):
    old = library_image(newsroom.board, caption="Ảnh cũ")
    new = library_image(newsroom.board, caption="Ảnh mới")
    gone = library_image(newsroom.board, caption="Ảnh đã xóa")
    article = newsroom.article(cover=old)
    first = article.history.first()
    for cover in (gone, new):
        article.cover = cover
        services.article_save(article=article, by=newsroom.people.reporter)
    with_gone = article.history.order_by("-history_id")[1]
    assert with_gone.cover_id == gone.pk

    services.article_restore_version(article=article, version=first, by=newsroom.people.reporter)
    article.refresh_from_db()
    assert article.cover == old

    Article.all_objects.filter(pk=article.pk).update(cover=new)
    article.refresh_from_db()
    gone_pk = gone.pk
    gone.delete()
    result = services.article_restore_version(
        article=article, version=article.history.get(history_id=with_gone.history_id),
        by=newsroom.people.reporter,
    )
    article.refresh_from_db()
    assert article.cover == new
    assert gone_pk not in {article.cover_id}
    assert any("đã bị xóa khỏi thư viện ảnh" in note for note in result.notes)


def test_the_lists_publish_action_skips_an_article_whose_cover_is_undescribed(client, newsroom):
    undescribed = library_image(newsroom.board, caption="Ảnh thiếu mô tả", alt_text="")
    blocked = newsroom.article(title="Bài có ảnh thiếu mô tả", cover=undescribed)
    ready = newsroom.article(title="Bài có ảnh đủ mô tả", cover=library_image(newsroom.board))
    client.force_login(newsroom.people.approver)

    response = client.post("/admin/news/article/", {
        "action": "publish_selected", "_selected_action": [blocked.pk, ready.pk],
    }, follow=True)

    blocked.refresh_from_db()
    ready.refresh_from_db()
    assert (blocked.status, ready.status) == (Status.DRAFT, Status.PUBLISHED)
    assert "Chưa đăng “Bài có ảnh thiếu mô tả”: Ảnh đại diện “Ảnh thiếu mô tả”" in html(response)
    assert "Đã đăng 1 bài viết." in html(response)


def test_the_article_page_shows_its_cover_above_the_text_with_caption_and_credit(
    client, newsroom
):
    image = library_image(newsroom.board, caption="Quang cảnh hội nghị", alt_text="Hội trường")
    LibraryImage.objects.filter(pk=image.pk).update(credit="Minh Thư")
    article = newsroom.article(
        status=Status.PUBLISHED, cover=image, body="<p>Đoạn đầu.</p>", title="Bài có ảnh bìa"
    )
    page = html(client.get(article.get_absolute_url()))
    cover = re.search(r'<figure class="article-cover">(.*?)</figure>', page, re.S)
    assert cover, "the cover stands above the text"
    assert 'alt="Hội trường"' in cover.group(1)
    assert "Quang cảnh hội nghị" in cover.group(1)
    assert "(Ảnh: Minh Thư)" in cover.group(1)
    assert page.index('class="article-cover"') < page.index('class="article-body"')


def test_a_cover_the_text_already_shows_is_not_shown_twice(client, newsroom):
    from factories import figure_html

    image = library_image(newsroom.board, caption="Quang cảnh hội nghị")
    article = newsroom.article(
        status=Status.PUBLISHED, cover=image, body=figure_html(image) + "<p>Đoạn đầu.</p>"
    )
    services.article_save(article=article, by=None)
    page = html(client.get(article.get_absolute_url()))
    assert 'class="article-cover"' not in page
    assert "Hình 1:</span> Quang cảnh hội nghị" in page
