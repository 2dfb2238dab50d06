"""Which language a public page is in, and which pages are the same page in the other one.

The portal is Vietnamese; the pages under /en/ are English (Nghị định 42/2022/NĐ-CP asks for
an English overview). The language follows the address only, never the browser's
Accept-Language: a cached page is the same for every reader, and the admin stays Vietnamese.

COUNTERPARTS pairs the URL names of a Vietnamese page and its English version. Both name
each other with <link rel="alternate" hreflang="…"> (x-default: the Vietnamese one), and
the language link (in the header's top bar and in the footer, {% language_link %}) goes to
the counterpart, else to the other language's home.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation

ENGLISH = "en"
ENGLISH_PREFIX = "/en/"

# (Vietnamese page, English page): the English page is the English portal's home.
COUNTERPARTS = [("home", "organizations:english")]
HOMES = {"vi": "home", ENGLISH: "organizations:english"}


def language_of_path(path: str) -> str:
    return ENGLISH if path.startswith(ENGLISH_PREFIX) else settings.LANGUAGE_CODE


class PathLanguageMiddleware:
    """Activates English for /en/ addresses and Vietnamese everywhere else (in place of
    Django's LocaleMiddleware, which would follow the browser)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of_path(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response


@dataclass(frozen=True)
class Alternate:
    language: str
    url: str


def _view_name(request) -> str | None:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else None


def alternates(request) -> list[Alternate]:
    """The page in each language (and x-default) when the current page has a counterpart."""
    name = _view_name(request)
    for vietnamese, english in COUNTERPARTS:
        if name in (vietnamese, english):
            vi_url = request.build_absolute_uri(reverse(vietnamese))
            en_url = request.build_absolute_uri(reverse(english))
            return [Alternate("vi", vi_url), Alternate(ENGLISH, en_url),
                    Alternate("x-default", vi_url)]
    return []


def home_url(language: str | None = None) -> str:
    """The home page of `language` (default: the active one): where the header's emblem and
    name lead."""
    language = language or translation.get_language()
    return reverse(HOMES[ENGLISH if language == ENGLISH else "vi"])


def other_language(request) -> Alternate:
    """Where the language link goes: the counterpart, else the other language's home."""
    current = translation.get_language()
    other = "vi" if current == ENGLISH else ENGLISH
    name = _view_name(request) if request is not None else None
    for pair in COUNTERPARTS:
        if name in pair:
            return Alternate(other, reverse(pair[0] if other == "vi" else pair[1]))
    return Alternate(other, reverse(HOMES[other]))


def portal_names(portal) -> tuple[str, str]:
    """The portal's name and governing body in the active language."""
    if translation.get_language() == ENGLISH:
        return (portal.english_name or portal.full_name, portal.english_owner or portal.owner)
    return portal.full_name, portal.owner
