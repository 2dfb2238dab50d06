"""Matching text in the database without diacritics or case, by the one folding rule.

A row matches a typed word when fold(column) contains fold(word), where
fold = core.text.strip_diacritics followed by lower(): "tuyen giao" and "TUYÊN GIÁO" find
"Tuyên giáo", "khoi" finds "Khối", "dang" finds "Đảng" and "Ðảng" (the legacy eth), in
precomposed or decomposed (NFD) text.

The database does not fold the column. The folded word is turned into a regular
expression over the column as stored: each of its characters becomes the class of every
character that folds to it (computed here, from strip_diacritics, over the Basic
Multilingual Plane), with the combining marks the rule removes allowed between them.
"khoi" becomes [kKḰḱ…][hHĤĥ…][oOÒÓÔ…ốồổỗộ…][iIÌÍ…], so "Khối" matches. PostgreSQL (`~`)
and SQLite (Django's REGEXP, Python's re) read the same pattern; only escapes both
understand are written (\\uXXXX, \\UXXXXXXXX).

Why not a fold() function in SQL: docs/decisions.md ("Admin search without diacritics").
tests/core/test_folded_match.py checks the database against strip_diacritics on every
Vietnamese letter, in every spelling, on both databases.
"""

import unicodedata
from functools import cache

from .text import strip_diacritics

# The Basic Multilingual Plane, where every letter with a mark lives; characters above it
# (emoji) match only themselves.
_PLANE_END = 0x10000
_SURROGATES = range(0xD800, 0xE000)
# The combining marks that decomposed Latin text carries (the blocks "Combining Diacritical
# Marks" and their supplements), allowed between the letters of a word. Marks of other
# scripts are not: they would make every pattern a kilobyte longer for nothing.
_MARK_BLOCKS = (
    range(0x0300, 0x0370), range(0x1AB0, 0x1B00), range(0x1DC0, 0x1E00),
    range(0x20D0, 0x2100), range(0xFE20, 0xFE30),
)


def fold(text: str) -> str:
    """'Khối Tuyên giáo' -> 'khoi tuyen giao': strip_diacritics, then lower case."""
    return strip_diacritics(text).lower()


@cache
def _folding_table() -> tuple[dict[str, str], str]:
    """(folded character -> the characters that fold to it, the characters folding to
    nothing as a class body): the rule read backwards, once per process (about 0.1 s)."""
    sources: dict[str, list[str]] = {}
    dropped = []
    for code in range(_PLANE_END):
        if code in _SURROGATES:
            continue
        char = chr(code)
        folded = fold(char)
        if folded == char:
            continue
        if folded == "":
            if any(code in block for block in _MARK_BLOCKS):
                dropped.append(code)
        elif len(folded) == 1:
            sources.setdefault(folded, []).append(char)
    table = {
        folded: "".join(_escape(char) for char in chars) for folded, chars in sources.items()
    }
    return table, _ranges(dropped)


def _escape(char: str) -> str:
    if char.isascii() and char.isalnum():
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code < _PLANE_END else f"\\U{code:08x}"


def _ranges(codes: list[int]) -> str:
    """A class body for sorted code points: runs written as ranges."""
    parts, start = [], None
    for position, code in enumerate(codes):
        if start is None:
            start = code
        following = codes[position + 1] if position + 1 < len(codes) else None
        if following != code + 1:
            parts.append(
                _escape(chr(start)) if start == code
                else f"{_escape(chr(start))}-{_escape(chr(code))}"
            )
            start = None
    return "".join(parts)


def _char_class(folded_char: str) -> str:
    table, _ = _folding_table()
    body = table.get(folded_char, "")
    if fold(folded_char) == folded_char:
        body = _escape(folded_char) + body
    return f"[{body or _escape(folded_char)}]"


def folded_pattern(text: str, *, whole: bool = False, start: bool = False) -> str | None:
    """A regular expression matching the stored text of every value whose fold contains
    fold(text) (`start`: begins with it; `whole`: is it). None when `text` folds to
    nothing (only marks)."""
    folded = fold(text)
    if not folded:
        return None
    _, dropped = _folding_table()
    marks = f"[{dropped}]*"
    pattern = marks.join(_char_class(char) for char in folded)
    if start or whole:
        pattern = f"^{marks}{pattern}"
    if whole:
        pattern = f"{pattern}{marks}$"
    return pattern


def clean_term(text: str) -> str:
    """What a search box sent, without what no stored text holds and PostgreSQL refuses:
    control characters (NUL…) become spaces; surrogates, private-use, unassigned and
    invisible format characters go."""
    kept = []
    for char in str(text):
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp"):
            kept.append(" ")
        elif category not in ("Cs", "Co", "Cn", "Cf"):
            kept.append(char)
    return "".join(kept)
