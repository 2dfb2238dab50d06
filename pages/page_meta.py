"""What a public page says about itself in its <head>, by page type: the description
(meta description, og:description), the heading shared (og:title), the canonical address,
the picture shared (og:image) and, on articles, Open Graph's article times.

The page type is the name of the URL it answers (request.resolver_match); each reads its
main object from the template context the view gave, so page templates need not repeat
it. templates/base.html writes it all ({% page_meta as meta %}, pages/templatetags/seo_tags.py).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils import translation

from pages import languages, portal_images, structured_data

PAGE_PARAMETER = "page"


@dataclass
class SharedImage:
    url: str
    width: int | None
    height: int | None
    alt: str
    type: str = "image/jpeg"


@dataclass
class PageMeta:
    title: str
    description: str
    canonical: str
    image: SharedImage
    og_type: str = "website"
    article_times: dict = field(default_factory=dict)
    section: str = ""


def page_number(context) -> int:
    page = context.get("page_obj")
    return getattr(page, "number", 1) or 1


def with_page(text: str, number: int) -> str:
    return f"{text} (trang {number})" if number > 1 else text


def canonical_url(request, number: int) -> str:
    """The page's address without its query, but for a page number on an unfiltered list:
    a list filtered by anything (directives by year, type…) is canonical to the list
    itself, page 1."""
    url = request.build_absolute_uri(request.path)
    parameters = set(request.GET) - {PAGE_PARAMETER}
    if number > 1 and not parameters:
        url += "?" + urlencode({PAGE_PARAMETER: number})
    return url


def _english() -> bool:
    return translation.get_language() == languages.ENGLISH


def default_image(info) -> SharedImage:
    share = portal_images.share_image(info)
    alt = share.alt
    if _english():
        name = languages.portal_names(info)[0]
        alt = name if info.share_image else f"Logo and name of {name}"
    return SharedImage(share.url, share.width, share.height, alt, share.type)


def _article(context, info):
    article = context["article"]
    description = structured_data.plain_text(article.summary) or article.title
    cover = article.cover_picture.largest_jpeg
    image = (
        SharedImage(cover.url, cover.width, cover.height,
                    article.cover.alt_text or article.title)
        if cover is not None and cover.width else default_image(info)
    )
    times = {}
    if article.published_at:
        times["published_time"] = structured_data.iso_moment(article.published_at)
        times["modified_time"] = structured_data.iso_moment(
            max(article.updated_at, article.published_at)
        )
    return article.title, description, image, "article", times, article.category.name


def _category(context, info):
    category = context["category"]
    description = structured_data.plain_text(category.description) or (
        f"Tin tức về {category.name} trên {info.full_name}: bài viết mới nhất, "
        "hình ảnh và văn bản liên quan."
    )
    return category.name, description


def _article_list(context, info):
    return "Tin tức", f"Tin tức mới nhất của {info.owner} trên {info.full_name}."


def _organization(context, info):
    organization = context["organization"]
    description = structured_data.plain_text(organization.introduction, 30) or (
        f"{organization.name}: giới thiệu, lãnh đạo, địa chỉ liên hệ và tin hoạt động."
    )
    return organization.name, description


def _organization_articles(context, info):
    organization = context["organization"]
    return (
        f"Tin hoạt động — {organization.name}",
        f"Tin hoạt động của {organization.name} trên {info.full_name}.",
    )


def _organization_tree(context, info):
    return "Cơ cấu tổ chức", (
        f"Cơ cấu tổ chức của {info.owner}: các cơ quan, đơn vị, lãnh đạo và thông tin "
        "liên hệ."
    )


def _directive(context, info):
    directive = context["directive"]
    return directive.reference, f"{directive.reference}: {directive.title}"


def _directive_list(context, info):
    return "Văn bản chỉ đạo", (
        f"Văn bản chỉ đạo của {info.owner} và cấp trên: nghị quyết, chỉ thị, kết luận, "
        "kế hoạch… tra cứu theo số ký hiệu, loại văn bản, cơ quan ban hành và năm."
    )


def _search(context, info):
    query = context.get("query")
    text = getattr(query, "text", "")
    if text:
        return "Tìm kiếm", f"Kết quả tìm kiếm “{text[:80]}” trên {info.full_name}."
    return "Tìm kiếm", f"Tìm tin bài, văn bản chỉ đạo và tổ chức trên {info.full_name}."


def _static_page(context, info):
    page = context["page"]
    return page.title, page.summary or f"{page.title} — {info.full_name}."


def _contact(context, info):
    return "Liên hệ", (
        f"Gửi ý kiến, câu hỏi tới {info.owner}; địa chỉ, điện thoại và thư điện tử liên hệ."
    )


def _home(context, info):
    return info.full_name, info.description or (
        f"{info.full_name}: tin tức, văn bản chỉ đạo, tổ chức bộ máy của {info.owner}."
    )


def _english_home(context, info):
    """/en/ and any other English page without its own rule (an error page): the portal's
    English name and a sentence in English."""
    name, owner = languages.portal_names(info)
    return name, (
        f"{name}, the official portal of {owner}: its organisations and the contact "
        "details of their officials, in English."
    )


PAGE_TYPES = {
    "home": _home,
    "news:article_detail": _article,
    "news:article_list": _article_list,
    "news:category": _category,
    "news:directive_detail": _directive,
    "news:directive_list": _directive_list,
    "news:search": _search,
    "static_page": _static_page,
    "contact": _contact,
    "organizations:tree": _organization_tree,
    "organizations:detail": _organization,
    "organizations:articles": _organization_articles,
    "organizations:english": _english_home,
}


def view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else ""


def page_meta(context, info) -> PageMeta:
    request = context["request"]
    number = page_number(context)
    build = PAGE_TYPES.get(view_name(request))
    found = None
    if build is not None:
        try:
            found = build(context, info)
        except KeyError:  # an error page rendered under the URL (its object is missing)
            found = None
    if not found:
        found = _english_home(context, info) if _english() else (
            info.full_name, _home(context, info)[1]
        )
    title, description = found[:2]
    meta = PageMeta(
        title=title,
        description=with_page(description, number),
        canonical=canonical_url(request, number),
        image=default_image(info),
    )
    if len(found) > 2:
        meta.image, meta.og_type, meta.article_times, meta.section = found[2:]
    if context.get("original_url"):  # a republished article: canonical to the original
        meta.canonical = request.build_absolute_uri(context["original_url"])
    return meta
