"""Every admin search box and autocomplete ignores diacritics and case.

"tuyen giao" finds "Tuyên giáo", "khoi" finds "Khối", "DANG UY" finds "Đảng ủy" in the
search box of every list and in every autocomplete box (Django's autocomplete view asks
the target ModelAdmin's get_search_results). FoldedSearchMixin replaces Django's
`icontains` per word by core.folded_match: fold(column) contains fold(word), with the
project's one folding rule (core.text.strip_diacritics, then lower case).

The portal's admin site (accounts/admin_site.py) puts the mixin in front of every
ModelAdmin it registers, ours and third parties' (users, roles, django-axes), so no
admin class needs to name it. A class that overrides get_search_results (the directive
numbers of DirectiveAdmin) inherits it below its override, or registering fails.

What Django's search offers is kept: every word must be found in some search field;
"a phrase in quotes" is one word; `^field` (begins with), `=field` (is), fields across
relations, and non-text fields (an IP address, a number) searched as Django does.

Two hooks, for models that keep a folded copy of their text (news' search_document):
`search_fields_in_document`, the search fields that copy holds already (not matched
again), and `term_in_document(term)`, the condition for one word in it.
"""

from django.contrib.admin.utils import lookup_spawns_duplicates
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.utils.text import smart_split, unescape_string_literal

from .folded_match import clean_term, fold, folded_pattern

# Beyond this the search box holds a paste, not a search: what follows is not used.
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_TERMS = 10

SEARCH_HELP_TEXT = "Gõ có dấu hay không dấu đều được: “tuyen giao” tìm thấy “Tuyên giáo”."


def search_terms(search_term: str) -> list[str]:
    """The words of a search box, as Django splits them ("a phrase" is one), cleaned of
    what no stored text holds; those that fold to nothing (a lone mark) dropped."""
    text = clean_term(search_term)[:MAX_SEARCH_LENGTH]
    terms = []
    for bit in smart_split(text):
        if bit[:1] in ('"', "'") and bit[-1:] == bit[:1] and len(bit) > 1:
            bit = unescape_string_literal(bit)
        if fold(bit).strip() and bit not in terms:
            terms.append(bit)
    return terms[:MAX_SEARCH_TERMS]


class _Field:
    """One entry of search_fields: its lookup path, its last field, and how it matches."""

    def __init__(self, model, spec: str):
        self.spec = spec
        self.mode = {"^": "start", "=": "whole", "@": "contains"}.get(spec[:1], "contains")
        path = spec[1:] if spec[:1] in "^=@" else spec
        opts, field, parts = model._meta, None, path.split(LOOKUP_SEP)
        for position, part in enumerate(parts):
            try:
                field = opts.get_field(opts.pk.name if part == "pk" else part)
            except FieldDoesNotExist:
                # A lookup written into the entry: "name__exact", "title__istartswith".
                if field is not None and field.get_lookup(part) and position == len(parts) - 1:
                    self.mode = {
                        "exact": "whole", "iexact": "whole",
                        "startswith": "start", "istartswith": "start",
                    }.get(part, "contains")
                    parts = parts[:position]
                    break
                raise
            if hasattr(field, "path_infos"):
                opts = field.path_infos[-1].to_opts
        self.path = LOOKUP_SEP.join(parts)
        self.field = field
        self.is_text = isinstance(field, (models.CharField, models.TextField))

    def condition(self, term: str) -> models.Q | None:
        if self.is_text:
            pattern = folded_pattern(
                term, start=self.mode == "start", whole=self.mode == "whole"
            )
            return None if pattern is None else models.Q(**{f"{self.path}__regex": pattern})
        # Numbers, addresses, dates: as Django searches them, skipping a word the field
        # cannot hold (an "=id" search for "abc").
        if self.mode == "whole":
            try:
                value = self.field.to_python(term)
            except ValidationError:
                return None
            return models.Q(**{f"{self.path}__exact": value})
        lookup = "istartswith" if self.mode == "start" else "icontains"
        return models.Q(**{f"{self.path}__{lookup}": term})


def folded_search_results(model_admin, request, queryset, search_term):
    """ModelAdmin.get_search_results, without diacritics and case."""
    search_fields = model_admin.get_search_fields(request)
    terms = search_terms(search_term)
    if not search_fields or not terms:
        return queryset, False
    in_document = set(getattr(model_admin, "search_fields_in_document", ()))
    term_in_document = getattr(model_admin, "term_in_document", None)
    fields = [
        _Field(queryset.model, str(spec)) for spec in search_fields if spec not in in_document
    ]
    for term in terms:
        either = models.Q(pk__in=[])
        for field in fields:
            condition = field.condition(term)
            if condition is not None:
                either |= condition
        if term_in_document is not None and (in_document_condition := term_in_document(term)):
            either |= in_document_condition
        queryset = queryset.filter(either)
    may_have_duplicates = any(
        lookup_spawns_duplicates(model_admin.opts, field.path) for field in fields
    )
    return queryset, may_have_duplicates


class FoldedSearchMixin:
    """Search without diacritics and case (the module's docstring). Mix in below an
    override of get_search_results; the admin site adds it to every other ModelAdmin."""

    def get_search_results(self, request, queryset, search_term):
        return folded_search_results(self, request, queryset, search_term)
