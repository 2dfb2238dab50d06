"""Vietnamese text helpers: removing diacritics and making URL slugs.

Django's slugify() decomposes characters and drops what is not ASCII, so
"Đoàn" becomes "oan": the letter đ/Đ has no decomposition. We map it first,
together with its look-alike ð/Ð (eth), which text converted from old
Vietnamese encodings often carries instead ("Ðà Nẵng").

The admin's slug box follows the same rule in the browser: static/js/vietnamese-slug.js
repeats vietnamese_slugify() step by step (tests/e2e/test_slug_browser.py compares
the two), so a change here must be made there too.
"""

import re
import unicodedata

from django.db import models
from django.utils.translation import gettext_noop

_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
# Every mark (Mn, Mc, Me) and format character (Cf): removed from slugs without a trace.
_DROPPED_CATEGORIES = frozenset({"Mn", "Mc", "Me", "Cf"})


def strip_diacritics(text: str) -> str:
    """'Tỉnh Đoàn' -> 'Tinh Doan'."""
    decomposed = unicodedata.normalize("NFD", str(text).translate(_D_MAP))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def vietnamese_slugify(text: str, max_length: int = 80) -> str:
    """'Tỉnh Đoàn giám sát' -> 'tinh-doan-giam-sat', cut at a word boundary."""
    # NFKC turns no-break spaces and full-width letters into their plain forms.
    plain = strip_diacritics(unicodedata.normalize("NFKC", str(text)))
    # Marks left by strip_diacritics() (those without a combining class, e.g. Devanagari
    # vowel signs) and invisible format characters (soft hyphen, zero-width space) sit
    # inside words: dropped, which a browser can do too (/[\p{M}\p{Cf}]/u).
    plain = "".join(ch for ch in plain if unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    # Anything else that is not ASCII (dashes as in "2020–2025", quotes, emoji) separates words.
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return truncate_slug(slug, max_length)


def truncate_slug(slug: str, max_length: int) -> str:
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    if slug[max_length] != "-" and "-" in cut:
        cut = cut.rsplit("-", 1)[0]
    return cut.strip("-")


def unique_slug(instance: models.Model, text: str, *, field: str = "slug", fallback: str = "bai"):
    """A slug for `instance` from `text`, unique in its table: 'x', 'x-2', 'x-3'…"""
    max_length = instance._meta.get_field(field).max_length or 50
    base = vietnamese_slugify(text, max_length=max_length) or fallback
    manager = type(instance)._default_manager
    others = manager.exclude(pk=instance.pk) if instance.pk else manager.all()
    taken = set(
        others.filter(**{f"{field}__startswith": base}).values_list(field, flat=True)
    )
    candidate, number = base, 1
    while candidate in taken or (
        # A base cut short to make room for the suffix is outside the prefix query above.
        not candidate.startswith(base) and others.filter(**{field: candidate}).exists()
    ):
        number += 1
        suffix = f"-{number}"
        candidate = truncate_slug(base, max_length - len(suffix)) + suffix
    return candidate


# Vietnamese weekday names, Monday first (datetime.weekday()), as portals write a date:
# "Thứ Hai, 07/12/2026". Marked for the catalogues: English pages translate them.
WEEKDAYS = (
    gettext_noop("Thứ Hai"),
    gettext_noop("Thứ Ba"),
    gettext_noop("Thứ Tư"),
    gettext_noop("Thứ Năm"),
    gettext_noop("Thứ Sáu"),
    gettext_noop("Thứ Bảy"),
    gettext_noop("Chủ Nhật"),
)

