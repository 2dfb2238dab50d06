"""The library's admin pages (library/admin.py): the grid, search and filters, scope with
shared items, an image's page (focal point, uses, "Thay ảnh"), deleting refused while in use,
the documents' table."""

from datetime import timedelta

import pytest
from admin_forms import browser_form_data
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from factories import (
    ArticleFactory,
    ImageUseFactory,
    LibraryDocumentFactory,
    LibraryImageFactory,
    OrganizationFactory,
    SuperUserFactory,
    member,
)
from sample_files import exe_bytes, png_bytes, upload

from accounts.roles import REPORTER
from library.models import LibraryDocument, LibraryImage

pytestmark = pytest.mark.django_db

IMAGES = reverse("admin:library_libraryimage_changelist")
DOCUMENTS = reverse("admin:library_librarydocument_changelist")


def change_url(obj):
    return reverse(
        f"admin:library_{obj._meta.model_name}_change", args=[obj.pk]
    )


def delete_url(obj):
    return reverse(f"admin:library_{obj._meta.model_name}_delete", args=[obj.pk])


@pytest.fixture
def world():
    home = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    other = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy")
    return {"home": home, "other": other, "reporter": member(REPORTER, home)}


def listed(response) -> set:
    return set(response.context["cl"].result_list)


def form_of(client, obj) -> dict:
    page = client.get(change_url(obj))
    return browser_form_data(page.content.decode(), form_id=f"{obj._meta.model_name}_form")


# -- the grid ------------------------------------------------------------------------------


def test_the_grid_shows_thumbnails_with_caption_credit_organisation_and_size(client, world):
    image = LibraryImageFactory(
        organization=world["home"], caption="Đại hội Đoàn tỉnh lần thứ XI", credit="Minh Thư",
    )
    client.force_login(world["reporter"])

    page = client.get(IMAGES)

    html = page.content.decode()
    assert 'class="library-grid"' in html
    assert image.picture.jpeg[0].url in html  # the smallest copy
    assert "Đại hội Đoàn tỉnh lần thứ XI" in html
    assert "Ảnh: Minh Thư" in html
    assert "Tỉnh Đoàn Bến Tre" in html
    assert f"{image.width} × {image.height} px" in html
    assert f'name="_selected_action" value="{image.pk}"' in html
    assert 'class="library-badge library-badge-unused">Chưa dùng' in html
    ImageUseFactory(image=image)
    assert "library-badge-unused" not in client.get(IMAGES).content.decode()


def test_staff_see_their_organisation_s_and_shared_images_not_others_private(client, world):
    own = LibraryImageFactory(organization=world["home"])
    shared = LibraryImageFactory(organization=world["other"], is_shared=True)
    private = LibraryImageFactory(organization=world["other"])
    client.force_login(world["reporter"])

    assert listed(client.get(IMAGES)) == {own, shared}
    assert client.get(change_url(private)).status_code == 302  # "not found", back to the index
    client.force_login(SuperUserFactory())
    assert listed(client.get(IMAGES)) == {own, shared, private}


def test_search_ignores_diacritics_over_caption_credit_tags_and_file_name(client, world):
    def photo(**fields):
        plain = {"caption": "Ảnh", "alt_text": "Một bức ảnh", "credit": "", "tags": ""}
        return LibraryImageFactory(organization=world["home"], **{**plain, **fields})

    congress = photo(caption="Đại hội Đoàn tỉnh")
    by_credit = photo(credit="Lê Hữu Đức")
    by_tag = photo(tags="hiến máu, tình nguyện")
    by_alt = photo(alt_text="Bí thư phát biểu")
    by_name = photo()
    LibraryImage.objects.filter(pk=by_name.pk).update(original_name="Lễ-khen-thưởng.jpg")
    client.force_login(world["reporter"])

    assert listed(client.get(IMAGES, {"q": "dai hoi"})) == {congress}
    assert listed(client.get(IMAGES, {"q": "huu duc"})) == {by_credit}
    assert listed(client.get(IMAGES, {"q": "HIEN MAU"})) == {by_tag}
    assert listed(client.get(IMAGES, {"q": "bi thu phat bieu"})) == {by_alt}
    assert listed(client.get(IMAGES, {"q": "khen thuong"})) == {by_name}


