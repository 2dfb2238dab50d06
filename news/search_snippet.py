"""Highlighted excerpts of search results, built in Python so they keep their diacritics.

A word of the text matches when it folds (news/search_document.py) to a term of
the query: one regular expression per query, with a class of letters for each
folded letter ('d' -> [dđĐ…]), finds them in the original text. Every piece of text
is escaped; the only markup in the result is the <mark> elements added here, so text
like "<script>" or "&lt;b&gt;" in an article is shown as text.
"""

import re
import unicodedata
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .search_document import fold

SNIPPET_LENGTH = 240
# How much text to show before the first highlighted word.
LEAD_IN = 60

# Latin letters with every mark Vietnamese (and its neighbours) uses, đ/ð, and full-width forms.
_FOLDABLE = [*range(0x20, 0x250), *range(0x1E00, 0x1F00), *range(0xFF01, 0xFF5F)]


@lru_cache(maxsize=1)
def _letters_folding_to() -> dict[str, str]:
    """Folded letter -> a regex class of every letter that folds to it: 'd' -> '[DdĎďĐđÐð]'."""
    groups: dict[str, set[str]] = {}
    for code in _FOLDABLE:
        letter = chr(code)
        folded = fold(letter)
        if len(folded) == 1 and folded.isalnum():
            groups.setdefault(folded, {folded}).add(letter)
    return {
        folded: "[" + "".join(re.escape(letter) for letter in sorted(letters)) + "]"
        for folded, letters in groups.items()
    }


def _word_regex(word: str) -> str:
    classes = _letters_folding_to()
    return "".join(classes.get(ch) or f"(?i:{re.escape(ch)})" for ch in word)


@lru_cache(maxsize=64)
def _pattern(variants: tuple[tuple[str, ...], ...], prefix: bool) -> re.Pattern:
    """One regex for every term of a query, run on the original text (no folding needed);
    the group t<N> holds a word of term N."""
    groups = []
    for number, words in enumerate(variants):
        open_ended = prefix and number == len(variants) - 1
        alternatives = sorted((_word_regex(word) for word in words), key=len, reverse=True)
        tail = r"[^\W_]*" if open_ended else ""
        groups.append(f"(?P<t{number}>(?:{'|'.join(alternatives)}){tail})")
    return re.compile(r"(?<![^\W_])(?:" + "|".join(groups) + r")(?![^\W_])")


def find_matches(text: str, query) -> list[tuple[int, int, int]]:
    """(start, end, term number) of every word of `text` (NFC) that is one of the query's
    terms or their variants (the last term may be a prefix), as positions in `text`."""
    if not query.terms:
        return []
    pattern = _pattern(tuple(query.variants()), query.prefix)
    return [
        (found.start(), found.end(), int(found.lastgroup[1:]))
        for found in pattern.finditer(text)
    ]


def _render(text: str, matches, start: int, end: int) -> str:
    out, cursor = [], start
    for match_start, match_end, _ in matches:
        if match_start < start or match_end > end:
            continue
        out.append(escape(text[cursor:match_start]))
        out.append(f"<mark>{escape(text[match_start:match_end])}</mark>")
        cursor = match_end
    out.append(escape(text[cursor:end]))
    return "".join(out)


def highlight(text: str, query) -> SafeString:
    """All of `text`, escaped, with the words of the query (a ParsedQuery) in <mark>."""
    text = unicodedata.normalize("NFC", text or "")
    return mark_safe(_render(text, find_matches(text, query), 0, len(text)))


def _best_start(matches, length: int) -> int:
    """The start of the match that opens the window of `length` characters showing the
    most different terms (the earliest such window)."""
    best_start, best_count = matches[0][0], 0
    counts: dict[int, int] = {}
    end = 0
    for index, (start, _, term) in enumerate(matches):
        end = max(end, index)
        while end < len(matches) and matches[end][1] <= start + length:
            counts[matches[end][2]] = counts.get(matches[end][2], 0) + 1
            end += 1
        if len(counts) > best_count:
            best_start, best_count = start, len(counts)
        if end > index:  # this match was in the window; it leaves before the next opens it
            counts[term] -= 1
            if not counts[term]:
                del counts[term]
    return best_start


def _word_boundary_before(text: str, position: int) -> int:
    space = text.rfind(" ", 0, position)
    return 0 if space < 0 else space + 1


def _word_boundary_after(text: str, position: int, start: int) -> int:
    if position >= len(text):
        return len(text)
    space = text.rfind(" ", start, position + 1)
    return position if space <= start else space


def snippet(text: str, query, *, length: int = SNIPPET_LENGTH) -> SafeString:
    """An escaped excerpt of about `length` characters around the best group of words of
    the query (a ParsedQuery), which are in <mark>; the beginning of the text when none is there."""
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    if not text:
        return mark_safe("")
    matches = find_matches(text, query)
    start = 0
    if matches:
        anchor = _best_start(matches, length - LEAD_IN)
        # A window near the end starts earlier, so it is as long as the others.
        start = max(0, min(anchor - LEAD_IN, len(text) - length))
        if start > 0:
            start = _word_boundary_before(text, start)
    end = _word_boundary_after(text, start + length, start)
    body = _render(text, matches, start, end)
    return mark_safe(("… " if start > 0 else "") + body + (" …" if end < len(text) else ""))
