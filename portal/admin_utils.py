"""Small helpers shared by the admin classes."""

from django.utils.html import format_html


def thumbnail(picture, width: int = 80):
    """A small preview from an image's smallest rendition; '—' when it has none yet."""
    if not picture:
        return "—"
    rendition = picture.jpeg[0]
    shown_width, shown_height = picture.layout_size(width)
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" loading="lazy">',
        rendition.url, shown_width, shown_height,
    )


class VietnameseSlugAdminMixin:
    """For every ModelAdmin with prepopulated_fields: the slug box typed from a title
    follows portal.text.vietnamese_slugify() (static/js/vietnamese-slug.js), not Django's
    URLify, which drops Vietnamese letters. Listing urlify.js first keeps the order."""

    class Media:
        js = ["admin/js/urlify.js", "js/vietnamese-slug.js"]
