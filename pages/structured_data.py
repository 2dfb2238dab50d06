"""What search engines read about a page as schema.org data (JSON-LD): the article
(NewsArticle), the trail to the page (BreadcrumbList), the portal and its owner on the
home page (WebSite with its search, GovernmentOrganization) and an organisation on its
page (GovernmentOrganization).

Each function builds plain dicts with absolute URLs for one request; `as_script` writes
them into a <script type="application/ld+json"> block, which browsers do not run (the
Content-Security-Policy needs no nonce for it, tests/e2e/test_seo_browser.py).
"""

import json
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from pages import portal_images

CONTEXT = "https://schema.org"
# What ends a <script> element or starts markup inside it, written as JSON escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def as_script(data: dict | list) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def iso_moment(moment: datetime) -> str:
    """'2026-12-07T09:30:00+07:00': the moment in the portal's time zone, with its offset."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url)


def home_url(request) -> str:
    return absolute(request, reverse("home"))


def image_object(request, url: str, width: int | None, height: int | None) -> dict:
    image = {"@type": "ImageObject", "url": absolute(request, url)}
    if width and height:
        image.update(width=width, height=height)
    return image


def portal_logo(request, info) -> dict:
    logo = portal_images.icon(info, 512)
    return image_object(request, logo.url, logo.size, logo.size)


def portal_organization(request, info) -> dict:
    """The portal's owner (Tỉnh ủy …), publisher of every article."""
    organization = {
        "@type": "GovernmentOrganization",
        "@id": home_url(request) + "#to-chuc",
        "name": info.owner,
        "url": home_url(request),
        "logo": portal_logo(request, info),
    }
    if info.address:
        organization["address"] = {
            "@type": "PostalAddress", "streetAddress": info.address, "addressCountry": "VN",
        }
    if info.phone:
        organization["telephone"] = info.phone
    if info.email:
        organization["email"] = info.email
    return organization


def website(request, info) -> dict:
    search = absolute(request, reverse("news:search"))
    return {
        "@type": "WebSite",
        "@id": home_url(request) + "#website",
        "name": info.full_name,
        "alternateName": info.display_short_name,
        "url": home_url(request),
        "inLanguage": "vi",
        "publisher": {"@id": home_url(request) + "#to-chuc"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": search + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }


def home_graph(request, info) -> dict:
    return {"@context": CONTEXT, "@graph": [website(request, info),
                                            portal_organization(request, info)]}


def article_image(request, article, info) -> dict:
    cover = article.cover_picture.largest_jpeg
    if cover is not None and cover.width:
        return image_object(request, cover.url, cover.width, cover.height)
    share = portal_images.share_image(info)
    return image_object(request, share.url, share.width, share.height)


def article_author(request, article) -> dict:
    """The display author (bút danh) as a person, else the organisation the article is of."""
    if article.author_name:
        return {"@type": "Person", "name": article.author_name}
    return {
        "@type": "GovernmentOrganization",
        "name": article.organization.name,
        "url": absolute(request, article.organization.get_absolute_url()),
    }


def news_article(request, article, info) -> dict:
    url = absolute(request, article.get_absolute_url())
    published = article.published_at or article.created_at
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": Truncator(article.title).chars(110),
        "description": plain_text(article.summary) or article.title,
        "image": [article_image(request, article, info)],
        "datePublished": (
            timezone.localtime(published).date().isoformat()
            if article.published_date_only else iso_moment(published)
        ),
        "dateModified": iso_moment(max(article.updated_at, published)),
        "author": [article_author(request, article)],
        "publisher": {
            "@type": "GovernmentOrganization",
            "name": info.owner,
            "url": home_url(request),
            "logo": portal_logo(request, info),
        },
        "articleSection": article.category.name,
        "inLanguage": "vi",
        "isAccessibleForFree": True,
    }
    return data


def organization(request, organization, parent=None) -> dict:
    data = {
        "@context": CONTEXT,
        "@type": "GovernmentOrganization",
        "name": organization.name,
        "url": absolute(request, organization.get_absolute_url()),
    }
    if organization.short_name:
        data["alternateName"] = organization.short_name
    logo = organization.logo_picture.largest_jpeg
    if logo is not None and logo.width:
        data["logo"] = image_object(request, logo.url, logo.width, logo.height)
    if organization.address:
        data["address"] = {
            "@type": "PostalAddress", "streetAddress": organization.address,
            "addressCountry": "VN",
        }
    if organization.phone:
        data["telephone"] = organization.phone
    if organization.email:
        data["email"] = organization.email
    if organization.website_href:
        data["sameAs"] = [organization.website_href]
    if parent is not None:
        data["parentOrganization"] = {
            "@type": "GovernmentOrganization",
            "name": parent.name,
            "url": absolute(request, parent.get_absolute_url()),
        }
    return data


def breadcrumb_list(request, items) -> dict:
    """The trail of the breadcrumb tag (label, address; the last address may be empty: the
    page itself)."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": label,
                "item": absolute(request, url or request.path),
            }
            for position, (label, url) in enumerate(items, start=1)
        ],
    }


def plain_text(html: str, words: int = 40) -> str:
    """Markup and runs of whitespace taken out, cut after `words` words."""
    return Truncator(" ".join(strip_tags(html or "").split())).words(words)
