"""Figures in an article's text: found, numbered and shown as readers see them.

Editors put photos in the body where they belong, as CKEditor 5 writes them:

    <figure class="image"><img src="/media/library/images/2026/12/<token>.jpg" alt="…">
    <figcaption>Đoàn viên ra quân</figcaption></figure>

The stored body never holds "Hình 1:": figures are numbered here, when the body is shown,
in reading order, so moving a figure renumbers them all. A figure whose photo is lost (an
imported page) keeps its caption and its number; a caption typed or imported with its own
"Hình 3:" or "Ảnh 3." loses that prefix rather than being numbered twice. A photo from the
library (news.ImageUse, library.LibraryImage) is known by its address, which holds the
file's unguessable name, and is shown from its renditions with its credit; any other
photo (an older upload to the editor, another site's) is shown as it is.

Nothing here changes the stored body: render_body() returns new HTML for the page, and
record_image_uses() writes which library images the article shows (its ImageUse rows).
"""

import re
import unicodedata
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from images.templatetags.pictures import picture
from library.models import LibraryImage

from .models import ImageUse

# "Hình 3:", "Ảnh 3.", "hình 12 -": a number someone typed before the caption.
NUMBER_PREFIX = re.compile(r"^\s*(?:•\s*)?(?:hình|ảnh)\s*\d+\s*[:.\-–—]\s*", re.IGNORECASE)
# Where a figure sits in the article's column (templates/news/article_detail.html).
FIGURE_SIZES = "(min-width: 1180px) 760px, (min-width: 900px) 64vw, 100vw"
FIGURE_WIDTH = 800
# A figure around one of these is a table's or a video's, not a photo to number.
_NOT_PHOTO = {"table", "oembed", "iframe", "video"}
_LIBRARY_FOLDER = "library/images/"
# A rendition's address names its source file: …/library/images/…/a.jpg/figure-800.webp
_RENDITION_SUFFIX = re.compile(r"/[a-z]+-\d+(?:-f\d+x\d+)?\.(?:jpg|webp)$")
_EMPTY_INLINE = re.compile(r"<(strong|b|em|i|u|s|span|small|mark)(?:\s[^>]*)?>\s*</\1>")


@dataclass(frozen=True)
class Figure:
    """One numbered figure of a body: `position` 1, 2… in reading order; `src` the photo's
    address ("" when only its caption is left); `caption` its plain text without a typed
    number; `alt` the photo's description as written in the body; `start` and `end` where
    the <figure> element lies in the body."""

    position: int
    src: str
    caption: str
    alt: str
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)


@dataclass
class _Span:
    start: int
    end: int


@dataclass
class _Found:
    """A figure as found in the source: where its parts are, to rewrite them in place."""

    start: int
    open_end: int
    end: int = 0
    attrs: list | None = None
    img: _Span | None = None
    img_attrs: dict | None = None
    img_is_first_image: bool = False
    caption: _Span | None = None  # the whole <figcaption>…</figcaption>
    caption_inner: _Span | None = None
    holds_other_media: bool = False

    @property
    def is_numbered(self) -> bool:
        has_photo = self.img_attrs is not None
        return has_photo or (self.caption is not None and not self.holds_other_media)


