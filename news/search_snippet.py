"""Highlighted excerpts of search results, built in Python so they keep their diacritics.

The words of the text are folded like the search document (news/search_document.py)
and compared with the query's folded terms, then the original characters are
shown. Every piece of text is escaped; the only markup in the result is the
<mark> elements added here, so text like "<script>" or "&lt;b&gt;" in an article
is shown as text.
"""

import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .search_document import fold

SNIPPET_LENGTH = 240
# How much text to show before the first highlighted word.
LEAD_IN = 60

_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return fold(ch)


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the character it came from."""
    folded, positions = [], []
    for index, ch in enumerate(text):
        for piece in ch.lower() if ch < "\x80" else _fold_char(ch):
            folded.append(piece)
            positions.append(index)
    return "".join(folded), positions


def find_matches(text: str, query) -> list[tuple[int, int, int]]:
    """(start, end, term number) of every word of `text` that is one of the query's terms
    (or their variants; the last term may be a prefix), as positions in the original text."""
    wanted, prefixes = {}, ()
    for number, variants in enumerate(query.variants()):
        wanted.update(dict.fromkeys(variants, number))
        if query.prefix and number == len(query.terms) - 1:
            prefixes = tuple((variant, number) for variant in variants)
    folded, positions = _folded_with_positions(text)
    matches = []
    for word in _WORD.finditer(folded):
        value = word.group()
        term = wanted.get(value)
        if term is None:
            term = next((number for start, number in prefixes if value.startswith(start)), None)
        if term is None:
            continue
        start = positions[word.start()]
        end = positions[word.end() - 1] + 1
        # Combining marks after the last letter belong to the word.
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        matches.append((start, end, term))
    return matches


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
    text = text or ""
    return mark_safe(_render(text, find_matches(text, query), 0, len(text)))


def _best_start(matches, length: int) -> int:
    """The window start that shows the most different terms (earliest on a tie)."""
    best_start, best_count = matches[0][0], 0
    for index, (start, _, _) in enumerate(matches):
        found = {term for s, e, term in matches[index:] if e <= start + length}
        if len(found) > best_count:
            best_start, best_count = start, len(found)
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
    text = " ".join((text or "").split())
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
