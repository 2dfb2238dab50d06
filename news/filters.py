"""Filters for the public directive library (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q

from organizations.models import Organization

from . import directive_numbers
from .models import Directive


def _year_choices():
    years = Directive.objects.order_by("-year").values_list("year", flat=True).distinct()
    return [(year, str(year)) for year in years]


class DirectiveFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Số ký hiệu hoặc trích yếu",
        method="filter_text",
        widget=forms.TextInput(attrs={"placeholder": "Ví dụ: 20-CT/TW hoặc trẻ em", "type": "search"}),
    )
    doc_type = django_filters.ChoiceFilter(
        label="Loại văn bản", choices=Directive.DocumentType.choices, empty_label="Tất cả"
    )
    issuer = django_filters.ModelChoiceFilter(
        label="Cơ quan ban hành",
        queryset=Organization.objects.filter(issued_directives__isnull=False).distinct(),
        empty_label="Tất cả",
    )
    year = django_filters.ChoiceFilter(
        label="Năm ban hành", choices=_year_choices, empty_label="Tất cả"
    )
    status = django_filters.ChoiceFilter(
        label="Tình trạng", choices=Directive.Status.choices, empty_label="Tất cả"
    )

    class Meta:
        model = Directive
        fields = ["q", "doc_type", "issuer", "year", "status"]

    def filter_text(self, queryset, name, value):
        value = value.strip()[:200]
        if not value:
            return queryset
        condition = Q(title__icontains=value) | Q(summary__icontains=value)
        parsed = directive_numbers.parse_code(value)
        if parsed is not None:
            condition |= Q(
                number__in=[parsed.number, directive_numbers.number_key(parsed.number)],
                symbol_key=directive_numbers.symbol_key(parsed.symbol),
            )
        digits = "".join(ch for ch in value if ch.isdigit())
        if digits and len(digits) <= 6:
            condition |= Q(number=digits) | Q(number=digits.lstrip("0") or "0")
        return queryset.filter(condition)
