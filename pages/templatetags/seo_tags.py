"""The <head> tags by which pages are found and shared (templates/base.html):

    {% page_meta as meta %}   description, og:title, canonical, shared picture (pages/page_meta.py)
    {% share_tags meta %}     Open Graph and Twitter card tags with their picture
    {% site_icons %}          favicon, touch icon and web manifest (pages/portal_images.py)
    {% structured_data %}     JSON-LD of the page's main object (pages/structured_data.py)

The BreadcrumbList comes with the breadcrumb itself (portal_tags.breadcrumb).
"""

from django import template

from pages import page_meta as meta_rules
from pages import portal_images
from pages import structured_data as schema

register = template.Library()


def _portal(context):
    return context.get("portal")


@register.simple_tag(takes_context=True)
def page_meta(context):
    request, info = context.get("request"), _portal(context)
    if request is None or info is None:
        return None
    return meta_rules.page_meta(context, info)


@register.inclusion_tag("pages/includes/share_tags.html", takes_context=True)
def share_tags(context, meta):
    request = context.get("request")
    if meta is None or request is None:
        return {"meta": None}
    return {
        "meta": meta,
        "portal": _portal(context),
        "image_url": request.build_absolute_uri(meta.image.url),
    }


@register.inclusion_tag("pages/includes/site_icons.html", takes_context=True)
def site_icons(context):
    info = _portal(context)
    if info is None:
        return {"icons": []}
    icons = portal_images.icons(info)
    return {
        "touch_icon": next(icon for icon in icons if icon.size == 180),
        "icons": [icon for icon in icons if icon.size in (192,)],
        "favicon": portal_images.favicon_url(info),
        "theme_colour": portal_images.THEME_COLOUR,
    }


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The JSON-LD of the home page (the portal) and of an article or an organisation."""
    request, info = context.get("request"), _portal(context)
    if request is None or info is None:
        return ""
    name = meta_rules.view_name(request)
    if name == "home":
        return schema.as_script(schema.home_graph(request, info))
    if name == "news:article_detail" and "article" in context:
        return schema.as_script(
            schema.news_article(request, context["article"], info)
        )
    if name == "organizations:detail" and "organization" in context:
        return schema.as_script(
            schema.organization(
                request, context["organization"], context.get("parent")
            )
        )
    return ""

