"""The normalised text that search runs over, and the expression that indexes it.

Readers often type Vietnamese without diacritics ("tre em" for "trẻ em", "dang"
for "Đảng"), so articles and directives keep a `search_document`: their words
folded to lower case without diacritics (đ → d), separated by single spaces.
Queries are folded the same way in Python, which makes matching independent
of database extensions (no `unaccent` needed) and identical on PostgreSQL and
SQLite.

An article's document has three parts, " title | summary | body and captions ",
so PostgreSQL can weight the title above the summary above the rest. The
leading and trailing spaces let SQLite match whole words with LIKE '% word %'.
"""

import re
import unicodedata
from html import unescape

from django.contrib.postgres.search import SearchVectorField
from django.db.models import F, Func

from core.text import strip_diacritics

PART_SEPARATOR = "|"
# A document this long is far beyond any real article; PostgreSQL refuses
# tsvectors over 1 MB, so the body is cut rather than the save failing.
MAX_PART_LENGTH = 200_000

_WORD = re.compile(r"[^\W_]+")
_BLOCK_GAP = re.compile(r"\s+")


class _FoldTable(dict):
    """Character -> folded text, filled on first sight: str.translate() then folds a whole
    article in C instead of looking at each character in Python."""

    def __init__(self):
        super().__init__()
        # Characters that do not fold to exactly one character (combining marks, ligatures).
        self.irregular: set[int] = set()

    def __missing__(self, code: int) -> str:
        folded = strip_diacritics(unicodedata.normalize("NFKC", chr(code))).lower()
        if len(folded) != 1:
            self.irregular.add(code)
        self[code] = folded
        return folded


FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """'Tỉnh Đoàn' -> 'tinh doan': compatibility forms unified, diacritics removed, lower case."""
    return str(text).translate(FOLD_TABLE)


def words(text: str) -> list[str]:
    """The folded words of `text`; punctuation, symbols and control characters separate words."""
    return _WORD.findall(fold(text))


def normalize(text: str, *, limit: int = MAX_PART_LENGTH) -> str:
    normalized = " ".join(words(text))
    if len(normalized) > limit:
        normalized = normalized[:limit].rsplit(" ", 1)[0]
    return normalized


# Paragraphs, cells and line breaks separate words even without a space between them in the
# HTML; inline elements do not ("<b>Đ</b>ảng" is one word).
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})


# Rich text is sanitised HTML (core/sanitize.py), where text never holds a bare "<" and
# a ">" can only be inside a quoted attribute value. Comments and the content of
# script/style cannot survive the sanitiser; they are dropped here all the same.
_MARKUP = re.compile(
    r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|</?([a-zA-Z][a-zA-Z0-9]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL | re.IGNORECASE,
)


def _tag_gap(match) -> str:
    tag = (match.group(2) or "").lower()
    return " " if tag in _BLOCK_TAGS or match.group(1) else ""


def html_to_text(html: str) -> str:
    """Readable text of rich-text HTML: tags dropped, entities decoded (&lt;b&gt; -> '<b>')."""
    if not html:
        return ""
    return _BLOCK_GAP.sub(" ", unescape(_MARKUP.sub(_tag_gap, str(html)))).strip()


def article_document(*, title: str, summary: str, body: str, captions=()) -> str:
    rest = " ".join([html_to_text(body), *(caption for caption in captions if caption)])
    parts = [normalize(title), normalize(summary), normalize(rest)]
    return f" {' | '.join(parts)} "


def directive_document(*, doc_type_label: str, code: str, title: str, summary: str) -> str:
    return f" {normalize(' '.join([doc_type_label, code, title, summary]))} "


class DocumentVector(Func):
    """The weighted tsvector of an article's search_document (PostgreSQL).

    The 'simple' configuration keeps every word as it is: there is no Vietnamese
    stemmer, and words in Vietnamese are syllables, so stemming would not help.
    On other databases the column stays NULL; search reads search_document there.
    """

    output_field = SearchVectorField()
    template = (
        "setweight(to_tsvector('simple'::regconfig, split_part(%(expressions)s, '|', 1)), 'A')"
        " || setweight(to_tsvector('simple'::regconfig, split_part(%(expressions)s, '|', 2)), 'B')"
        " || to_tsvector('simple'::regconfig, split_part(%(expressions)s, '|', 3))"
    )

    def __init__(self, field_name: str = "search_document", **extra):
        super().__init__(F(field_name), **extra)

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            return "NULL", []
        return super().as_sql(compiler, connection, **extra_context)
