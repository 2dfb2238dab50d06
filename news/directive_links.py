"""Finding the directives an article names, attaching them, and linking the first mention.

Articles cite documents in many spellings: "Chỉ thị số 20-CT/TW ngày 05/11/2012",
"Chỉ thị số 20/CT-TW", "chi thi so 20-ct/tw", "Chỉ thị 20", "Nghị định số
42/2022/NĐ-CP". find_directive_mentions() reads plain text;
link_article_directives() reads an article's title, summary and body, attaches
every directive it recognises, turns the first mention of each in the body
into a link to the directive's page, and keeps the list of mentioned
documents the portal does not have (UnresolvedDirectiveReference).

When it runs: news.services.article_save() calls link_article_directives() once
the row is written (many-to-many rows need its primary key) and, in the admin,
after the form's "văn bản liên quan" replaced the set. The importer saves through
article_save(), and its dry run asks link_article_directives(dry_run=True) about the
unsaved article. Saving a directive re-links the articles that named it before it
existed (link_articles_mentioning, run by the task worker: news.services.directive_save
asks for it through news/tasks.py);
`manage.py link_directives` re-links everything. Attaching a directive renews the
article's pages in the cache (news.cache_tags.article_directives_changed).

The body is walked as HTML with html.parser: only text nodes are read, never
tags or attribute values, text inside an existing <a> is never rewritten, and a
directive that already has a link in the body gets no second one, so linking
twice changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.db import transaction

from core.sanitize import clean_html
from core.text import strip_diacritics

from . import cache_tags, directive_numbers
from .models import Article, Directive, UnresolvedDirectiveReference

LINK_CLASS = "directive-link"

_TYPE_WORDS = {
    "chi thi": Directive.DocumentType.DIRECTIVE,
    "nghi quyet": Directive.DocumentType.RESOLUTION,
    "ket luan": Directive.DocumentType.CONCLUSION,
    "quy dinh": Directive.DocumentType.REGULATION,
    "quy che": Directive.DocumentType.RULES,
    "quyet dinh": Directive.DocumentType.DECISION,
    "huong dan": Directive.DocumentType.GUIDANCE,
    "ke hoach": Directive.DocumentType.PLAN,
    "thong bao": Directive.DocumentType.NOTICE,
    "chuong trinh": Directive.DocumentType.PROGRAMME,
    "nghi dinh": Directive.DocumentType.DECREE,
    "thong tu": Directive.DocumentType.CIRCULAR,
    "luat": Directive.DocumentType.LAW,
    "cong van": Directive.DocumentType.OFFICIAL_LETTER,
}
_TYPE_RE = "|".join(
    word.replace(" ", r"\s+") for word in sorted(_TYPE_WORDS, key=len, reverse=True)
)
# Matched against text folded by _fold(): no diacritics, đ -> d, case kept. A
# separator with spaces around it ("20 - CT/TW") is only taken before a part
# in capitals, so "Chỉ thị 20 - cần…" stays a bare number.
_PART = r"[a-z][a-z0-9]*"
_SPACED_PART = r"(?-i:[A-Z][A-Z0-9]*)\b"
_SYMBOL = rf"{_PART}(?:[-/][a-z0-9]+|\s*[-/]\s*{_SPACED_PART})*"
_MENTION_RE = re.compile(
    rf"""
    (?<![\w])(?P<type>{_TYPE_RE})
    (?:\s+so\s*[:.]?\s*|\s*[:.]\s*|\s+)
    (?P<code>
        (?P<number>\d{{1,5}})
        (?:\s*/\s*(?P<year>(?:19|20)\d\d)(?!\d))?
        (?:(?:[-/]|\s*[-/]\s*(?={_SPACED_PART}))(?P<symbol>{_SYMBOL}))?
    )
    (?!\w|\s*[-/]\s*\d)
    (?:\s+ngay\s+(?P<day>\d{{1,2}})\s*(?:[/.-]|\s+thang\s+)\s*(?P<month>\d{{1,2}})
       \s*(?:[/.-]|\s+nam\s+)\s*(?P<date_year>\d{{4}})\b)?
    """,
    re.IGNORECASE | re.VERBOSE,
)


# The first part of a symbol names the type ("12-TB/TW" is a Thông báo even when the
# text says "Thông báo kết luận"). QĐ is left out: Quy định and Quyết định share it.
_SYMBOL_TYPES = {
    "CT": Directive.DocumentType.DIRECTIVE,
    "NQ": Directive.DocumentType.RESOLUTION,
    "KL": Directive.DocumentType.CONCLUSION,
    "QDI": Directive.DocumentType.REGULATION,
    "QC": Directive.DocumentType.RULES,
    "HD": Directive.DocumentType.GUIDANCE,
    "KH": Directive.DocumentType.PLAN,
    "TB": Directive.DocumentType.NOTICE,
    "CTR": Directive.DocumentType.PROGRAMME,
    "ND": Directive.DocumentType.DECREE,
    "TT": Directive.DocumentType.CIRCULAR,
}


def _fold(text: str) -> tuple[str, list[int]]:
    """Text without diacritics (core.text.strip_diacritics, the one folding rule), and for
    each folded character its index in `text`."""
    folded, positions = [], []
    for index, char in enumerate(text):
        kept = strip_diacritics(char)
        if kept:
            folded.append(kept[0])
            positions.append(index)
    return "".join(folded), positions


@dataclass(frozen=True)
class Mention:
    """One reference to a document in a text, e.g. "Chỉ thị số 20-CT/TW"."""

    text: str
    start: int
    end: int
    doc_type: str
    number: str
    symbol: str = ""
    year: int | None = None
    issued_on: date | None = None

    @property
    def number_key(self) -> str:
        return directive_numbers.number_key(self.number)

    @property
    def symbol_key(self) -> str:
        return directive_numbers.symbol_key(self.symbol)

    @property
    def key(self) -> str:
        """Same key for every spelling of one document: '20-CTTW'."""
        return f"{self.number_key}-{self.symbol_key}"

    @property
    def code(self) -> str:
        """The số ký hiệu as the text writes it, tidied: '20-CT/TW', '42/2022/NĐ-CP'."""
        if not self.symbol:
            return self.number
        if self._separator == "/" and self._state_year:
            return f"{self.number}/{self._state_year}/{self.symbol}"
        return f"{self.number}{self._separator}{self.symbol}"

    # Filled by find_directive_mentions(); not part of equality.
    _separator: str = field(default="-", compare=False, repr=False)
    _state_year: int | None = field(default=None, compare=False, repr=False)


def _mention_date(match) -> date | None:
    if not match["day"]:
        return None
    try:
        return date(int(match["date_year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def find_directive_mentions(text: str) -> list[Mention]:
    """Every reference to a typed document (Chỉ thị, Nghị quyết…) in plain `text`."""
    text = str(text or "")
    folded, positions = _fold(text)
    mentions = []
    for match in _MENTION_RE.finditer(folded):
        start = positions[match.start()]
        end = positions[match.end("code") - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        number, symbol = match["number"], ""
        state_year = int(match["year"]) if match["year"] else None
        separator = "-"
        if match["symbol"]:
            symbol_start = positions[match.start("symbol")]
            symbol = directive_numbers.normalize_symbol(text[symbol_start:end])
            between = folded[match.end("year") if match["year"] else match.end("number"):
                             match.start("symbol")]
            separator = "/" if "/" in between else "-"
        issued_on = _mention_date(match)
        doc_type = _TYPE_WORDS[re.sub(r"\s+", " ", match["type"].lower())]
        if symbol:
            first_part = directive_numbers.symbol_key(re.split(r"[-/]", symbol)[0])
            doc_type = _SYMBOL_TYPES.get(first_part, doc_type)
        mentions.append(Mention(
            text=text[start:end],
            start=start,
            end=end,
            doc_type=doc_type,
            number=number,
            symbol=symbol,
            year=state_year or (issued_on.year if issued_on else None),
            issued_on=issued_on,
            _separator=separator,
            _state_year=state_year,
        ))
    return mentions


# -- resolving mentions to directives -------------------------------------------


FOUND, AMBIGUOUS, UNKNOWN = "found", "ambiguous", "unknown"


@dataclass(frozen=True)
class Resolution:
    mention: Mention
    status: str
    directive: Directive | None = None


class DirectiveIndex:
    """Known directives by (number key, symbol key) and by (type, number key)."""

    FIELDS = ("id", "slug", "doc_type", "number", "symbol", "numbering", "number_key",
              "symbol_key", "year", "issuer_id")

    def __init__(self, directives: Iterable[Directive]):
        self.by_code: dict[tuple[str, str], list[Directive]] = {}
        self.by_type_number: dict[tuple[str, str], list[Directive]] = {}
        for directive in directives:
            self.by_code.setdefault((directive.number_key, directive.symbol_key), []).append(
                directive
            )
            self.by_type_number.setdefault(
                (directive.doc_type, directive.number_key), []
            ).append(directive)

    @classmethod
    def everything(cls) -> DirectiveIndex:
        return cls(Directive.objects.only(*cls.FIELDS).order_by("pk"))

    @classmethod
    def for_mentions(cls, mentions: Iterable[Mention]) -> DirectiveIndex:
        numbers = {mention.number_key for mention in mentions}
        if not numbers:
            return cls([])
        return cls(Directive.objects.filter(number_key__in=numbers).only(*cls.FIELDS))

    def resolve(self, mention: Mention, *, context: _ArticleContext) -> Resolution:
        if mention.symbol:
            candidates = self.by_code.get((mention.number_key, mention.symbol_key), [])
        else:
            candidates = self.by_type_number.get((mention.doc_type, mention.number_key), [])
        if mention.year:
            candidates = [item for item in candidates if item.year == mention.year]
        if not candidates:
            return Resolution(mention, UNKNOWN)
        if len(candidates) > 1 and mention.symbol:
            # The same số ký hiệu from several issuers or types: narrow down, never guess.
            for narrow in (
                lambda item: item.doc_type == mention.doc_type,
                lambda item: item.issuer_id in context.organization_ids,
                lambda item: item.pk in context.attached_ids,
            ):
                narrowed = [item for item in candidates if narrow(item)]
                if narrowed:
                    candidates = narrowed
                if len(candidates) == 1:
                    break
        if len(candidates) == 1:
            return Resolution(mention, FOUND, candidates[0])
        return Resolution(mention, AMBIGUOUS)


class _ArticleContext:
    """What an article offers for telling same-numbered documents apart, read lazily."""

    def __init__(self, article: Article):
        self.article = article

    @property
    def organization_ids(self) -> set[int]:
        if not hasattr(self, "_organization_ids"):
            organization = self.article.organization if self.article.organization_id else None
            if organization is None:
                self._organization_ids = set()
            else:
                ancestors = type(organization).objects.get_ancestors(organization)
                self._organization_ids = {organization.pk, *ancestors.values_list("pk", flat=True)}
        return self._organization_ids

    @property
    def attached_ids(self) -> set[int]:
        if not hasattr(self, "_attached_ids"):
            self._attached_ids = (
                set(self.article.directives.values_list("pk", flat=True))
                if self.article.pk else set()
            )
        return self._attached_ids


# -- the body as HTML -------------------------------------------------------------


@dataclass
class _TextRun:
    """Consecutive text of one element: its decoded text and where each character is in the HTML."""

    in_link: bool
    text: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def add(self, decoded: str, raw_start: int, raw_end: int, *, atomic: bool) -> None:
        for offset, char in enumerate(decoded):
            self.text.append(char)
            if atomic:  # an entity such as &nbsp;: one unit in the HTML
                self.starts.append(raw_start)
                self.ends.append(raw_end)
            else:
                self.starts.append(raw_start + offset)
                self.ends.append(raw_start + offset + 1)


class _BodyReader(HTMLParser):
    """Collects the text runs of an HTML fragment and the addresses it already links to."""

    SKIPPED = frozenset({"script", "style", "textarea", "title"})
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                      "source", "track", "wbr"})

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.html = html
        # HTMLParser counts lines at "\n" only, whatever other line breaks the text has.
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self.runs: list[_TextRun] = []
        self.hrefs: set[str] = set()
        self.link_depth = 0
        self.skip_depth = 0
        self.current: _TextRun | None = None
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _end_run(self):
        self.current = None

    def handle_starttag(self, tag, attrs):
        self._end_run()
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.add(urlsplit(href).path)
            self.link_depth += 1
        elif tag in self.SKIPPED:
            self.skip_depth += 1

    def handle_startendtag(self, tag, attrs):
        self._end_run()

    def handle_endtag(self, tag):
        self._end_run()
        if tag == "a" and self.link_depth:
            self.link_depth -= 1
        elif tag in self.SKIPPED and self.skip_depth:
            self.skip_depth -= 1

    def _text(self, decoded: str, raw_length: int, *, atomic: bool):
        if self.skip_depth:
            return
        start = self._offset()
        if self.current is None:
            self.current = _TextRun(in_link=bool(self.link_depth))
            self.runs.append(self.current)
        self.current.add(decoded, start, start + raw_length, atomic=atomic)

    def handle_data(self, data):
        self._text(data, len(data), atomic=False)

    def handle_entityref(self, name):
        raw = self._raw_reference("&" + name)
        self._text(unescape(raw), len(raw), atomic=True)

    def handle_charref(self, name):
        raw = self._raw_reference("&#" + name)
        self._text(unescape(raw), len(raw), atomic=True)

    def _raw_reference(self, head: str) -> str:
        start = self._offset()
        end = start + len(head)
        if self.html[end:end + 1] == ";":
            end += 1
        return self.html[start:end]

    def handle_comment(self, data):
        self._end_run()

    def handle_decl(self, decl):
        self._end_run()

    def handle_pi(self, data):
        self._end_run()


def body_mentions(html: str) -> tuple[list[tuple[Mention, bool, int, int]], set[str]]:
    """Mentions in the body's text nodes: (mention, inside a link, raw start, raw end)."""
    reader = _BodyReader(html or "")
    found = []
    for run in reader.runs:
        text = "".join(run.text)
        for mention in find_directive_mentions(text):
            found.append(
                (mention, run.in_link, run.starts[mention.start], run.ends[mention.end - 1])
            )
    return found, reader.hrefs


