"""Upload checks: images really decode, stay small, and are JPEG/PNG/WebP/GIF; attachments
are real PDF/DOC/DOCX/XLSX/ODT files. Every refusal carries a Vietnamese message."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from factories import OrganizationFactory, image_file
from sample_files import (
    doc_bytes,
    docx_bytes,
    exe_bytes,
    image_bytes,
    jpeg_bytes,
    noisy_jpeg_bytes,
    odt_bytes,
    pdf_bytes,
    png_bomb_bytes,
    png_bytes,
    upload,
    xlsx_bytes,
    zip_bytes,
)

from core.validators import validate_attachment_file, validate_image_file


def refusal(validator, content: bytes, name: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validator(upload(content, name))
    return caught.value


# -- images --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (jpeg_bytes(), "anh.jpg"),
        (jpeg_bytes(), "ANH.JPEG"),
        (png_bytes(), "anh.png"),
        (image_bytes("WEBP"), "anh.webp"),
        (image_bytes("GIF", mode="P"), "anh.gif"),
        (png_bomb_bytes(6000, 6000), "ban-do-lon.png"),  # 36 million pixels: within the limit
    ],
)
def test_real_images_are_accepted(content, name):
    file = upload(content, name)
    validate_image_file(file)
    assert file.tell() == 0  # the file is left ready to be stored


def test_the_read_position_is_restored():
    file = upload(jpeg_bytes(), "anh.jpg")
    file.seek(5)
    validate_image_file(file)
    assert file.tell() == 5


@pytest.mark.parametrize(
    ("content", "name", "code", "message"),
    [
        (b"Day khong phai la anh", "anh.jpg", "invalid_image", "không phải là ảnh hợp lệ"),
        (b"", "rong.png", "invalid_image", "không phải là ảnh hợp lệ"),
        (jpeg_bytes()[:300], "cut-ngang.jpg", "invalid_image", "đã bị hỏng"),
        (b"GIF89a/*\x00\x00\x00\x00*/=alert(1)//", "polyglot.gif", "invalid_image", "không phải"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "vector.png", "invalid_image", "không phải là ảnh hợp lệ",
        ),
        (exe_bytes(), "virus.jpg", "invalid_image", "không phải là ảnh hợp lệ"),
        (image_bytes("BMP"), "anh.jpg", "invalid_image_format", "BMP không được hỗ trợ"),
        (image_bytes("TIFF"), "anh.png", "invalid_image_format", "TIFF không được hỗ trợ"),
        (image_bytes("BMP"), "anh.bmp", "invalid_image_extension", "Chỉ nhận ảnh JPEG, PNG"),
        (image_bytes("TIFF"), "anh.tiff", "invalid_image_extension", "Chỉ nhận ảnh JPEG, PNG"),
        (jpeg_bytes(), "anh.svg", "invalid_image_extension", "Chỉ nhận ảnh JPEG, PNG"),
        (jpeg_bytes(), "anh", "invalid_image_extension", "Chỉ nhận ảnh JPEG, PNG"),
        (jpeg_bytes(), "anh.jpg.exe", "invalid_image_extension", "Chỉ nhận ảnh JPEG, PNG"),
    ],
)
def test_fake_broken_and_unsupported_images_are_refused(content, name, code, message):
    error = refusal(validate_image_file, content, name)
    assert error.code == code
    assert message in " ".join(error.messages)


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    bomb = png_bomb_bytes(10_000, 10_000)  # 100 million pixels in about 12 kB
    assert len(bomb) < 50_000
    error = refusal(validate_image_file, bomb, "bom.png")
    assert error.code == "image_too_many_pixels"
    assert "10000×10000" in error.messages[0]
    assert "Tối đa 40 triệu điểm ảnh" in error.messages[0]


def test_a_header_claiming_ten_billion_pixels_is_refused():
    bomb = png_bomb_bytes(100_000, 100_000, with_pixels=False)
    error = refusal(validate_image_file, bomb, "x.png")
    assert error.code == "image_bomb"
    assert "bị từ chối để bảo vệ máy chủ" in error.messages[0]


@override_settings(IMAGE_UPLOAD_MAX_PIXELS=1000)
def test_the_pixel_limit_comes_from_the_settings():
    assert refusal(validate_image_file, png_bytes(size=(40, 30)), "a.png").code == (
        "image_too_many_pixels"
    )
    validate_image_file(upload(png_bytes(size=(40, 25)), "a.png"))


@override_settings(IMAGE_UPLOAD_MAX_BYTES=10 * 1024)
def test_an_oversized_image_is_refused_with_both_sizes_in_the_message():
    content = noisy_jpeg_bytes()
    assert len(content) > 10 * 1024
    error = refusal(validate_image_file, content, "lon.jpg")
    assert error.code == "file_too_large"
    assert error.messages[0].startswith("Tệp quá lớn (")
    assert "Dung lượng tối đa là 10,0\xa0KB" in error.messages[0]
    validate_image_file(upload(jpeg_bytes(), "nho.jpg"))  # a small one still passes


def test_nothing_to_check_is_fine():
    validate_image_file(None)
    validate_attachment_file(None)


@pytest.mark.django_db
def test_a_stored_file_is_not_checked_again_even_if_it_went_missing(media_root):
    organization = OrganizationFactory(logo=image_file("bieu-trung.jpg"))
    (media_root / organization.logo.name).unlink()
    organization.full_clean()  # editing the record must not crash on the missing file


@pytest.mark.django_db
def test_a_new_file_assigned_in_code_is_checked_by_full_clean():
    organization = OrganizationFactory()
    organization.logo = upload(b"khong phai anh", "logo.png")
    with pytest.raises(ValidationError) as caught:
        organization.full_clean()
    assert "logo" in caught.value.message_dict


# -- attachments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (pdf_bytes(), "chi-thi-20-ct-tw.pdf"),
        (pdf_bytes(), "CHI-THI.PDF"),
        (docx_bytes(), "ke-hoach.docx"),
        (doc_bytes(), "cong-van.doc"),
        (xlsx_bytes(), "so-lieu.xlsx"),
        (odt_bytes(), "bao-cao.odt"),
    ],
)
def test_real_documents_are_accepted(content, name):
    validate_attachment_file(upload(content, name))


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (exe_bytes(), "chi-thi.pdf", "attachment_content_mismatch"),
        (exe_bytes(), "chi-thi.doc", "attachment_content_mismatch"),
        (exe_bytes(), "chi-thi.exe", "invalid_attachment_extension"),
        (b"<html><script>alert(1)</script></html>", "chi-thi.html", "invalid_attachment_extension"),
        (pdf_bytes(), "chi-thi", "invalid_attachment_extension"),
        (pdf_bytes(), "chi-thi.pdf.exe", "invalid_attachment_extension"),
        (zip_bytes({"virus.exe": exe_bytes()}), "ke-hoach.docx", "attachment_content_mismatch"),
        (zip_bytes({"virus.exe": exe_bytes()}), "ke-hoach.zip", "invalid_attachment_extension"),
        (docx_bytes(), "so-lieu.xlsx", "attachment_content_mismatch"),
        (pdf_bytes(), "ke-hoach.docx", "attachment_content_mismatch"),
        (b"PK\x03\x04 hong", "ke-hoach.odt", "attachment_content_mismatch"),
        (b"", "rong.pdf", "attachment_content_mismatch"),
    ],
)
def test_renamed_or_unsupported_attachments_are_refused(content, name, code):
    error = refusal(validate_attachment_file, content, name)
    assert error.code == code
    message = " ".join(error.messages)
    if code == "attachment_content_mismatch":
        assert "Nội dung tệp không khớp với đuôi" in message
        assert "bị đổi tên" in message
    else:
        assert message == "Chỉ nhận tệp đính kèm PDF, DOC, DOCX, XLSX hoặc ODT."


@override_settings(ATTACHMENT_UPLOAD_MAX_BYTES=1024)
def test_an_oversized_attachment_is_refused():
    content = pdf_bytes() + b"0" * 2048
    error = refusal(validate_attachment_file, content, "chi-thi.pdf")
    assert error.code == "file_too_large"
    assert "Dung lượng tối đa là 1,0\xa0KB" in error.messages[0]
    validate_attachment_file(upload(pdf_bytes(), "chi-thi.pdf"))
