"""Checks for uploaded files, with messages in Vietnamese.

An image must really decode with Pillow, be JPEG/PNG/WebP/GIF, and stay within
the size and pixel limits (a decompression bomb is refused before it is
decoded). An attachment must be a PDF, DOC, DOCX, XLSX or ODT whose first
bytes match its name.
"""

import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
# The one extension a stored image of each format gets (images/uploads.py).
IMAGE_FORMAT_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}

ATTACHMENT_EXTENSIONS = {".pdf", ".doc", ".docx", ".xlsx", ".odt"}
_OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_MEMBERS = {
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
    ".odt": "content.xml",
}


def _extension(upload) -> str:
    return os.path.splitext(getattr(upload, "name", "") or "")[1].lower()


def _already_stored(upload) -> bool:
    # A stored file was checked when it was uploaded. Re-reading it on every edit of its
    # record is slow, and a file missing from disk must not make the edit form crash.
    return isinstance(upload, FieldFile) and upload._committed


def _check_size(upload, limit: int) -> None:
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            "Tệp quá lớn (%(size)s). Dung lượng tối đa là %(limit)s.",
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )


def validate_image_file(upload) -> None:
    """Refuse anything that is not a real, reasonably sized JPEG/PNG/WebP/GIF image."""
    if upload is None or _already_stored(upload):
        return
    _check_size(upload, settings.IMAGE_UPLOAD_MAX_BYTES)
    if _extension(upload) not in IMAGE_EXTENSIONS:
        raise ValidationError(
            "Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF (đuôi .jpg, .jpeg, .png, .webp, .gif).",
            code="invalid_image_extension",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in IMAGE_FORMATS:
                raise ValidationError(
                    "Định dạng ảnh %(format)s không được hỗ trợ; "
                    "hãy dùng JPEG, PNG, WebP hoặc GIF.",
                    code="invalid_image_format",
                    params={"format": image.format or "không rõ"},
                )
            width, height = image.size
            if width * height > settings.IMAGE_UPLOAD_MAX_PIXELS:
                raise ValidationError(
                    "Ảnh quá nhiều điểm ảnh (%(width)s×%(height)s). "
                    "Tối đa %(limit)s triệu điểm ảnh.",
                    code="image_too_many_pixels",
                    params={
                        "width": width,
                        "height": height,
                        "limit": settings.IMAGE_UPLOAD_MAX_PIXELS // 1_000_000,
                    },
                )
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            "Ảnh có kích thước điểm ảnh bất thường và bị từ chối để bảo vệ máy chủ.",
            code="image_bomb",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            "Tệp không phải là ảnh hợp lệ hoặc đã bị hỏng. "
            "Hãy chọn một ảnh JPEG, PNG, WebP hoặc GIF.",
            code="invalid_image",
        ) from None
    finally:
        upload.seek(position)


def validate_attachment_file(upload) -> None:
    """Refuse attachments other than real PDF, DOC, DOCX, XLSX or ODT files."""
    if upload is None or _already_stored(upload):
        return
    _check_size(upload, settings.ATTACHMENT_UPLOAD_MAX_BYTES)
    extension = _extension(upload)
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            "Chỉ nhận tệp đính kèm PDF, DOC, DOCX, XLSX hoặc ODT.",
            code="invalid_attachment_extension",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(8)
        upload.seek(0)
        if extension == ".pdf":
            valid = head.startswith(b"%PDF-")
        elif extension == ".doc":
            valid = head == _OLE_SIGNATURE
        else:
            valid = head.startswith(b"PK") and _zip_has(upload, _ZIP_MEMBERS[extension])
    finally:
        upload.seek(position)
    if not valid:
        raise ValidationError(
            "Nội dung tệp không khớp với đuôi %(extension)s; tệp có thể bị hỏng hoặc bị đổi tên.",
            code="attachment_content_mismatch",
            params={"extension": extension},
        )


def _zip_has(upload, member: str) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def detected_extension(upload) -> str:
    """The extension of what a file really is, from its content: '.pdf', '.doc', '.docx',
    '.xlsx', '.odt', '.jpg', '.png', '.webp' or '.gif'; '' when it is none of them."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(8)
        upload.seek(0)
        if head.startswith(b"%PDF-"):
            return ".pdf"
        if head == _OLE_SIGNATURE:
            return ".doc"
        if head.startswith(b"PK"):
            for extension, member in _ZIP_MEMBERS.items():
                upload.seek(0)
                if _zip_has(upload, member):
                    return extension
            return ""
        try:
            with Image.open(upload) as image:
                return IMAGE_FORMAT_EXTENSIONS.get(image.format, "")
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
                Image.DecompressionBombError):
            return ""
    finally:
        upload.seek(position)
