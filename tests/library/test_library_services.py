"""library/services.py: uploads checked and stored, a replaced file under a new name with the
texts told, deleting refused while something uses the item, unused items removed."""

import pytest
from django.core.exceptions import ValidationError
from factories import (
    ArticleFactory,
    ImageUseFactory,
    LibraryDocumentFactory,
    LibraryImageFactory,
    OrganizationFactory,
    StaffUserFactory,
)
from PIL import Image
from sample_files import docx_bytes, exe_bytes, jpeg_bytes, pdf_bytes, png_bytes, upload

from images.uploads import is_unguessable
from library import services
from library.models import LibraryDocument, LibraryImage

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization():
    return OrganizationFactory(name="Tỉnh Đoàn Bến Tre")


def test_upload_image_stores_the_photo_with_its_uploader_and_renditions(organization):
    reporter = StaffUserFactory()

    image = services.upload_image(
        file=upload(jpeg_bytes(size=(640, 480)), "Đại hội Đoàn.jpg"),
        organization=organization, uploaded_by=reporter, caption="Đại hội Đoàn tỉnh",
        credit="Minh Thư",
    )

    image.refresh_from_db()
    assert image.uploaded_by == reporter
    assert image.organization == organization
    assert image.original_name == "Đại hội Đoàn.jpg"
    assert is_unguessable(image.file.name)
    assert image.file.name.startswith("library/images/")
    assert (image.width, image.height) == (640, 480)
    assert image.caption == "Đại hội Đoàn tỉnh"
    # The tests' task backend runs at once: the renditions are there on return.
    assert image.renditions["source"] == image.file.name
    assert image.picture
    assert not image.picture.pending


def test_upload_image_downscales_a_camera_sized_photo(organization, settings):
    image = services.upload_image(
        file=upload(jpeg_bytes(size=(2600, 1300)), "may-anh.jpg"),
        organization=organization, uploaded_by=None,
    )

    with Image.open(image.file) as stored:
        assert stored.size == (2000, 1000)
    assert (image.width, image.height) == (2000, 1000)


@pytest.mark.parametrize(("content", "name", "message"), [
    (exe_bytes(), "anh.jpg", "không phải là ảnh hợp lệ"),
    (pdf_bytes(), "tai-lieu.pdf", "Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF"),
])
def test_upload_image_refuses_what_is_not_a_photo(organization, content, name, message):
    with pytest.raises(ValidationError) as refused:
        services.upload_image(
            file=upload(content, name), organization=organization, uploaded_by=None
        )

    assert message in " ".join(refused.value.messages)
    assert not LibraryImage.objects.exists()


def test_upload_document_titles_it_from_the_file_name(organization):
    document = services.upload_document(
        file=upload(pdf_bytes(), "Ke-hoach_so-12-KH-TĐTN.pdf"), organization=organization,
        uploaded_by=None,
    )

    assert document.title == "Ke hoach so 12 KH TĐTN"
    assert document.kind == "PDF"
    assert document.original_name == "Ke-hoach_so-12-KH-TĐTN.pdf"


def test_upload_document_keeps_a_given_title_and_refuses_a_renamed_file(organization):
    document = services.upload_document(
        file=upload(docx_bytes(), "bien-ban.docx"), organization=organization,
        uploaded_by=None, title="Biên bản hội nghị",
    )
    assert document.title == "Biên bản hội nghị"

    with pytest.raises(ValidationError, match="không khớp"):
        services.upload_document(
            file=upload(png_bytes(), "gia-mao.pdf"), organization=organization, uploaded_by=None
        )
    assert LibraryDocument.objects.count() == 1


def test_replacing_a_file_keeps_the_record_and_tells_the_texts(
    organization, django_capture_on_commit_callbacks
):
    image = LibraryImageFactory(organization=organization, caption="Lễ ra quân")
    old_name, old_url = image.file.name, image.file.url
    heard = []

    def receiver(sender, **kwargs):
        heard.append(kwargs)

    services.image_file_replaced.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.image_replace_file(
                image=image, file=upload(png_bytes(size=(300, 200)), "anh-moi.png")
            )
    finally:
        services.image_file_replaced.disconnect(receiver)

    image.refresh_from_db()
    assert image.caption == "Lễ ra quân"
    assert image.file.name != old_name
    assert image.file.name.endswith(".png")
    assert image.original_name == "anh-moi.png"
    assert (image.width, image.height) == (300, 200)
    assert image.renditions["source"] == image.file.name
    # The old file stays: a page not yet rewritten still shows it.
    assert image.file.storage.exists(old_name)
    assert heard == [{
        "signal": services.image_file_replaced, "image": image, "old_name": old_name,
        "old_url": old_url, "new_url": image.file.url,
    }]


def test_replacing_with_a_bad_file_changes_nothing(organization):
    image = LibraryImageFactory(organization=organization)
    name = image.file.name

    with pytest.raises(ValidationError):
        services.image_replace_file(image=image, file=upload(exe_bytes(), "anh.jpg"))

    image.refresh_from_db()
    assert image.file.name == name


def test_an_image_in_use_is_not_deleted_and_its_articles_are_named(organization):
    image = LibraryImageFactory(organization=organization)
    article = ArticleFactory(organization=organization, title="Tuổi trẻ ra quân hè tình nguyện")
    ImageUseFactory(image=image, article=article)
    ImageUseFactory(image=image, article=article, as_cover=True)

    with pytest.raises(services.ItemInUse) as refused:
        services.item_delete(item=image)

    assert [use.obj for use in refused.value.uses] == [article]  # once, though used twice
    assert LibraryImage.objects.filter(pk=image.pk).exists()


def test_an_unused_item_is_deleted():
    image, document = LibraryImageFactory(), LibraryDocumentFactory()

    services.item_delete(item=image)
    services.item_delete(item=document)

    assert not LibraryImage.objects.exists()
    assert not LibraryDocument.objects.exists()


def test_removing_unused_items_deletes_their_files_and_keeps_those_in_use(
    django_capture_on_commit_callbacks,
):
    unused, used = LibraryImageFactory(), LibraryImageFactory()
    ImageUseFactory(image=used)
    name = unused.file.name

    with django_capture_on_commit_callbacks(execute=True):
        removed, kept = services.unused_remove(items=[unused, used])

    assert (removed, kept) == (1, [str(used)])
    assert not unused.file.storage.exists(name)
    assert list(LibraryImage.objects.all()) == [used]
