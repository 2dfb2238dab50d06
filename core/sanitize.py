"""The one HTML allow-list for every piece of rich text that readers see.

CKEditor 5 does not clean HTML on the server, and text also arrives from the
importer and from code, so the model field (core.fields.RichTextField) runs
clean_html() on every save. Anything not listed here is removed.
"""

from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
    "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark", "small", "span", "div",
    "blockquote", "pre", "code",
    "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "figure", "figcaption", "picture", "source",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    "iframe", "oembed",
}

ALLOWED_ATTRIBUTES = {
    "*": {"class", "style", "title", "lang", "dir"},
    "a": {"href", "target", "name"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding"},
    "source": {"srcset", "type", "media", "sizes"},
    "ol": {"start", "type", "reversed"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "scope", "headers"},
    "col": {"span"},
    "colgroup": {"span"},
    "iframe": {"src", "width", "height", "allowfullscreen", "frameborder"},
    "oembed": {"url"},
}

ALLOWED_STYLE_PROPERTIES = {
    "text-align", "text-decoration", "font-weight", "font-style",
    "width", "height", "max-width", "min-width",
    "vertical-align", "float", "margin-left", "margin-right", "padding-left",
    "border", "border-color", "border-style", "border-width", "border-collapse",
    "background-color", "color",
}

# Set on every image of a text, whatever it said: a photo far down an article is fetched only
# when the reader gets near it, and decoding it does not hold up the page. One attribute per
# pass: nh3 adds several in no fixed order, and a text saved twice must come out the same.
SET_ATTRIBUTE_PASSES = ({"img": {"loading": "lazy"}}, {"img": {"decoding": "async"}})

URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Video players that may be embedded in an article.
ALLOWED_IFRAME_HOSTS = {
    "www.youtube.com", "youtube.com", "www.youtube-nocookie.com",
    "player.vimeo.com", "www.facebook.com",
}


def _is_allowed_iframe_src(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme == "https" and parts.hostname in ALLOWED_IFRAME_HOSTS


def _url_scheme(value: str) -> str:
    # Browsers skip spaces and control characters in a scheme ("java\tscript:").
    return urlsplit("".join(ch for ch in value if ch > " ")).scheme.lower()


def _is_safe_srcset(value: str) -> bool:
    """nh3 checks href and src against URL_SCHEMES, but not the addresses inside srcset."""
    return all(_url_scheme(candidate) in ("", "http", "https") for candidate in value.split(","))


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "iframe" and attribute == "src":
        return value if _is_allowed_iframe_src(value) else None
    if attribute == "srcset":
        return value if _is_safe_srcset(value) else None
    if tag == "oembed" and attribute == "url":
        return value if _url_scheme(value) in ("http", "https") else None
    if attribute == "style" and ("url(" in value.lower() or "expression" in value.lower()):
        return None
    return value


def _clean(html: str, set_attributes: dict) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_filter_attribute,
        filter_style_properties=ALLOWED_STYLE_PROPERTIES,
        set_tag_attribute_values=set_attributes,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def clean_html(html: str | None) -> str:
    """Return `html` with everything outside the allow-list removed."""
    if not html:
        return ""
    first, *others = SET_ATTRIBUTE_PASSES
    cleaned = _clean(str(html), first)
    if "<img" in cleaned:  # the other passes only add image attributes
        for set_attributes in others:
            cleaned = _clean(cleaned, set_attributes)
    # An iframe whose src was refused is useless: drop the empty element.
    return cleaned.replace("<iframe></iframe>", "")