def test_filters_unused_shared_organisation_and_upload_date(client, world):
    used = LibraryImageFactory(organization=world["home"])
    ImageUseFactory(image=used)
    unused = LibraryImageFactory(organization=world["home"])
    shared = LibraryImageFactory(organization=world["other"], is_shared=True)
    LibraryImage.objects.filter(pk=shared.pk).update(
        uploaded_at=timezone.now() - timedelta(days=400)
    )
    client.force_login(world["reporter"])

    assert listed(client.get(IMAGES, {"dung": "chua"})) == {unused, shared}
    assert listed(client.get(IMAGES, {"dung": "co"})) == {used}
    assert listed(client.get(IMAGES, {"is_shared__exact": "1"})) == {shared}
    page = client.get(IMAGES, {"organization__id__exact": world["other"].pk})
    assert listed(page) == {shared}
    year = timezone.localtime().year
    assert listed(client.get(IMAGES, {"uploaded_at__year": year})) == {used, unused}
    # The organisation filter offers the organisations of what the user sees, no other.
    filters = page.content.decode()
    assert "Ban Tuyên giáo Tỉnh ủy" in filters
    private_only = OrganizationFactory(name="Văn phòng Tỉnh ủy")
    LibraryImageFactory(organization=private_only)
    assert "Văn phòng Tỉnh ủy" not in client.get(IMAGES).content.decode()


# -- an image's page -----------------------------------------------------------------------


def test_the_page_shows_the_preview_and_saves_caption_credit_and_focal_point(client, world):
    image = LibraryImageFactory(organization=world["home"], caption="")
    client.force_login(world["reporter"])
    data = form_of(client, image)

    page = client.get(change_url(image))
    response = client.post(change_url(image), {
        **data, "caption": "Tuổi trẻ Bến Tre ra quân", "credit": "Hữu Đức",
        "focal_x": "0.25", "focal_y": "0.7", "tags": "ra quân, hè",
    })

    assert 'class="library-preview"' in page.content.decode()
    assert "js/library-focal.js" in page.content.decode()
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.caption, image.credit, image.focal_x, image.focal_y) == (
        "Tuổi trẻ Bến Tre ra quân", "Hữu Đức", 0.25, 0.7,
    )
    assert image.tag_list == ["ra quân", "hè"]


def test_a_focal_point_outside_the_photo_is_refused(client, world):
    image = LibraryImageFactory(organization=world["home"])
    client.force_login(world["reporter"])

    response = client.post(change_url(image), {**form_of(client, image), "focal_x": "1.5"})

    assert response.status_code == 200
    assert "focal_x" in response.context["adminform"].form.errors
    image.refresh_from_db()
    assert image.focal_x is None


def test_the_page_names_the_articles_using_the_image(client, world):
    image = LibraryImageFactory(organization=world["home"])
    article = ArticleFactory(organization=world["home"], title="Ngày hội thanh niên khởi nghiệp")
    ImageUseFactory(image=image, article=article)
    client.force_login(world["reporter"])

    html = client.get(change_url(image)).content.decode()

    assert "Dùng trong các bài" in html
    assert "Ngày hội thanh niên khởi nghiệp" in html
    assert reverse("admin:news_article_change", args=[article.pk]) in html
    unused = LibraryImageFactory(organization=world["home"])
    assert "Chưa dùng ở đâu." in client.get(change_url(unused)).content.decode()


def test_thay_anh_replaces_the_file_and_keeps_the_record(client, world):
    image = LibraryImageFactory(organization=world["home"], caption="Lễ ra quân")
    ImageUseFactory(image=image)
    old_name = image.file.name
    client.force_login(world["reporter"])

    response = client.post(change_url(image), {
        **form_of(client, image), "new_file": upload(png_bytes(size=(120, 90)), "anh-moi.png"),
    })

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.file.name != old_name
    assert (image.width, image.height, image.original_name) == (120, 90, "anh-moi.png")
    assert image.caption == "Lễ ra quân"
    assert image.article_uses.count() == 1
    assert image.renditions["source"] == image.file.name


def test_thay_anh_with_a_file_that_is_no_photo_is_refused(client, world):
    image = LibraryImageFactory(organization=world["home"])
    old_name = image.file.name
    client.force_login(world["reporter"])

    response = client.post(change_url(image), {
        **form_of(client, image), "new_file": upload(exe_bytes(), "anh.jpg"),
    })

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["new_file"]
    image.refresh_from_db()
    assert image.file.name == old_name


def test_a_shared_image_of_another_organisation_is_read_only(client, world):
    shared = LibraryImageFactory(organization=world["other"], is_shared=True, caption="Logo")
    client.force_login(SuperUserFactory())
    superuser_form = form_of(client, shared)
    client.force_login(world["reporter"])

    page = client.get(change_url(shared))
    posted = client.post(change_url(shared), {**superuser_form, "caption": "Sửa trộm"})
    deleted = client.post(delete_url(shared), {"post": "yes"})

    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert "Thay ảnh" not in page.content.decode()
    assert posted.status_code == 403
    assert deleted.status_code == 403
    shared.refresh_from_db()
    assert shared.caption == "Logo"


def test_another_organisation_s_private_image_cannot_be_changed_or_deleted(client, world):
    private = LibraryImageFactory(organization=world["other"], caption="Ảnh riêng")
    client.force_login(SuperUserFactory())
    data = form_of(client, private)
    client.force_login(world["reporter"])

    client.post(change_url(private), {**data, "caption": "Sửa trộm"})
    client.post(delete_url(private), {"post": "yes"})
    client.post(IMAGES, {
        "action": "delete_selected", "_selected_action": [private.pk], "post": "yes",
    })

    private.refresh_from_db()
    assert private.caption == "Ảnh riêng"


