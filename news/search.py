"""Search over published articles, directives and organisations (/tim-kiem/).

Every text is matched through its folded words (news/search_document.py), so
"tre em" finds "trẻ em" and "dang" finds "Đảng"; all words of the query must be
present, the last one may be the start of a word.

Articles, on PostgreSQL: the weighted tsvector of search_document (a generated
column behind a GIN index) is matched against a tsquery built from the folded
words, and ranked with ts_rank (title above summary above body and captions).
Articles, on SQLite: search_document is matched word by word with LIKE, and the
same newest matches are scored in Python the same way.

Only the newest RESULT_WINDOW + 1 matches are ranked, so a word found in most
articles costs no more than a rare one (bench/SEARCH.md has the figures). Among
them, the articles linked to a directive named in the query come first; then a
query typed with diacritics puts the articles whose title or summary contains it
exactly (accents included) above the others; then the rank decides, then the date.
"""

import time
from collections.abc import Mapping
from dataclasses import replace

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, connections
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from psycopg import sql

from organizations.models import Organization
from portals import hosts

from .filters import ArticleSearchFilter
from .models import Article, ArticleQuerySet, Directive
from .search_document import html_to_text, words
from .search_query import (
    DirectiveReference,
    ParsedQuery,
    document_condition,
    needles,
    parse_query,
)
from .search_snippet import highlight, snippet

# ts_rank weights for D (body, captions), C (unused), B (summary), A (title).
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
TITLE_EXACT_BONUS = 2.0
SUMMARY_EXACT_BONUS = 1.0
# Only the newest this many matches (plus one, to tell there are more) are ranked.
RESULT_WINDOW = 200
# PostgreSQL first looks for them among this many newest articles (_window_in_postgresql).
PROBE_ROWS = 4000
DIRECTIVE_BLOCK_SIZE = 5
ORGANIZATION_BLOCK_SIZE = 5


def _parsed(query) -> ParsedQuery:
    return query if isinstance(query, ParsedQuery) else parse_query(query)


def _uses_full_text() -> bool:
    return connection.vendor == "postgresql"


# -- directives -------------------------------------------------------------


def _reference_condition(reference: DirectiveReference) -> Q:
    condition = Q(number_key=reference.number_key)
    if reference.symbol_key:
        condition &= Q(symbol_key__startswith=reference.symbol_key)
    elif reference.doc_types:
        condition &= Q(doc_type__in=reference.doc_types)
    if reference.year:
        condition &= Q(year=reference.year)
    return condition


