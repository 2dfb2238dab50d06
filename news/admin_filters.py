"""The newsroom's filters on the article list (ArticleAdmin.list_filter).

Short Vietnamese parameters, like trang_thai:

- cua_toi=viet        "Bài tôi viết": the user is the article's author;
  cua_toi=cho_duyet   "Chờ tôi duyệt": pending, and the user may publish it (a Người
                      duyệt bài, within their scope); the label counts them.
- don_vi=<id>         the organisation and every organisation merged, renamed or split
                      into it (Succession, however many steps back): after the 2025
                      merger the new board's list keeps the old boards' articles. Only
                      organisations within the user's scope are offered and accepted.
- chuyen_muc=<id>     the category.
- van_ban=<id>        the directive the article is linked to ("văn bản liên quan").
- tu_ngay, den_ngay   the publication time (thời gian đăng), dd/mm/yyyy, whole days in
                      the portal's time zone.

Organisations and directives may be thousands: both are autocomplete boxes, fed by the
admin's autocomplete view (the organisations the user's scope holds; the shared directive
library), with their search that ignores diacritics. A value that names nothing the user
may choose, or a date that is not one, is left out of the filtering with a message in
Vietnamese (the other filters still apply); the box keeps what was typed, to correct it.
"""

from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Q
from django.utils import timezone

from organizations.models import Organization, Succession

from . import permissions
from .models import Article, Category, Directive

EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


def _warn_once(request, text: str) -> None:
    """A message for the page, once however many times the list builds its filters."""
    said = request.__dict__.setdefault("_newsroom_filter_messages", set())
    if text not in said:
        said.add(text)
        messages.warning(request, text)


def _hidden_params(changelist, *own: str) -> list[tuple[str, str]]:
    """The other filters, the search and the order, for a filter's own little form."""
    return [
        (name, value)
        for name, values in changelist.filter_params.items() if name not in own
        for value in values
    ]


class MineFilter(admin.SimpleListFilter):
    """Của tôi: what I wrote, what waits for me to review."""

    title = "của tôi"
    # "Theo của tôi" is not Vietnamese: the heading is the title alone.
    template = "admin/news/article/titled_filter.html"
    parameter_name = "cua_toi"
    WROTE, TO_REVIEW = "viet", "cho_duyet"

    def lookups(self, request, model_admin):
        user = request.user
        choices = []
        # A Phóng viên sees only what they wrote: "Bài tôi viết" would change nothing.
        if permissions.can_edit_colleagues(user):
            choices.append((self.WROTE, "Bài tôi viết"))
        if permissions.can_publish(user):
            waiting = model_admin.get_queryset(request).filter(status=Article.Status.PENDING)
            choices.append((self.TO_REVIEW, f"Chờ tôi duyệt ({waiting.count()})"))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.WROTE:
            return queryset.filter(author=request.user)
        if value == self.TO_REVIEW and permissions.can_publish(request.user):
            return queryset.filter(status=Article.Status.PENDING)
        return queryset


