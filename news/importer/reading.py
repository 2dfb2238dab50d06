"""Finding the files to import and reading them as text, whatever their encoding."""

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = {".txt", ".html", ".htm"}
MAX_BYTES = 10 * 1024 * 1024

# Signatures of files that are surely not text, with what to call them.
_SIGNATURES = [
    (b"%PDF", "tệp PDF"),
    (b"PK\x03\x04", "tệp nén hoặc tệp Word/Excel (.docx, .xlsx, .zip)"),
    (b"\xd0\xcf\x11\xe0", "tệp Word/Excel cũ (.doc, .xls)"),
    (b"\x89PNG", "ảnh PNG"),
    (b"\xff\xd8\xff", "ảnh JPEG"),
    (b"GIF8", "ảnh GIF"),
    (b"{\\rtf", "tệp RTF"),
]


class UnreadableFile(Exception):
    """The file cannot be read as text; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class SourceText:
    path: Path
    text: str
    encoding: str
    is_html: bool


def collect_paths(paths: list[str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to import (directories searched for .txt/.html/.htm) and paths that do not exist."""
    found: list[Path] = []
    missing: list[tuple[Path, str]] = []
    seen = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            children = sorted(
                child for child in path.rglob("*")
                if child.is_file() and child.suffix.lower() in SUFFIXES
            )
            if not children:
                missing.append((path, "thư mục không có tệp .txt, .html hoặc .htm nào"))
            candidates = children
        elif path.exists():
            candidates = [path]
        else:
            missing.append((path, "không tồn tại"))
            continue
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found, missing


def _looks_like_utf16(data: bytes) -> str | None:
    sample = data[:4000]
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.3 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.3 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) or UnreadableFile."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise UnreadableFile(f"đây là {kind}, không phải văn bản")
    if data.startswith(codecs.BOM_UTF8):
        attempts = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        attempts = ["utf-16"]
    elif b"\x00" in data:
        utf16 = _looks_like_utf16(data)
        if utf16 is None:
            raise UnreadableFile("tệp nhị phân (có byte NUL), không phải văn bản")
        attempts = [utf16]
    else:
        # cp1258 (Windows-1258) is what old Vietnamese Windows tools saved.
        attempts = ["utf-8", "cp1258"]
    for encoding in attempts:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Windows-1258 writes tones as combining marks; NFD text from a Mac too.
        text = unicodedata.normalize("NFC", text)
        controls = sum(
            1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f"
        )
        if controls > max(2, len(text) // 100):
            raise UnreadableFile("tệp nhị phân (nhiều ký tự điều khiển), không phải văn bản")
        return text, encoding
    raise UnreadableFile(
        "không nhận ra bảng mã (đã thử UTF-8, UTF-16 và Windows-1258)"
    )


def read_source(path: Path) -> SourceText:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableFile(
                f"tệp quá lớn ({size / 1024 / 1024:.1f} MB; tối đa {MAX_BYTES // 1024 // 1024} MB)"
            )
        data = path.read_bytes()
    except PermissionError:
        raise UnreadableFile("không có quyền đọc tệp") from None
    except IsADirectoryError:
        raise UnreadableFile("là thư mục, không phải tệp") from None
    except OSError as error:
        raise UnreadableFile(f"không đọc được tệp ({error.strerror or error})") from None
    if not data.strip():
        raise UnreadableFile("tệp rỗng")
    text, encoding = decode(data)
    if not text.strip():
        raise UnreadableFile("tệp rỗng")
    head = text.lstrip()[:2000].lower()
    is_html = path.suffix.lower() in (".html", ".htm") or (
        head.startswith("<")
        and any(tag in head for tag in ("<html", "<body", "<!doctype", "<p", "<div"))
    )
    return SourceText(path, text, encoding, is_html)
