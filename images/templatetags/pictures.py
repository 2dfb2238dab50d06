"""{% picture %}: an image from its renditions, WebP first with a JPEG fallback.

    {% load pictures %}
    {% picture article.cover_picture sizes="(min-width: 600px) 240px, 100vw" width=240 %}

`width` is the width the page lays the image out at; the height follows from
the renditions' shape, so the page does not jump while images load. Images
are lazy unless `eager=True` (the first large image of a page, which the
browser should fetch first). An image whose renditions the task worker is still
making is shown from its upload, cut to its kind's shape by CSS (class "original");
one no rendition could be made of renders as nothing.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

LAZY = mark_safe(' loading="lazy" decoding="async"')
# The page's main image: fetched before the others, not after layout.
EAGER = mark_safe(' loading="eager" fetchpriority="high"')


def _srcset(renditions) -> str:
    return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions)


@register.simple_tag
def picture(picture, *, sizes="100vw", width=None, alt="", eager=False, img_class=""):
    if not picture:
        return ""
    width = int(width) if width else None
    if picture.pending:
        return _original(picture, width=width, alt=alt, img_class=img_class, eager=eager)
    fallback = picture.fallback(width)
    width, height = picture.layout_size(width)
    css = format_html(' class="{}"', img_class) if img_class else ""
    source = (
        format_html(
            '<source type="image/webp" srcset="{}" sizes="{}">', _srcset(picture.webp), sizes
        )
        if picture.webp
        else ""
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}{}>'
        "</picture>",
        source, fallback.url, _srcset(picture.jpeg), sizes, width, height, alt, css,
        EAGER if eager else LAZY,
    )


def _original(picture, *, width, alt, img_class, eager):
    width, height = picture.layout_size(width)
    size = format_html(' width="{}"', width) if width else ""
    if height:
        size += format_html(' height="{}"', height)
    css = " ".join(filter(None, ["original", "logo" if picture.box else "", img_class]))
    return format_html(
        '<img src="{}"{} alt="{}" class="{}"{}>', picture.jpeg[0].url, size, alt, css,
        EAGER if eager else LAZY,
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """The URL as an absolute one for this request (og:image), left alone when it already is."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url