def test_moving_an_image_to_an_organisation_out_of_scope_is_refused(client, world):
    image = LibraryImageFactory(organization=world["home"])
    client.force_login(world["reporter"])

    response = client.post(change_url(image), {
        **form_of(client, image), "organization": world["other"].pk,
    })

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["organization"]
    image.refresh_from_db()
    assert image.organization == world["home"]


# -- deleting ------------------------------------------------------------------------------


def test_deleting_an_image_in_use_is_refused_naming_the_articles(client, world):
    image = LibraryImageFactory(organization=world["home"], caption="Hội trường")
    ImageUseFactory(image=image, article=ArticleFactory(title="Hội nghị Ban Chấp hành"))
    client.force_login(world["reporter"])

    shown = client.get(delete_url(image), follow=True)
    posted = client.post(delete_url(image), {"post": "yes"}, follow=True)

    for response in (shown, posted):
        assert response.redirect_chain[0][0] == change_url(image)
        message = " ".join(str(m) for m in response.context["messages"])
        assert "Không xóa được “Hội trường”" in message
        assert "“Hội nghị Ban Chấp hành”" in message
    assert LibraryImage.objects.filter(pk=image.pk).exists()


def test_the_bulk_delete_spares_images_in_use_and_deletes_the_others(client, world):
    used = LibraryImageFactory(organization=world["home"], caption="Đang dùng")
    ImageUseFactory(image=used, article=ArticleFactory(title="Bài có ảnh"))
    free = LibraryImageFactory(organization=world["home"], caption="Không dùng")
    client.force_login(world["reporter"])
    selection = {"action": "delete_selected", "_selected_action": [used.pk, free.pk]}

    confirmation = client.post(IMAGES, selection)
    done = client.post(IMAGES, {**selection, "post": "yes"}, follow=True)

    assert confirmation.status_code == 200
    assert "Không dùng" in confirmation.content.decode()
    message = " ".join(str(m) for m in done.context["messages"])
    assert "Không xóa được “Đang dùng”" in message
    assert "“Bài có ảnh”" in message
    assert list(LibraryImage.objects.all()) == [used]


def test_the_bulk_delete_of_images_all_in_use_deletes_nothing(client, world):
    used = LibraryImageFactory(organization=world["home"])
    ImageUseFactory(image=used)
    client.force_login(world["reporter"])

    response = client.post(IMAGES, {
        "action": "delete_selected", "_selected_action": [used.pk], "post": "yes",
    }, follow=True)

    assert response.status_code == 200
    assert LibraryImage.objects.filter(pk=used.pk).exists()


def test_an_unused_image_is_deleted(client, world):
    image = LibraryImageFactory(organization=world["home"])
    client.force_login(world["reporter"])

    response = client.post(delete_url(image), {"post": "yes"})

    assert response.status_code == 302
    assert not LibraryImage.objects.exists()


# -- documents -----------------------------------------------------------------------------


def test_the_documents_table_lists_title_kind_size_and_organisation(client, world):
    document = LibraryDocumentFactory(organization=world["home"], title="Kế hoạch Tháng Thanh niên")
    LibraryDocumentFactory(organization=world["other"], title="Tài liệu riêng của tỉnh ủy")
    client.force_login(world["reporter"])

    page = client.get(DOCUMENTS)
    found = client.get(DOCUMENTS, {"q": "thang thanh nien"})

    html = page.content.decode()
    assert listed(page) == {document}
    assert "Kế hoạch Tháng Thanh niên" in html
    assert "PDF" in html
    assert filesizeformat(document.file.size) in html
    assert "Tải tài liệu lên" in html
    assert listed(found) == {document}


def test_a_document_s_title_is_edited_and_another_s_is_not(client, world):
    own = LibraryDocumentFactory(organization=world["home"])
    other = LibraryDocumentFactory(organization=world["other"], title="Văn bản của tỉnh ủy")
    client.force_login(SuperUserFactory())
    other_form = form_of(client, other)
    client.force_login(world["reporter"])

    response = client.post(change_url(own), {**form_of(client, own), "title": "Biên bản họp"})
    client.post(change_url(other), {**other_form, "title": "Sửa trộm"})

    assert response.status_code == 302
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.title == "Biên bản họp"
    assert other.title == "Văn bản của tỉnh ủy"
    assert "Chưa dùng ở đâu." in client.get(change_url(own)).content.decode()


def test_an_unused_document_is_deleted(client, world):
    document = LibraryDocumentFactory(organization=world["home"])
    client.force_login(world["reporter"])

    client.post(delete_url(document), {"post": "yes"})

    assert not LibraryDocument.objects.exists()
