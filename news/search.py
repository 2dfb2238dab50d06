"""Search over published articles, directives and organisations (/tim-kiem/).

Every text is matched through its folded words (news/search_document.py), so
"tre em" finds "trẻ em" and "dang" finds "Đảng"; all words of the query must be
present, the last one may be the start of a word.

Articles, on PostgreSQL: the weighted tsvector of search_document (a generated
column behind a GIN index) is matched against a tsquery built from the folded
words and ranked with ts_rank (title above summary above body and captions).
Articles, on SQLite: search_document is matched word by word with LIKE, and a
bounded set of the newest matches is scored in Python the same way.

On both, articles linked to a directive named in the query come first, then a
query typed with diacritics puts the articles whose title or summary contains
it exactly (accents included) above the others, then the rank decides, then
the date.
"""

from collections.abc import Mapping

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from organizations.models import Organization

from .filters import ArticleSearchFilter
from .models import Article, ArticleImage, Directive
from .search_document import html_to_text, words
from .search_query import DirectiveReference, ParsedQuery, parse_query
from .search_snippet import highlight, snippet

# ts_rank weights for D (body, captions), C (unused), B (summary), A (title).
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
TITLE_EXACT_BONUS = 2.0
SUMMARY_EXACT_BONUS = 1.0
# SQLite scores at most this many of the newest matching articles.
SQLITE_CANDIDATES = 1000
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


def _needles(parsed: ParsedQuery) -> list[tuple[str, ...]]:
    """For each term, the strings one of which a space-padded folded document must contain."""
    needles = []
    for position, variants in enumerate(parsed.variants()):
        is_prefix = parsed.prefix and position == len(parsed.terms) - 1
        needles.append(tuple(f" {word}" if is_prefix else f" {word} " for word in variants))
    return needles


def _document_condition(parsed: ParsedQuery) -> Q:
    """Every term as a whole word of search_document (the last one may be a prefix)."""
    condition = Q()
    for alternatives in _needles(parsed):
        either = Q()
        for needle in alternatives:
            either |= Q(search_document__contains=needle)
        condition &= either
    return condition


def search_directives(*, query, limit: int = DIRECTIVE_BLOCK_SIZE) -> list[Directive]:
    """Directives whose type, số ký hiệu, title or summary has every word of the query;
    the directive the query names ("20-CT/TW", "chỉ thị 20"…) first. One query; up to
    limit + 1 rows, so the caller can tell there are more. Each has `is_named_in_query`."""
    parsed = _parsed(query)
    if not parsed.is_searchable:
        return []
    condition = _document_condition(parsed)
    named = Value(0)
    if parsed.directive is not None:
        reference = _reference_condition(parsed.directive)
        condition |= reference
        type_matches = Q(doc_type__in=parsed.directive.doc_types) if parsed.directive.doc_types else Q()
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
    """Published articles narrowed by the valid filters (raw values or a bound ArticleSearchFilter)."""
    if filters is None:
        return Article.objects.published()
    if isinstance(filters, Mapping):
        filters = ArticleSearchFilter(filters, queryset=Article.objects.all())
    elif not isinstance(filters, ArticleSearchFilter):
        raise TypeError("filters must be a mapping of filter values or an ArticleSearchFilter")
    # Whatever queryset the filter was built on, only published articles are found.
    return filters.qs.published()


def _for_display(articles: QuerySet) -> QuerySet:
    return (
        articles.select_related("category", "organization")
        .defer("search_document", "search_vector")
        .prefetch_related(
            Prefetch(
                "images",
                queryset=ArticleImage.objects.only("article_id", "caption", "order").order_by(
                    "order", "id"
                ),
                to_attr="search_images",
            )
        )
    )


def _linked_ids(directive_ids) -> QuerySet:
    return Article.directives.through.objects.filter(directive_id__in=directive_ids)


def search_articles(*, query, filters=None, directive_ids=()) -> QuerySet:
    """Published articles matching `query`, best first, ready for a results page.

    query: the text typed or a ParsedQuery; nothing is found for a query parse_query()
    refuses. filters: the filter values (category, organization, date_from, date_to as
    in a query string) or a bound ArticleSearchFilter; invalid values are ignored.
    directive_ids: directives named in the query, whose articles come first.
    Articles have `search_rank` (higher is better) and, on the page shown, snippets
    through add_snippets().
    """
    parsed = _parsed(query)
    articles = _filtered_articles(filters)
    if not parsed.is_searchable:
        return articles.none()
    if _uses_full_text():
        ranked = _rank_in_postgresql(articles, parsed, directive_ids)
    else:
        ranked = _rank_in_python(articles, parsed, directive_ids)
    return _for_display(ranked)


def _rank_in_postgresql(articles, parsed: ParsedQuery, directive_ids) -> QuerySet:
    tsquery = SearchQuery(parsed.tsquery(), search_type="raw", config="simple")
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
    linked = (
        Exists(_linked_ids(directive_ids).filter(article_id=OuterRef("pk")))
        if directive_ids else Value(False)
    )
    return (
        articles.filter(search_vector=tsquery)
        .annotate(search_linked=linked, search_rank=score)
        .order_by("-search_linked", "-search_rank", "-published_at", "-id")
    )


def _python_score(document: str, title: str, summary: str, parsed: ParsedQuery) -> float:
    """ts_rank's idea in small: a word in the title counts most, then the summary, then the rest."""
    title_part, summary_part, rest = (document.split("|") + ["", ""])[:3]
    weighted_parts = (
        (RANK_WEIGHTS[3], title_part), (RANK_WEIGHTS[2], summary_part), (RANK_WEIGHTS[0], rest)
    )
    score = 0.0
    for alternatives in _needles(parsed):
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


def _rank_in_python(articles, parsed: ParsedQuery, directive_ids) -> QuerySet:
    candidates = list(
        articles.filter(_document_condition(parsed))
        .order_by("-published_at", "-id")
        .values_list("pk", "search_document", "title", "summary")[:SQLITE_CANDIDATES]
    )
    linked = set()
    if directive_ids and candidates:
        linked = set(
            _linked_ids(directive_ids)
            .filter(article_id__in=[pk for pk, *_ in candidates])
            .values_list("article_id", flat=True)
        )
    # The candidates are newest first, and sorted() keeps that order between equal scores.
    scored = sorted(
        (
            (pk in linked, _python_score(document, title, summary, parsed), pk)
            for pk, document, title, summary in candidates
        ),
        key=lambda item: (item[0], item[1]),
        reverse=True,
    )
    if not scored:
        return articles.none()
    positions = [When(pk=pk, then=Value(position)) for position, (_, _, pk) in enumerate(scored)]
    scores = [When(pk=pk, then=Value(score)) for _, score, pk in scored]
    return (
        Article.objects.filter(pk__in=[pk for _, _, pk in scored])
        .annotate(
            search_position=Case(*positions, output_field=IntegerField()),
            search_rank=Case(*scores, output_field=FloatField()),
        )
        .order_by("search_position")
    )


def add_snippets(articles, query) -> None:
    """Give each article of a results page `search_title` (the title with the query's words
    in <mark>) and `search_snippet` (an excerpt of summary, body and captions, likewise)."""
    parsed = _parsed(query)
    for article in articles:
        captions = [image.caption for image in getattr(article, "search_images", ())]
        text = " ".join(
            part for part in (article.summary, html_to_text(article.body), *captions) if part
        )
        article.search_title = highlight(article.title, parsed)
        article.search_snippet = snippet(text, parsed)
