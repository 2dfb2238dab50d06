"""Small helpers shared by the admin classes."""

from django.utils.html import format_html
from sorl.thumbnail import get_thumbnail


def thumbnail(image_field, size: str = "80x60"):
    """A small preview of an image for admin lists; '—' when there is none or it is unreadable."""
    if not image_field:
        return "—"
    try:
        thumb = get_thumbnail(image_field, size, crop="center", quality=75)
    except Exception:  # a missing or broken file must not break the list page
        return "—"
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" loading="lazy">',
        thumb.url, thumb.width, thumb.height,
    )