# -- linking an article -----------------------------------------------------------


@dataclass
class LinkResult:
    mentions: list[Mention] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)  # every directive recognised
    attached: list[Directive] = field(default_factory=list)  # newly added to article.directives
    linked: list[Directive] = field(default_factory=list)  # newly linked in the body
    unresolved: list[Mention] = field(default_factory=list)  # one per document not on the portal
    ambiguous: list[Mention] = field(default_factory=list)
    body_changed: bool = False


def _link(directive: Directive, inner: str) -> str:
    return (
        f'<a href="{escape(directive.get_absolute_url())}" class="{LINK_CLASS}">{inner}</a>'
    )


def link_article_directives(
    *, article: Article, index: DirectiveIndex | None = None, dry_run: bool = False
) -> LinkResult:
    """Attach, link and list the directives `article` names. The article must be saved,
    except for a dry run, which changes nothing (the importer's asks about an unsaved one)."""
    if article.pk is None and not dry_run:
        raise ValueError("link_article_directives() needs a saved article.")
    body = article.body or ""
    in_body, hrefs = body_mentions(body)
    plain = find_directive_mentions(article.title) + find_directive_mentions(article.summary)
    mentions = plain + [item[0] for item in in_body]
    result = LinkResult(mentions=mentions)
    if not mentions and (
        article.pk is None or not article.unresolved_directive_references.exists()
    ):
        return result
    index = index or DirectiveIndex.for_mentions(mentions)
    context = _ArticleContext(article)
    resolutions = {mention: index.resolve(mention, context=context) for mention in mentions}
    _sort_resolutions(result, mentions, resolutions)
    new_body = _body_with_links(result, body, in_body, hrefs, resolutions)
    result.body_changed = new_body != body
    result.attached = [item for item in result.directives if item.pk not in context.attached_ids]
    if not dry_run:
        _store_links(article=article, result=result, new_body=new_body)
    return result


