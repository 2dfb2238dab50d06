"""The page's other language: hreflang links in <head>, the language link of the header's
top bar and of the footer (one rule: pages/languages.py decides which pages are
counterparts), and the home page of the page's language."""

from django import template

from pages import languages

register = template.Library()


@register.inclusion_tag("includes/language_alternates.html", takes_context=True)
def language_alternates(context):
    request = context.get("request")
    return {"alternates": languages.alternates(request) if request is not None else []}


@register.inclusion_tag("includes/language_link.html", takes_context=True)
def language_link(context, compact=False):
    """"English" on a Vietnamese page, "Tiếng Việt" on an English one, each in its own
    language, to the page's counterpart or the other language's home. `compact` (the
    header) adds "EN", which a narrow phone shows in place of "English"."""
    return {"switch": languages.other_language(context.get("request")), "compact": compact}


@register.simple_tag
def language_home():
    """The home page of the page's language (/ or /en/)."""
    return languages.home_url()