def search_directives(*, query, limit: int = DIRECTIVE_BLOCK_SIZE) -> list[Directive]:
    """Directives whose type, số ký hiệu, title or summary has every word of the query;
    the directive the query names ("20-CT/TW", "chỉ thị 20"…) first. One query; up to
    limit + 1 rows, so the caller can tell there are more. Each has `is_named_in_query`."""
    parsed = _parsed(query)
    if not parsed.is_searchable:
        return []
    condition = document_condition(parsed)
    named = Value(0)
    if parsed.directive is not None:
        reference = _reference_condition(parsed.directive)
        condition |= reference
        doc_types = parsed.directive.doc_types
        type_matches = Q(doc_type__in=doc_types) if doc_types else Q()
        named = Case(
            When(reference & type_matches, then=Value(2)),
            When(reference, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    directives = list(
        Directive.objects.filter(condition)
        .annotate(named_rank=named)
        .select_related("issuer")
        .defer("search_document", "summary")
        .order_by("-named_rank", "-is_key", "-issued_on", "-id")[: limit + 1]
    )
    for directive in directives:
        directive.is_named_in_query = directive.named_rank > 0
    return directives


# -- organisations ----------------------------------------------------------


def search_organizations(*, query, limit: int = ORGANIZATION_BLOCK_SIZE) -> list[Organization]:
    """Organisations whose name, short name or English name has every word of the query.

    A portal has a few hundred organisations at most, and their names are not
    folded in the database, so they are matched in Python after one query.
    Current organisations and exact names come first; up to limit + 1 results.
    """
    parsed = _parsed(query)
    if not parsed.is_searchable:
        return []
    terms, last = parsed.terms, parsed.terms[-1]
    found = []
    for organization in Organization.objects.only(
        "name", "short_name", "name_en", "slug", "active_from", "active_until", "path", "depth"
    ):
        names = [organization.name, organization.short_name, organization.name_en]
        name_words = set()
        for name in names:
            name_words.update(words(name))
        if not all(
            term in name_words
            or (parsed.prefix and term == last and any(w.startswith(last) for w in name_words))
            for term in terms
        ):
            continue
        exact = any(
            " ".join(words(name)) == " ".join(terms) for name in names if name
        )
        found.append((not exact, not organization.is_active, organization.path, organization))
    found.sort(key=lambda item: item[:3])
    return [item[3] for item in found[: limit + 1]]


# -- articles ---------------------------------------------------------------


def _filtered_articles(filters) -> QuerySet:
    """Published articles narrowed by the valid filters (raw values or a bound
    ArticleSearchFilter)."""
    if filters is None:
        return Article.objects.shown_on(hosts.current())
    if isinstance(filters, Mapping):
        filters = ArticleSearchFilter(filters, queryset=Article.objects.all())
    elif not isinstance(filters, ArticleSearchFilter):
        raise TypeError("filters must be a mapping of filter values or an ArticleSearchFilter")
    # Whatever queryset the filter was built on, only what the portal shows is found.
    return filters.qs.shown_on(hosts.current())


class SearchResults(ArticleQuerySet):
    """Ranked search results. Their number is known once the window of matches is read,
    so counting them for the pager asks the database nothing."""

    known_count: int | None = None  # set on the finished queryset only; clones count again

    def count(self):
        if self.known_count is not None and self._result_cache is None:
            return self.known_count
        return super().count()


def _results(ids) -> SearchResults:
    """The articles with these ids; on PostgreSQL the ids go as one array parameter."""
    if _uses_full_text():
        return SearchResults(Article).filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", (ids,)))
    return SearchResults(Article).filter(pk__in=ids)


# What a result shows (templates/news/search.html) and what its excerpt is made of.
DISPLAY_FIELDS = (
    "title", "slug", "summary", "body", "published_at", "published_date_only",
    "category__name", "category__slug",
    "organization__name", "organization__short_name", "organization__slug",
)


def _for_display(articles: QuerySet) -> QuerySet:
    # The ranked rows are found again by id: they are the portal's (shown_on), and their
    # links stay on it.
    return (
        articles.select_related("category", "organization").only(*DISPLAY_FIELDS)
        .annotate(shown_on_portal_id=Value(hosts.current().pk, output_field=IntegerField()))
    )


def _linked_ids(directive_ids) -> QuerySet:
    return Article.directives.through.objects.filter(directive_id__in=directive_ids)


def search_articles(*, query, filters=None, directive_ids=()) -> QuerySet:
    """Published articles matching `query`, best first, ready for a results page.

    query: the text typed or a ParsedQuery; nothing is found for a query parse_query()
    refuses. filters: the filter values (category, organization, date_from, date_to as
    in a query string) or a bound ArticleSearchFilter; invalid values are ignored.
    directive_ids: directives named in the query; the matching articles linked to one of
    them come first.

    Only the newest RESULT_WINDOW + 1 matching articles are ranked, so a common word
    costs no more than a rare one; more than RESULT_WINDOW results means "more than
    RESULT_WINDOW" (see window_exceeded()). Articles have `search_rank` (higher is
    better); add_snippets() gives a page its excerpts.
    """
    parsed = _parsed(query)
    articles = _filtered_articles(filters)
    if not parsed.is_searchable:
        return articles.none()
    if _uses_full_text():
        ranked, count = _rank_in_postgresql(articles, parsed, directive_ids)
    else:
        ranked, count = _rank_in_python(articles, parsed, directive_ids)
    if not count:
        return articles.none()
    results = _for_display(ranked)
    results.known_count = count
    return results


def window_exceeded(count: int) -> int | None:
    """RESULT_WINDOW when a result count from search_articles() stands for "more than
    RESULT_WINDOW", else None."""
    return RESULT_WINDOW if count > RESULT_WINDOW else None


def _newest(articles: QuerySet, *fields, flat: bool = False) -> QuerySet:
    newest = articles.order_by("-published_at", "-id").values_list(*fields, flat=flat)
    return newest[: RESULT_WINDOW + 1]


class WordFrequencies:
    """How many articles contain each common word, from PostgreSQL's own statistics of
    search_vector (pg_stats, kept by ANALYZE/autovacuum), read at most every few minutes."""

    max_age = 600.0

    def __init__(self):
        self._read_at = None
        self._frequencies: dict[str, float] = {}
        self._floor = 1.0

    def _refresh(self) -> None:
        now = time.monotonic()
        if self._read_at is not None and now - self._read_at < self.max_age:
            return
        self._read_at = now
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats"
                " WHERE schemaname = current_schema() AND tablename = %s AND attname = %s",
                (Article._meta.db_table, "search_vector"),
            )
            row = cursor.fetchone()
        if row is None or not row[0]:
            self._frequencies, self._floor = {}, 1.0
            return
        words_, shares = row
        self._frequencies = dict(zip(words_, shares, strict=False))
        # After one share per word come the smallest and largest share, then the share of NULLs.
        self._floor = shares[len(words_)]

    def share(self, word: str) -> float:
        """The fraction of articles containing `word`, or an upper bound of it."""
        self._refresh()
        return self._frequencies.get(word, self._floor)

    def is_common(self, word: str) -> bool:
        self._refresh()
        return word in self._frequencies


WORD_FREQUENCIES = WordFrequencies()


def _recent_matches_expected(parsed: ParsedQuery) -> float:
    """At most how many of the newest PROBE_ROWS articles can match (the rarest term's share)."""
    share = 1.0
    last = len(parsed.terms) - 1
    for position, variants in enumerate(parsed.variants()):
        if parsed.prefix and position == last:
            continue  # the words it starts are not counted
        share = min(share, sum(WORD_FREQUENCIES.share(word) for word in variants))
    return share * PROBE_ROWS


def _window_in_postgresql(articles: QuerySet, parsed: ParsedQuery) -> list[int]:
    """Ids of the newest RESULT_WINDOW + 1 articles matching the query, in one statement.

    Unless statistics say its rarest word is too rare for that, the newest PROBE_ROWS
    articles are read first, newest first, until enough match: a common word stops
    after a few hundred rows. Only when that finds too few (a rare word, or one used
    mostly in old articles) and has not read every article (a portal with fewer than
    PROBE_ROWS) is the whole table searched through the GIN index, by the same
    statement. Left to itself, the planner estimates several common words as if they
    were independent, expects almost no matches and reads every match of a query such
    as "nghị quyết 18" through the index.
    """
    tsquery = parsed.tsquery()
    everywhere = _newest(
        articles.filter(search_vector=SearchQuery(tsquery, search_type="raw", config="simple")),
        "pk", "published_at",
    )
    if _recent_matches_expected(parsed) <= RESULT_WINDOW:
        return [pk for pk, _ in everywhere]
    # Ordered by the date alone, as the index of published articles gives it, rows stream
    # from the index without a sort; ties at the edge of the window fall either way.
    # probe_position numbers them: a row at PROBE_ROWS or beyond (ties may reorder the
    # last ones) comes out too, and says the probe did not reach the oldest article.
    recent_sql, recent_params = (
        articles.order_by("-published_at")
        .annotate(probe_position=Window(RowNumber(), order_by=F("published_at").desc()))
        .values_list("id", "published_at", "search_vector", "probe_position")[:PROBE_ROWS]
        .query.sql_with_params()
    )
    everywhere_sql, everywhere_params = everywhere.query.sql_with_params()
    matches = "recent.search_vector @@ to_tsquery('simple'::regconfig, %s)"
    # A subquery with LIMIT is never flattened: its rows come newest first and stop early.
    # The verdict is computed once; when the probe is enough, the GIN branch never runs.
    # The fragments are SQL compiled by Django from the querysets above; every value,
    # the words searched for included, is a parameter.
    statement = sql.SQL(
        "WITH probe AS MATERIALIZED ("
        " SELECT recent.id, recent.published_at, {matches} AS matches,"
        " recent.probe_position >= %s AS at_edge FROM ({recent}) recent"
        " WHERE {matches} OR recent.probe_position >= %s LIMIT %s"
        "), verdict AS ("
        " SELECT count(*) FILTER (WHERE matches) > %s OR NOT coalesce(bool_or(at_edge), false)"
        " AS enough FROM probe"
        ") SELECT id, published_at FROM probe WHERE matches AND (SELECT enough FROM verdict)"
        " UNION ALL SELECT * FROM ({everywhere}) everywhere"
        " WHERE NOT (SELECT enough FROM verdict)"
    ).format(
        matches=sql.SQL(matches), recent=sql.SQL(recent_sql), everywhere=sql.SQL(everywhere_sql)
    ).as_string()
    params = (
        tsquery, PROBE_ROWS, *recent_params, tsquery, PROBE_ROWS, RESULT_WINDOW + 2,
        RESULT_WINDOW, *everywhere_params,
    )
    # The database the queryset reads from: the read replica for readers when there is one.
    with connections[articles.db].cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    newest_first = sorted(((published_at, pk) for pk, published_at in rows), reverse=True)
    return [pk for _, pk in newest_first[: RESULT_WINDOW + 1]]


def _rank_in_postgresql(articles, parsed: ParsedQuery, directive_ids) -> tuple[QuerySet, int]:
    if parsed.prefix and WORD_FREQUENCIES.is_common(parsed.terms[-1]):
        # A common word is a finished word ("mới"), and as a prefix it would make the
        # index collect every word that starts with it.
        parsed = replace(parsed, prefix=False)
    tsquery = SearchQuery(parsed.tsquery(), search_type="raw", config="simple")
    # Fetched once here: counting the results and showing a page then only look up ids.
    ids = _window_in_postgresql(articles, parsed)
    if not ids:
        return articles, 0
    is_linked = (
        Exists(_linked_ids(directive_ids).filter(article_id=OuterRef("pk")))
        if directive_ids else Value(False)
    )
    score = SearchRank(F("search_vector"), tsquery, weights=RANK_WEIGHTS)
    if parsed.has_diacritics:
        phrase = parsed.phrase
        score = (
            score
            + Case(
                When(title__icontains=phrase, then=Value(TITLE_EXACT_BONUS)),
                default=Value(0.0), output_field=FloatField(),
            )
            + Case(
                When(summary__icontains=phrase, then=Value(SUMMARY_EXACT_BONUS)),
                default=Value(0.0), output_field=FloatField(),
            )
        )
    ranked = (
        _results(ids)
        .annotate(search_linked=is_linked, search_rank=score)
        .order_by("-search_linked", "-search_rank", "-published_at", "-id")
    )
    return ranked, len(ids)


def _python_score(document: str, title: str, summary: str, parsed: ParsedQuery) -> float:
    """ts_rank's idea in small: a word in the title counts most, then the summary, then the rest."""
    title_part, summary_part, rest = [*document.split("|"), "", ""][:3]
    weighted_parts = (
        (RANK_WEIGHTS[3], title_part), (RANK_WEIGHTS[2], summary_part), (RANK_WEIGHTS[0], rest)
    )
    score = 0.0
    for alternatives in needles(parsed):
        for weight, part in weighted_parts:
            count = sum(part.count(needle) for needle in alternatives)
            if count:
                score += weight * (1 + min(count, 5) / 10)
                break
    if parsed.has_diacritics:
        phrase = parsed.phrase
        if phrase in title.lower():
            score += TITLE_EXACT_BONUS
        if phrase in summary.lower():
            score += SUMMARY_EXACT_BONUS
    return score


def _rank_in_python(articles, parsed: ParsedQuery, directive_ids) -> tuple[QuerySet, int]:
    fields = ("pk", "published_at", "search_document", "title", "summary")
    rows = {row[0]: row for row in _newest(articles.filter(document_condition(parsed)), *fields)}
    if not rows:
        return articles, 0
    linked_ids = set()
    if directive_ids:
        linked_ids = set(
            _linked_ids(directive_ids)
            .filter(article_id__in=rows)
            .values_list("article_id", flat=True)
        )
    # The order PostgreSQL gives: linked first, then score, then the newest.
    scored = sorted(
        (
            (pk in linked_ids, _python_score(document, title, summary, parsed), published_at, pk)
            for pk, published_at, document, title, summary in rows.values()
        ),
        reverse=True,
    )
    positions = [When(pk=row[-1], then=Value(position)) for position, row in enumerate(scored)]
    scores = [When(pk=row[-1], then=Value(row[1])) for row in scored]
    ranked = (
        _results([row[-1] for row in scored])
        .annotate(
            search_position=Case(*positions, output_field=IntegerField()),
            search_rank=Case(*scores, output_field=FloatField()),
        )
        .order_by("search_position")
    )
    return ranked, len(scored)


def add_snippets(articles, query) -> None:
    """Give each article of a results page `search_title` (the title with the query's words
    in <mark>) and `search_snippet` (an excerpt of summary and body, the captions of its
    figures included, likewise)."""
    parsed = _parsed(query)
    for article in articles:
        text = " ".join(
            part for part in (article.summary, html_to_text(article.body)) if part
        )
        article.search_title = highlight(article.title, parsed)
        article.search_snippet = snippet(text, parsed)