def _sort_resolutions(result: LinkResult, mentions, resolutions) -> None:
    """Each directive recognised once, in order; the ambiguous mentions; one mention per
    document the portal does not have (the one with a year when there is one)."""
    seen: set[int] = set()
    unresolved: dict[str, Mention] = {}
    for mention in mentions:
        resolution = resolutions[mention]
        if resolution.status == FOUND and resolution.directive.pk not in seen:
            seen.add(resolution.directive.pk)
            result.directives.append(resolution.directive)
        elif resolution.status == AMBIGUOUS:
            result.ambiguous.append(mention)
        elif resolution.status == UNKNOWN and mention.symbol:
            # A bare "Chỉ thị 20" is too vague to ask an editor to create.
            known = unresolved.get(mention.key)
            if known is None or (known.year is None and mention.year is not None):
                unresolved[mention.key] = mention
    result.unresolved = list(unresolved.values())


def _body_with_links(result: LinkResult, body: str, in_body, hrefs, resolutions) -> str:
    """The body with the first mention of each directive as a link, unless the body
    already links to it somewhere (result.linked lists the new links)."""
    insertions: list[tuple[int, int, Directive]] = []
    linked_paths = set(hrefs)
    for mention, in_link, raw_start, raw_end in in_body:
        resolution = resolutions[mention]
        if resolution.status != FOUND or in_link:
            continue
        directive = resolution.directive
        path = directive.get_absolute_url()
        if path in linked_paths:
            continue
        linked_paths.add(path)
        insertions.append((raw_start, raw_end, directive))
        result.linked.append(directive)
    new_body = body
    for raw_start, raw_end, directive in sorted(insertions, key=lambda item: -item[0]):
        new_body = (
            new_body[:raw_start] + _link(directive, new_body[raw_start:raw_end])
            + new_body[raw_end:]
        )
    return new_body


