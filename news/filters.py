"""Filters for the public directive library and the search page (django-filter)."""

from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.widgets import QuickSelect
from organizations.models import Organization
from portals import hosts

from . import directive_numbers
from .models import Article, Category, Directive
from .search_query import document_condition, parse_query


def _year_choices():
    years = Directive.objects.order_by("-year").values_list("year", flat=True).distinct()
    return [(year, str(year)) for year in years]


class DirectiveFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Số ký hiệu hoặc trích yếu",
        method="filter_text",
        widget=forms.TextInput(
            attrs={"placeholder": "Ví dụ: 20-CT/TW hoặc trẻ em", "type": "search"}
        ),
    )
    doc_type = django_filters.ChoiceFilter(
        label="Loại văn bản", choices=Directive.DocumentType.choices, empty_label="Tất cả",
        widget=QuickSelect,
    )
    issuer = django_filters.ModelChoiceFilter(
        label="Cơ quan ban hành",
        # EXISTS, not a join with DISTINCT: one index probe per organisation, whatever the
        # size of the library.
        queryset=Organization.objects.filter(
            Exists(Directive.objects.filter(issuer=OuterRef("pk")))
        ),
        empty_label="Tất cả",
        widget=QuickSelect,
    )
    year = django_filters.ChoiceFilter(
        label="Năm ban hành", choices=_year_choices, empty_label="Tất cả", widget=QuickSelect
    )
    status = django_filters.ChoiceFilter(
        label="Tình trạng", choices=Directive.Status.choices, empty_label="Tất cả",
        widget=QuickSelect,
    )

    class Meta:
        model = Directive
        fields = ["q", "doc_type", "issuer", "year", "status"]

    def filter_text(self, queryset, name, value):
        value = value.strip()[:200]
        if not value:
            return queryset
        return queryset.filter(directive_text_condition(value))


def directive_text_condition(value: str) -> Q:
    """Directives whose trích yếu or summary holds `value`, or whose số ký hiệu it is
    ("20-CT/TW", "20/CT-TW", "chỉ thị 20"): for the library's search box and the admin's.
    Words match as the site's search matches them, with or without diacritics ("hoc tap
    lam theo" finds "Học tập và làm theo"), through the folded search_document."""
    condition = Q(title__icontains=value) | Q(summary__icontains=value)
    words = parse_query(value)
    if words.is_searchable:
        condition |= document_condition(words)
    parsed = directive_numbers.parse_code(value)
    if parsed is not None:
        condition |= Q(
            number__in=[parsed.number, directive_numbers.number_key(parsed.number)],
            symbol_key=directive_numbers.symbol_key(parsed.symbol),
        )
    digits = "".join(ch for ch in value if ch.isdigit())
    if digits and len(digits) <= 6:
        condition |= Q(number=digits) | Q(number=digits.lstrip("0") or "0")
    return condition


class ArticleSearchForm(forms.Form):
    # Far-off dates are typing mistakes, and would overflow when shifted between time zones.
    EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)

    def _clean_day(self, name):
        day = self.cleaned_data.get(name)
        if day and not self.EARLIEST <= day <= self.LATEST:
            raise forms.ValidationError(
                f"Hãy chọn một ngày từ {self.EARLIEST:%d/%m/%Y} đến {self.LATEST:%d/%m/%Y}."
            )
        return day

    def clean_date_from(self):
        return self._clean_day("date_from")

    def clean_date_to(self):
        return self._clean_day("date_to")

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            # add_error drops date_to, so the search still runs with the other filters.
            self.add_error("date_to", "“Đến ngày” phải sau hoặc trùng “Từ ngày”.")
        return cleaned


def _local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


class ArticleSearchFilter(django_filters.FilterSet):
    """The filters of the search page (/tim-kiem/). The query itself is handled by
    news.search; an invalid filter value is reported on the form and ignored."""

    category = django_filters.ModelChoiceFilter(
        label="Chuyên mục",
        # The categories the portal shows (shared and its own), read per request.
        queryset=lambda request: (
            Category.objects.visible_on(hosts.current()).select_related("parent")
        ),
        empty_label="Tất cả chuyên mục",
        widget=QuickSelect,
        error_messages={"invalid_choice": "Chuyên mục đã chọn không có."},
    )
    organization = django_filters.ModelChoiceFilter(
        label="Đơn vị",
        queryset=Organization.objects.filter(
            Exists(Article.objects.filter(organization=OuterRef("pk")))
        ),
        empty_label="Tất cả đơn vị",
        widget=QuickSelect,
        error_messages={"invalid_choice": "Đơn vị đã chọn không có."},
    )
    date_from = django_filters.DateFilter(
        label="Từ ngày",
        method="filter_date_from",
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"invalid": "Ngày không đúng dạng dd/mm/yyyy, ví dụ 05/11/2024."},
    )
    date_to = django_filters.DateFilter(
        label="Đến ngày",
        method="filter_date_to",
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"invalid": "Ngày không đúng dạng dd/mm/yyyy, ví dụ 05/11/2024."},
    )

    class Meta:
        model = Article
        fields = ["category", "organization", "date_from", "date_to"]
        form = ArticleSearchForm

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(published_at__gte=_local_midnight(value))

    def filter_date_to(self, queryset, name, value):
        # The whole of the last day, in the portal's time zone.
        return queryset.filter(published_at__lt=_local_midnight(value + timedelta(days=1)))
