"""Small helpers shared by the admin classes."""

from django.utils.html import format_html
from sorl.thumbnail import get_thumbnail


def thumbnail(image_field, size: str = "80x60"):
    """A small preview of an image for admin lists; '—' when there is none or it is unreadable."""
    # An upload not yet stored (a form shown again with errors) has nothing to preview.
    if not image_field or not getattr(image_field, "_committed", True):
        return "—"
    try:
        thumb = get_thumbnail(image_field, size, crop="center", quality=75)
        # sorl logs a failure and returns a thumbnail without size instead of raising.
        url, width, height = thumb.url, thumb.width, thumb.height
    except Exception:  # a missing or broken file must not break the page
        return "—"
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" loading="lazy">', url, width, height
    )