class _Scanner(HTMLParser):
    """Finds the outermost <figure> elements with absolute offsets into the source."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.found: list[_Found] = []
        self.current: _Found | None = None
        self.figure_depth = 0
        self.picture_depth = 0
        self.images_seen = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _tag_end(self, start: int) -> int:
        end = self.source.find(">", start)
        return len(self.source) if end < 0 else end + 1

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        if tag == "figure":
            self.figure_depth += 1
            if self.figure_depth == 1:
                text = self.get_starttag_text() or ""
                self.current = _Found(start=start, open_end=start + len(text), attrs=attrs)
            return
        if tag == "picture":
            self.picture_depth += 1
        figure = self.current if self.figure_depth else None
        if tag == "img":
            self.images_seen += 1
            if figure is not None and figure.img_attrs is None:
                figure.img_attrs = dict(attrs)
                figure.img_is_first_image = self.images_seen == 1
                if not self.picture_depth:  # an img in a <picture> of its own stays as it is
                    text = self.get_starttag_text() or ""
                    figure.img = _Span(start, start + len(text))
        elif figure is None:
            return
        elif tag == "figcaption" and figure.caption is None:
            text = self.get_starttag_text() or ""
            figure.caption = _Span(start, 0)
            figure.caption_inner = _Span(start + len(text), 0)
        elif tag in _NOT_PHOTO:
            figure.holds_other_media = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("figure", "picture"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        start = self._offset()
        if tag == "picture" and self.picture_depth:
            self.picture_depth -= 1
        figure = self.current
        if figure is None:
            return
        if tag == "figcaption" and figure.caption is not None and not figure.caption.end:
            figure.caption_inner.end = start
            figure.caption.end = self._tag_end(start)
        elif tag == "figure":
            self.figure_depth -= 1
            if self.figure_depth == 0:
                figure.end = self._tag_end(start)
                self._close(figure)

    def close(self):
        super().close()
        if self.current is not None and self.figure_depth:  # an unclosed figure
            self.current.end = len(self.source)
            self._close(self.current)

    def _close(self, figure: _Found) -> None:
        if figure.caption is not None and not figure.caption.end:
            figure.caption = figure.caption_inner = None  # unclosed: left as it is
        if figure.is_numbered:
            self.found.append(figure)
        self.current = None


def _scan(html: str) -> list[_Found]:
    if not html or "<figure" not in html:
        return []
    scanner = _Scanner(html)
    scanner.feed(html)
    scanner.close()
    return scanner.found


# -- captions -----------------------------------------------------------------------------


def _without_number(caption_html: str) -> str:
    """The caption's HTML without a typed "Hình 3:" at its start, even when the number sits
    in its own <strong>; the text NFC (some keyboards type decomposed letters)."""
    parts = re.split(r"(<[^>]*>)", caption_html)
    texts = [unicodedata.normalize("NFC", unescape(part)) for part in parts[::2]]
    match = NUMBER_PREFIX.match("".join(texts))
    to_cut = len(match.group(0)) if match else 0
    for index, text in enumerate(texts):
        cut = min(to_cut, len(text))
        to_cut -= cut
        parts[index * 2] = escape(text[cut:], quote=False)
    if not match:
        return "".join(parts)
    return _EMPTY_INLINE.sub("", "".join(parts)).lstrip()


def plain_caption(caption_html: str) -> str:
    """What a reader reads of a caption, without a typed number."""
    text = re.sub(r"<[^>]*>", " ", _without_number(caption_html))
    return " ".join(unescape(text).split())


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


# -- reading --------------------------------------------------------------------------------


def figures_in(html: str) -> list[Figure]:
    """The body's numbered figures, in reading order."""
    figures = []
    for position, found in enumerate(_scan(html), start=1):
        attrs = found.img_attrs or {}
        caption = ""
        if found.caption_inner is not None:
            caption = plain_caption(html[found.caption_inner.start:found.caption_inner.end])
        figures.append(Figure(
            position=position,
            src=(attrs.get("src") or "").strip(),
            caption=caption,
            alt=" ".join((attrs.get("alt") or "").split()),
            start=found.start,
            end=found.end,
        ))
    return figures


def library_file_name(src: str) -> str | None:
    """The stored name of the library image at `src` ("library/images/2026/12/<token>.jpg"),
    or None when `src` is not a library image's address. The name is a random token, so
    it identifies the image wherever the address points (the portal's media, its CDN, one
    of its renditions)."""
    path = unquote(urlsplit(src or "").path)
    at = path.find("/" + _LIBRARY_FOLDER)
    if at < 0 and not path.startswith(_LIBRARY_FOLDER):
        return None
    name = path[at + 1:] if at >= 0 else path
    if "/renditions/" in path or path.startswith("renditions/"):
        # A rendition's address (copied from a page): the image's name, then its own.
        name = _RENDITION_SUFFIX.sub("", name)
    return name


def library_images_in(html: str) -> dict[str, LibraryImage]:
    """The library images the body shows, by stored file name, read in one query (none
    when the body shows none)."""
    names = set()
    for source in _image_sources(html):
        name = library_file_name(source)
        if name:
            names.add(name)
    if not names:
        return {}
    return {image.file.name: image for image in LibraryImage.objects.filter(file__in=names)}


def undescribed_photos(html: str) -> list[str]:
    """The library photos of the body that a reader who cannot see them learns nothing
    about: neither the figure nor the library gives a description (alternative text).
    Named as editors know them: the caption, else the file's original name."""
    figures = [figure for figure in figures_in(html) if library_file_name(figure.src)]
    if not figures:
        return []
    images = library_images_in(html)
    names = []
    for figure in figures:
        image = images.get(library_file_name(figure.src))
        if figure.alt or (image is not None and image.alt_text.strip()):
            continue
        names.append(
            figure.caption
            or (image.caption or image.original_name if image is not None else "")
            or library_file_name(figure.src).rsplit("/", 1)[-1]
        )
    return names


def photos_not_usable(html: str, usable, article_id=None) -> list[str]:
    """The library photos of the body outside `usable` (a queryset of the images a user
    may use) and not shown by the article already (`article_id`): named by caption, else
    original name. An address copied from another organisation's private photo lands here.
    Two queries, none when the body shows no library photo."""
    images = library_images_in(html)
    if not images:
        return []
    allowed = models.Q(pk__in=usable.values("pk"))
    if article_id is not None:
        allowed |= models.Q(article_uses__article_id=article_id)
    permitted = set(
        LibraryImage.objects.filter(pk__in=[image.pk for image in images.values()])
        .filter(allowed).values_list("pk", flat=True)
    )
    return [
        image.caption or image.original_name or name.rsplit("/", 1)[-1]
        for name, image in images.items() if image.pk not in permitted
    ]