class CategoryFilter(admin.SimpleListFilter):
    title = "chuyên mục"
    parameter_name = "chuyen_muc"

    def lookups(self, request, model_admin):
        return [
            (str(category.pk), str(category))
            for category in Category.objects.select_related("parent")
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit() or value not in {pk for pk, _ in self.lookup_choices}:
            _warn_once(request, "Chuyên mục đã chọn không có nên chưa được dùng để lọc.")
            return queryset
        return queryset.filter(category_id=int(value))


class FilterBox(AutocompleteSelect):
    """Django's autocomplete box, with a placeholder of our own (Django sets it empty)."""

    def __init__(self, *args, placeholder="", **kwargs):
        super().__init__(*args, **kwargs)
        self.placeholder = placeholder

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-placeholder"] = self.placeholder
        return attrs


class AutocompleteFilter(admin.ListFilter):
    """One object of a related model, chosen in an autocomplete box (select2, as the
    article form's own boxes) that asks the admin's autocomplete view for
    `Article.<field_name>`."""

    template = "admin/news/article/autocomplete_filter.html"
    parameter_name = ""
    field_name = ""
    placeholder = ""
    unknown_message = ""

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.model_admin = model_admin
        self.chosen = None
        values = params.pop(self.parameter_name, None)
        self.typed = values[-1] if values else None
        if self.typed is None:
            return
        if self.typed.isdigit() and len(self.typed) < 19:
            self.chosen = self.choosable(request).filter(pk=int(self.typed)).first()
        if self.chosen is None:
            _warn_once(request, self.unknown_message)
        else:
            self.used_parameters[self.parameter_name] = self.typed

    def choosable(self, request):
        raise NotImplementedError

    def filter(self, queryset, chosen):
        raise NotImplementedError

    def has_output(self):
        # The box asks the target's admin (its autocomplete view): only for those who may
        # look at it there.
        target = Article._meta.get_field(self.field_name).related_model
        target_admin = self.model_admin.admin_site._registry.get(target)
        return target_admin is not None and target_admin.has_view_permission(self.request)

    def expected_parameters(self):
        return [self.parameter_name]

    def queryset(self, request, queryset):
        if self.chosen is None:
            return queryset
        return self.filter(queryset, self.chosen)

    def choices(self, changelist):
        self.hidden = _hidden_params(changelist, self.parameter_name)
        yield {
            "selected": self.chosen is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Tất cả",
        }
        if self.chosen is not None:
            yield {
                "selected": True,
                "query_string": changelist.get_query_string(),
                "display": str(self.chosen),
            }

    def box(self):
        """The autocomplete box, showing the chosen object."""
        field = Article._meta.get_field(self.field_name)
        widget = FilterBox(field, self.model_admin.admin_site, placeholder=self.placeholder, attrs={
            "data-width": "100%",
            "aria-label": f"Lọc theo {self.title}",
            "id": f"loc-{self.parameter_name}",
            "class": "newsroom-filter-box",
        })
        choice = forms.ModelChoiceField(
            queryset=field.related_model._default_manager.all(), required=False, widget=widget,
        )
        widget.choices = choice.choices
        return widget.render(self.parameter_name, self.chosen.pk if self.chosen else None)


def with_predecessors(organization) -> set[int]:
    """The organisation's id and those of every organisation merged, renamed or split into
    it, however many steps back."""
    found = {organization.pk}
    frontier = {organization.pk}
    while frontier:
        earlier = set(
            Succession.objects.filter(successor__in=frontier).values_list("predecessor", flat=True)
        )
        frontier = earlier - found
        found |= frontier
    return found


class OrganizationFilter(AutocompleteFilter):
    title = "đơn vị"
    parameter_name = "don_vi"
    field_name = "organization"
    placeholder = "Gõ tên đơn vị, ví dụ: tuyen giao"
    unknown_message = (
        "Đơn vị đã chọn không có hoặc ngoài phạm vi bạn phụ trách nên chưa được dùng để lọc."
    )

    def choosable(self, request):
        return permissions.organizations_for(request.user)

    def filter(self, queryset, chosen):
        return queryset.filter(organization__in=with_predecessors(chosen))

    def predecessors(self):
        """For the sidebar: the earlier organisations whose articles are shown too."""
        if self.chosen is None:
            return []
        ids = with_predecessors(self.chosen) - {self.chosen.pk}
        return list(Organization.objects.filter(pk__in=ids))


class DirectiveFilter(AutocompleteFilter):
    title = "văn bản"
    parameter_name = "van_ban"
    field_name = "directives"
    placeholder = "Gõ số ký hiệu hoặc trích yếu, ví dụ: 20-CT"
    unknown_message = "Văn bản đã chọn không có nên chưa được dùng để lọc."

    def choosable(self, request):
        return Directive.objects.all()

    def filter(self, queryset, chosen):
        return queryset.filter(directives=chosen)


def _parse_day(text: str) -> date | None:
    for layout in DATE_FORMATS:
        try:
            day = datetime.strptime(text.strip(), layout).date()  # noqa: DTZ007 (a day, no time)
        except ValueError:
            continue
        return day if EARLIEST <= day <= LATEST else None
    return None


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class PublishedBetweenFilter(admin.ListFilter):
    """Thời gian đăng: từ ngày … đến ngày … (dd/mm/yyyy), and quick choices."""

    title = "thời gian đăng"
    template = "admin/news/article/date_range_filter.html"
    FROM, TO = "tu_ngay", "den_ngay"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.typed = {}
        self.days = {}
        self.errors = {}
        for name, label in ((self.FROM, "Từ ngày"), (self.TO, "Đến ngày")):
            values = params.pop(name, None)
            if not values or not values[-1].strip():
                continue
            typed = values[-1][:40]
            self.typed[name] = typed
            day = _parse_day(typed)
            if day is None:
                self.errors[name] = (
                    f"“{label}” phải là một ngày dạng ngày/tháng/năm, ví dụ 05/11/2026 "
                    f"(từ {EARLIEST:%d/%m/%Y} đến {LATEST:%d/%m/%Y})."
                )
                _warn_once(request, f"{self.errors[name]} “{typed}” chưa được dùng để lọc.")
            else:
                self.days[name] = day
                self.used_parameters[name] = typed
        start, end = self.days.get(self.FROM), self.days.get(self.TO)
        if start and end and start > end:
            self.errors[self.TO] = "“Đến ngày” phải sau hoặc trùng “Từ ngày”."
            _warn_once(request, f"{self.errors[self.TO]} Bộ lọc “đến ngày” chưa được dùng.")
            del self.days[self.TO]

    def has_output(self):
        return True

    def expected_parameters(self):
        return [self.FROM, self.TO]

    def queryset(self, request, queryset):
        condition = Q()
        if self.FROM in self.days:
            condition &= Q(published_at__gte=_local_midnight(self.days[self.FROM]))
        if self.TO in self.days:
            condition &= Q(published_at__lt=_local_midnight(self.days[self.TO] + timedelta(1)))
        return queryset.filter(condition) if condition else queryset

    def quick_ranges(self):
        today = timezone.localdate()
        return [
            ("Hôm nay", today, today),
            ("7 ngày qua", today - timedelta(days=6), today),
            ("Tháng này", today.replace(day=1), today),
            ("Năm nay", today.replace(month=1, day=1), today),
        ]

    def choices(self, changelist):
        self.hidden = _hidden_params(changelist, self.FROM, self.TO)
        yield {
            "selected": not self.days,
            "query_string": changelist.get_query_string(remove=[self.FROM, self.TO]),
            "display": "Mọi lúc",
        }
        chosen = (self.days.get(self.FROM), self.days.get(self.TO))
        offered = set()
        for label, start, end in self.quick_ranges():
            if (start, end) in offered:  # early in a month, "Tháng này" is "7 ngày qua"
                continue
            offered.add((start, end))
            yield {
                "selected": chosen == (start, end),
                "query_string": changelist.get_query_string(
                    {self.FROM: f"{start:%d/%m/%Y}", self.TO: f"{end:%d/%m/%Y}"}
                ),
                "display": label,
            }


class NewsroomFiltersMixin:
    """For ArticleAdmin: the scripts the autocomplete boxes of its filters need (select2,
    as on the article form, where Django merges the same files once), and the one that
    applies a filter as soon as something is chosen."""

    @property
    def media(self):
        field = Article._meta.get_field("organization")
        box_media = AutocompleteSelect(field, self.admin_site).media
        return super().media + box_media + forms.Media(
            js=["js/admin-newsroom-filters.js"], css={"all": ["css/admin-newsroom-filters.css"]}
        )
