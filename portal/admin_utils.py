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