def _store_links(*, article: Article, result: LinkResult, new_body: str) -> None:
    with transaction.atomic():
        if result.body_changed:
            article.body = clean_html(new_body)
            Article.objects.filter(pk=article.pk).update(body=article.body)
        if result.attached:
            article.directives.add(*result.attached)
            cache_tags.article_directives_changed(
                article=article, directive_ids=[item.pk for item in result.attached]
            )
        _store_unresolved(article=article, mentions=result.unresolved)


def _store_unresolved(*, article: Article, mentions: list[Mention]) -> None:
    references = article.unresolved_directive_references
    references.exclude(key__in=[mention.key for mention in mentions]).delete()
    existing = set(references.values_list("key", flat=True))
    UnresolvedDirectiveReference.objects.bulk_create(
        [
            UnresolvedDirectiveReference(
                article=article, key=mention.key, text=mention.text[:200],
                doc_type=mention.doc_type, code=mention.code[:80],
                number=mention.number, symbol=mention.symbol[:60], year=mention.year,
                issued_on=mention.issued_on,
            )
            for mention in mentions
            if mention.key not in existing
        ],
        ignore_conflicts=True,
    )


def unresolved_mentions_of(directive: Directive):
    """The mentions of `directive` in articles that are not linked to it yet."""
    key = f"{directive.number_key}-{directive.symbol_key}"
    return UnresolvedDirectiveReference.objects.filter(key=key)


def link_articles_mentioning(*, directive: Directive, by=None) -> int:
    """Re-link the articles that named `directive` before it was on the portal.

    Each article that changes gets a revision in its history, in `by`'s name, saying
    which document was linked, so that its writers see who changed their text and why."""
    article_ids = set(unresolved_mentions_of(directive).values_list("article_id", flat=True))
    count = 0
    for article in Article.objects.filter(pk__in=article_ids).select_related("organization"):
        result = link_article_directives(article=article)
        linked = any(item.pk == directive.pk for item in result.directives)
        count += linked
        if result.body_changed or result.attached:
            Article.history.bulk_history_create(
                [article], update=True, default_user=by,
                default_change_reason=f"Tự gắn {directive} khi văn bản được lưu",
            )
    return count
