"""Filters of the library's lists."""

from django.contrib import admin

from . import selectors


class UseFilter(admin.SimpleListFilter):
    """"Chưa dùng": items no article or directive shows, the ones worth tidying away."""

    title = "nơi dùng"
    parameter_name = "dung"

    def lookups(self, request, model_admin):
        return [("chua", "Chưa dùng"), ("co", "Đang được dùng")]

    def queryset(self, request, queryset):
        if self.value() == "chua":
            return selectors.unused(queryset)
        if self.value() == "co":
            return selectors.used(queryset)
        return queryset