class _ImageSources(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            src = dict(attrs).get("src")
            if src:
                self.sources.append(src.strip())


def _image_sources(html: str) -> list[str]:
    if not html or _LIBRARY_FOLDER not in html:
        return []
    parser = _ImageSources()
    parser.feed(html)
    parser.close()
    return parser.sources


# -- writing where images are used ---------------------------------------------------------


def record_image_uses(article) -> None:
    """Rewrite `article`'s ImageUse rows from what it shows now: the library images of its
    body, and its cover. Two queries at most, besides the library's lookup."""
    figure_ids = {image.pk for image in library_images_in(article.body).values()}
    # The cover, once the article's cover is a library image (Article.cover).
    cover_id = getattr(article, "cover_id", None)
    stale = ImageUse.objects.filter(article=article).exclude(
        image_id__in=figure_ids, as_cover=False
    )
    if cover_id is not None:
        stale = stale.exclude(image_id=cover_id, as_cover=True)
    stale.delete()
    uses = [ImageUse(article=article, image_id=pk, as_cover=False) for pk in figure_ids]
    if cover_id is not None:
        uses.append(ImageUse(article=article, image_id=cover_id, as_cover=True))
    if uses:
        ImageUse.objects.bulk_create(uses, ignore_conflicts=True)


# -- showing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedBody:
    """The body as readers see it: `html`, how many numbered figures it has (`figure_count`)
    and the library images it shows (`image_ids`, for the page cache)."""

    html: SafeString
    figure_count: int
    image_ids: tuple[int, ...]


def render_body(html: str, *, first_image_eager: bool = True) -> RenderedBody:
    """`html` (a sanitised body) with its figures numbered and its library images shown from
    their renditions. The first image of the body is fetched first (`first_image_eager`)
    unless the page shows another image above it (the cover). One query, for the library
    images, and none when the body has none."""
    found = _scan(html or "")
    if not found:
        return RenderedBody(mark_safe(html or ""), 0, ())
    images = library_images_in(html)
    pieces, cursor = [], 0
    for position, figure in enumerate(found, start=1):
        pieces.append(html[cursor:figure.start])
        pieces.append(_render_figure(html, figure, position, images, first_image_eager))
        cursor = figure.end
    pieces.append(html[cursor:])
    return RenderedBody(
        mark_safe("".join(pieces)), len(found), tuple(sorted({i.pk for i in images.values()}))
    )


def _render_figure(html, figure: _Found, position: int, images, first_image_eager) -> str:
    attrs = figure.img_attrs or {}
    image = images.get(library_file_name(attrs.get("src", "")) or "")
    caption_html = ""
    if figure.caption_inner is not None:
        caption_html = _without_number(html[figure.caption_inner.start:figure.caption_inner.end])
    caption_text = plain_caption(caption_html)
    new_caption = _caption(position, caption_html, caption_text, image)

    pieces = [_figure_open(figure.attrs or [], position)]
    cursor = figure.open_end
    parts = []
    if figure.img is not None and image is not None:
        alt = (attrs.get("alt") or "").strip() or image.alt_text or caption_text or image.caption
        eager = first_image_eager and figure.img_is_first_image
        parts.append((figure.img, picture(
            image.picture, sizes=FIGURE_SIZES, width=FIGURE_WIDTH, alt=alt, eager=eager,
        )))
    if figure.caption is not None:
        parts.append((figure.caption, new_caption))
    for span, replacement in sorted(parts, key=lambda part: part[0].start):
        pieces += [html[cursor:span.start], replacement]
        cursor = span.end
    closing = html.rfind("</figure", cursor, figure.end)
    closing = figure.end if closing < 0 else closing
    pieces.append(html[cursor:closing])
    if figure.caption is None:
        pieces.append(new_caption)
    pieces.append(html[closing:figure.end])
    return "".join(pieces)


def _figure_open(attrs: list, position: int) -> str:
    values = dict(attrs)
    classes = " ".join(filter(None, [values.pop("class", ""), "article-figure"]))
    values.pop("id", None)
    rest = "".join(format_html(' {}="{}"', name, value or "") for name, value in values.items())
    return format_html('<figure class="{}" id="hinh-{}"{}>', classes, position, mark_safe(rest))


def _caption(position: int, caption_html: str, caption_text: str, image) -> str:
    number = f"Hình {position}:" if caption_text else f"Hình {position}"
    credit = ""
    if image is not None and image.credit.strip() and (
        _fold(image.credit) not in _fold(caption_text)
    ):
        credit = format_html(' <span class="figure-credit">(Ảnh: {})</span>', image.credit.strip())
    text = f" {caption_html.strip()}" if caption_text else ""
    return format_html(
        '<figcaption><span class="figure-number">{}</span>{}{}</figcaption>',
        number, mark_safe(text), credit,
    )
