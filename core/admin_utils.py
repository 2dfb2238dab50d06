"""Small helpers shared by the admin classes."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def thumbnail(picture, width: int = 80):
    """A small preview from an image's smallest rendition; '—' when it has none yet."""
    if not picture or picture.pending:
        return "—"
    rendition = picture.jpeg[0]
    shown_width, shown_height = picture.layout_size(width)
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" loading="lazy">',
        rendition.url, shown_width, shown_height,
    )


class VietnameseSlugAdminMixin:
    """For every ModelAdmin with prepopulated_fields: the slug box typed from a title
    follows core.text.vietnamese_slugify() (static/js/vietnamese-slug.js), not Django's
    URLify, which drops Vietnamese letters. Listing urlify.js first keeps the order."""

    class Media:
        js = ("admin/js/urlify.js", "js/vietnamese-slug.js")


class OldSlugsAdminMixin:
    """For models with old slugs (core/old_slugs.py): the change form lists, under the
    slug, the old addresses that still lead to the object."""

    OLD_ADDRESSES = "old_addresses"

    def _has_old_slugs(self, obj) -> bool:
        # Asked by get_readonly_fields and get_fieldsets for the same object: one query.
        if obj is None or obj.pk is None:
            return False
        if not hasattr(obj, "_has_old_slugs"):
            obj._has_old_slugs = obj.old_slugs.exists()
        return obj._has_old_slugs

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self._has_old_slugs(obj) and self.OLD_ADDRESSES not in fields:
            fields.append(self.OLD_ADDRESSES)
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._has_old_slugs(obj):
            return fieldsets
        placed = []
        for name, options in fieldsets:
            fields = [field for field in options["fields"] if field != self.OLD_ADDRESSES]
            if "slug" in fields:
                fields.insert(fields.index("slug") + 1, self.OLD_ADDRESSES)
            placed.append((name, {**options, "fields": fields}))
        return placed

    @admin.display(description="địa chỉ cũ (vẫn mở được, tự chuyển sang địa chỉ hiện tại)")
    def old_addresses(self, obj):
        return format_html_join(
            mark_safe("<br>"), "{}", ((old.get_absolute_url(),) for old in obj.old_slugs.all())
        )


def full_name(user) -> str:
    """'Trần Minh Thư': họ (last_name) then tên (first_name), the Vietnamese order; the
    user name when neither is filled in."""
    name = " ".join(part for part in (user.last_name, user.first_name) if part).strip()
    return name or user.get_username()


class ReadOnlyAdminMixin:
    """A record the portal writes itself (the audit log, visit counts, references found
    by linking): shown in the admin, never added, changed or deleted there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def name_and_username(user) -> str:
    """'Trần Minh Thư (thutm)', to tell apart two people of the same name; the user name
    alone when no name is filled in."""
    name = full_name(user)
    username = user.get_username()
    return name if name == username else f"{name} ({username})"
