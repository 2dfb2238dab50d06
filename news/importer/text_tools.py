"""Small text helpers the importer's parsers share."""

import re
import unicodedata
from functools import lru_cache

from core.text import strip_diacritics

# Characters a capture carries that are not text: zero-width spaces, joiners, BOMs.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
BULLETS = "•●▪■◦·►▶»-–*"
_BULLET_RE = re.compile(r"^[•●▪■◦·►▶]\s*")
SENTENCE_END = (".", "!", "?", "…", ";", ":", ".\"", ".”", "./.", "!”", "?”", ")")


@lru_cache(maxsize=4096)  # the parsers ask about the same line several times
def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: for comparing, never for showing."""
    return re.sub(r"\s+", " ", strip_diacritics(str(text)).lower()).strip()


def tidy(text: str) -> str:
    """NFC, no invisible characters, no-break spaces as spaces, single spaces."""
    text = unicodedata.normalize("NFC", str(text)).translate(_INVISIBLE)
    return re.sub(r"[ \t\u00a0\u2007\u202f\u3000]+", " ", text).strip()


def strip_bullet(line: str) -> tuple[str, bool]:
    """'• Hình 1: …' -> ('Hình 1: …', True)."""
    stripped = _BULLET_RE.sub("", line)
    return stripped, stripped != line


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(SENTENCE_END)
