"""The one HTML allow-list for every piece of rich text that readers see.

CKEditor 5 does not clean HTML on the server, and text also arrives from the
importer and from code, so the model field (core.fields.RichTextField) runs
clean_html() on every save. Anything not listed here is removed. A text pasted from
Microsoft Word is first made plain HTML (core/word_html.py).
"""

import re
from urllib.parse import urlsplit

import nh3

from . import word_html

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


# A style none of whose properties is allowed is left by nh3 as style="" (CKEditor gives a
# pasted or moved image style="aspect-ratio:…"): an attribute that says nothing goes.
# Text cannot hold "<" unescaped, so only tags match.
_EMPTY_STYLE = re.compile(r'(<[a-zA-Z][^<>]*?)\s+style=""')


# Word wraps every run of text in <span lang=… style=…> and the whole text in
# <div class=WordSection1>: in a text from Word both are only noise.
WORD_DROPPED_TAGS = {"span", "div"}


def _filter_word_attribute(tag: str, attribute: str, value: str) -> str | None:
    value = word_html.filtered_attribute(tag, attribute, value)
    return None if value is None else _filter_attribute(tag, attribute, value)


def _clean(html: str, set_attributes: dict, *, from_word: bool = False) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS - WORD_DROPPED_TAGS if from_word else ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_filter_word_attribute if from_word else _filter_attribute,
        filter_style_properties=ALLOWED_STYLE_PROPERTIES,
        set_tag_attribute_values=set_attributes,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def clean_html(html: str | None) -> str:
    """Return `html` with everything outside the allow-list removed."""
    if not html:
        return ""
    html = str(html)
    from_word = word_html.looks_like_word(html)
    if from_word:
        html = word_html.unwrap(html)
    first, *others = SET_ATTRIBUTE_PASSES
    cleaned = _clean(html, first, from_word=from_word)
    if from_word:
        cleaned = word_html.tidy(cleaned)
    if "<img" in cleaned:  # the other passes only add image attributes
        for set_attributes in others:
            cleaned = _clean(cleaned, set_attributes)
    if 'style=""' in cleaned:
        cleaned = _EMPTY_STYLE.sub(r"\1", cleaned)
    # An iframe whose src was refused is useless: drop the empty element.
    cleaned = cleaned.replace("<iframe></iframe>", "")
    # Empty paragraphs before and after the text (the editor's, or a paste's) show as gaps.
    return _EDGE_EMPTY_PARAGRAPHS.sub("", cleaned)


_EMPTY_PARAGRAPH = r"<p>(?:\s|&nbsp;|\xa0|<br>)*</p>"
_EDGE_EMPTY_PARAGRAPHS = re.compile(
    rf"^\s*(?:{_EMPTY_PARAGRAPH}\s*)+|(?:\s*{_EMPTY_PARAGRAPH})+\s*$"
)
