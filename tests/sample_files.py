"""Small real and fake files for upload tests, built in memory.

    upload(png_bytes(), "anh.png")     # a SimpleUploadedFile ready for a form or a view
"""

import io
import os
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(fmt: str = "JPEG", size=(64, 48), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "red" if mode == "RGB" else 0).save(buffer, format=fmt)
    return buffer.getvalue()


def jpeg_bytes(**kwargs) -> bytes:
    return image_bytes("JPEG", **kwargs)


def png_bytes(**kwargs) -> bytes:
    return image_bytes("PNG", **kwargs)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb_bytes(width: int, height: int, *, with_pixels: bool = True) -> bytes:
    """A 1-bit greyscale PNG claiming width×height pixels in a file of a few kilobytes.

    With pixels, the image data really decompresses to width×height bits (a decompression
    bomb); without, only the header claims that size.
    """
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = b""
    if with_pixels:
        row = b"\x00" + b"\x00" * ((width + 7) // 8)
        rows = zlib.compress(row * height, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", rows)
        + _png_chunk(b"IEND", b"")
    )


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes({
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": b"<w:document>Ch\xe1\xbb\x89 th\xe1\xbb\x8b</w:document>",
    })


def xlsx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def odt_bytes() -> bytes:
    return zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text",
                      "content.xml": b"<office:document-content/>"})


def doc_bytes() -> bytes:
    return bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100 + b"PE\x00\x00"


def upload(content: bytes, name: str, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def noisy_jpeg_bytes(size=(300, 300)) -> bytes:
    """A JPEG that does not compress well, so its file size is predictable (tens of kB)."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(
        buffer, format="JPEG", quality=95
    )
    return buffer.getvalue()
