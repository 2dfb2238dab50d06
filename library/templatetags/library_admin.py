"""Template tags of the library's admin pages."""

from django import template

register = template.Library()


@register.inclusion_tag("admin/library/includes/tile.html")
def library_tile(image, cl):
    """One photo of the "Thư viện ảnh" grid: its smallest copy, caption, credit,
    organisation and size, with the checkbox of the list's actions."""
    picture = image.picture
    return {
        "image": image,
        "thumbnail": picture.jpeg[0].url if picture else "",
        "url": cl.url_for_result(image),
        "selectable": "action_checkbox" in cl.list_display,
    }
