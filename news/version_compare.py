"""Two versions of an article compared as a reader sees them.

Text is compared word by word (difflib): what the newer version adds is marked <ins>, what
it drops <del>. The body is first turned into the blocks a reader sees — paragraphs,
headings, list items, quotes, table rows, images — so a change of markup alone (a
directive's automatic link, an attribute, a class) is not a change, and no text is ever
cut. A figure (news/figures.py) is one block, as the article page shows it: a small
picture, its number and its caption; its caption is compared word by word, its photo by
its address (a replaced photo shows the old picture beside the new). Library photos are
previewed from their smallest rendition (one query for both versions). The cover is
compared by its picture. Everything from the article is escaped: a diff never injects
the article's HTML.

The figures are in the body, so they are versioned and compared with it.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from core.admin_utils import full_name
from library.models import LibraryImage
from organizations.models import Organization

from .figures import figures_in, library_file_name, library_images_in
from .models import Article, Category
from .versions import COMPARED_FIELDS, changed_fields, field_label, local_time

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
CHANGE, REPLACE = "change", "replace"  # a block changed word by word; a picture replaced

TEXT_FIELDS = ("title", "slug", "summary", "source", "author_name")
RELATED = {"organization": Organization, "category": Category, "author": None}

# -- words ------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFC", text or ""))


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)…] turning `old` into `new` word by word; op is EQUAL, DELETE or INSERT.
    A space alone between two changes joins them, so a rewritten phrase reads as one
    deletion and one insertion rather than a comb of single words."""
    before, after = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    pieces: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append((EQUAL, "".join(before[i1:i2])))
            continue
        if i2 > i1:
            pieces.append((DELETE, "".join(before[i1:i2])))
        if j2 > j1:
            pieces.append((INSERT, "".join(after[j1:j2])))
    return _joined(pieces)


def _joined(pieces):
    """Fold whitespace-only equal runs between changes into the changes, then merge
    neighbours with the same op."""
    folded = []
    for index, (op, text) in enumerate(pieces):
        between_changes = (
            op == EQUAL and not text.strip() and 0 < index < len(pieces) - 1
            and pieces[index - 1][0] != EQUAL and pieces[index + 1][0] != EQUAL
        )
        if between_changes:
            folded += [(DELETE, text), (INSERT, text)]
        else:
            folded.append((op, text))
    deletions, insertions, result = [], [], []

    def flush():
        if deletions:
            result.append((DELETE, "".join(deletions)))
        if insertions:
            result.append((INSERT, "".join(insertions)))
        deletions.clear()
        insertions.clear()

    for op, text in folded:
        if op == DELETE:
            deletions.append(text)
        elif op == INSERT:
            insertions.append(text)
        else:
            flush()
            result.append((op, text))
    flush()
    return result


def _marked(pieces, keep) -> SafeString:
    parts = []
    for op, text in pieces:
        if op == EQUAL:
            parts.append(escape(text))
        elif op in keep and op == DELETE:
            parts.append(format_html("<del>{}</del>", text))
        elif op in keep and op == INSERT:
            parts.append(format_html("<ins>{}</ins>", text))
    return mark_safe("".join(parts))


@dataclass
class TextDiff:
    """A word diff, ready to show side by side (`old`, `new`) or inline."""

    pieces: list

    @property
    def old(self) -> SafeString:
        return _marked(self.pieces, {DELETE})

    @property
    def new(self) -> SafeString:
        return _marked(self.pieces, {INSERT})

    @property
    def inline(self) -> SafeString:
        return _marked(self.pieces, {DELETE, INSERT})


def text_diff(old: str, new: str) -> TextDiff:
    return TextDiff(word_diff(old or "", new or ""))


# -- the body as a reader sees it ----------------------------------------------------------

BLOCK_KINDS = {
    "p": "p", "div": "p", "pre": "p", "dt": "p", "dd": "p", "section": "p", "article": "p",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "li": "item", "blockquote": "quote", "figcaption": "caption",
    "caption": "caption", "tr": "row",
}
KIND_LABELS = {
    "heading": "Tiêu đề mục", "quote": "Trích dẫn",
    "caption": "Chú thích ảnh", "row": "Dòng bảng", "image": "Ảnh", "figure": "Hình",
}


@dataclass(frozen=True)
class Block:
    """A piece of the body a reader sees: `kind` (p, heading, item, quote, caption, row,
    image, figure), its text (an image's: its description; a figure's: its caption) and,
    for an image or a figure, its address. A figure also has its `alt` text, its `number`
    in its version (not compared: a figure added above renumbers those below) and the
    address of a small copy to preview (`thumbnail`, for a library photo)."""

    kind: str
    text: str
    src: str = ""
    alt: str = ""
    number: int = field(default=0, compare=False)
    thumbnail: str = field(default="", compare=False)

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, "")

    @property
    def key(self):
        return (self.kind, self.text, self.src, self.alt)

    @property
    def picture(self) -> SafeString:
        return picture_tag(self.thumbnail or self.src)

    @property
    def number_label(self) -> str:
        """"Hình 2:" as the page shows it ("Hình 2" without a caption)."""
        return f"Hình {self.number}:" if self.text else f"Hình {self.number}"


class _BlockParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.kinds: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_KINDS:
            self._flush()
            self.kinds.append(BLOCK_KINDS[tag])
        elif tag == "br":
            self.text.append(" ")
        elif tag in ("td", "th") and "".join(self.text).strip():
            self.text.append(" | ")
        elif tag == "img":
            self._flush()
            values = dict(attrs)
            self.blocks.append(
                Block("image", _clean(values.get("alt") or ""), (values.get("src") or "").strip())
            )

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in BLOCK_KINDS:
            self._flush()
            if self.kinds:
                self.kinds.pop()

    def handle_data(self, data):
        self.text.append(data)

    def close(self):
        super().close()
        self._flush()

    def _flush(self):
        text = _clean("".join(self.text))
        self.text = []
        if text:
            self.blocks.append(Block(self.kinds[-1] if self.kinds else "p", text))


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def readable_blocks(html: str, images: dict | None = None) -> list[Block]:
    """The body's HTML as the blocks a reader sees, in order, every word kept; each figure
    one block. `images`: the library images of the body by file name (library_images_in),
    to preview them from a rendition."""
    html = html or ""
    blocks, cursor = [], 0
    for figure in figures_in(html):
        blocks += _text_blocks(html[cursor:figure.start])
        blocks.append(_figure_block(figure, images or {}))
        cursor = figure.end
    return blocks + _text_blocks(html[cursor:])


def _text_blocks(html: str) -> list[Block]:
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    return parser.blocks


def _figure_block(figure, images: dict) -> Block:
    image = images.get(library_file_name(figure.src) or "")
    picture = image.picture if image is not None else None
    return Block(
        "figure", _clean(figure.caption), figure.src, _clean(figure.alt), number=figure.position,
        thumbnail=picture.jpeg[0].url if picture else "",
    )


def picture_tag(src: str) -> SafeString:
    """A small preview of an image at `src`, if it is an address of the portal or of the
    web (never `javascript:`, `data:` or anything else a browser might run)."""
    if not src or not (
        (src.startswith("/") and not src.startswith("//"))
        or src.startswith(("https://", "http://"))
    ):
        return mark_safe("")
    return format_html('<img class="version-picture" src="{}" alt="" loading="lazy">', src)


@dataclass
class BlockChange:
    """One block of the body in the comparison: kept (EQUAL), dropped (DELETE), added
    (INSERT), changed word by word (CHANGE, `diff`) or a picture replaced (REPLACE)."""

    op: str
    old: Block | None = None
    new: Block | None = None
    diff: TextDiff | None = None
    alt_diff: TextDiff | None = None  # a figure whose photo's description changed

    @property
    def block(self) -> Block:
        return self.new or self.old

    @property
    def is_image(self) -> bool:
        return self.block.kind == "image"

    @property
    def is_figure(self) -> bool:
        return self.block.kind == "figure"

    @property
    def old_text(self) -> SafeString:
        if self.diff is not None:
            return self.diff.old
        return escape(self.old.text) if self.old else mark_safe("")

    @property
    def new_text(self) -> SafeString:
        if self.diff is not None:
            return self.diff.new
        return escape(self.new.text) if self.new else mark_safe("")

    @property
    def inline_text(self) -> SafeString:
        if self.diff is not None:
            return self.diff.inline
        if self.op == DELETE:
            return format_html("<del>{}</del>", self.old.text)
        if self.op == INSERT:
            return format_html("<ins>{}</ins>", self.new.text)
        return escape(self.block.text)


@dataclass
class Unchanged:
    """Blocks between changes that did not change, folded away (never dropped)."""

    blocks: list[Block]
    op: str = "fold"


def diff_blocks(old_blocks: list[Block], new_blocks: list[Block]) -> list[BlockChange]:
    matcher = SequenceMatcher(
        None, [b.key for b in old_blocks], [b.key for b in new_blocks], autojunk=False
    )
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes += [BlockChange(EQUAL, old=b, new=b) for b in new_blocks[j1:j2]]
        else:
            changes += _paired(old_blocks[i1:i2], new_blocks[j1:j2])
    return changes


def _paired(olds: list[Block], news: list[Block]) -> list[BlockChange]:
    """A replaced run of blocks: those of the same kind are paired in order (aligned by
    kind, so a caption meets the caption that replaced it) and compared word by word; an
    image replaced by another is one REPLACE (the old picture beside the new); the rest
    are dropped or added."""
    changes = []
    matcher = SequenceMatcher(
        None, [b.kind for b in olds], [b.kind for b in news], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for old, new in zip(olds[i1:i2], news[j1:j2], strict=True):
                changes += _pair(old, new)
        else:
            changes += [BlockChange(DELETE, old=old) for old in olds[i1:i2]]
            changes += [BlockChange(INSERT, new=new) for new in news[j1:j2]]
    return changes


def _pair(old: Block, new: Block) -> list[BlockChange]:
    if old.kind == "figure":
        return [_figure_change(old, new)]
    if old.kind == "image" and old.src != new.src:
        return [BlockChange(REPLACE, old=old, new=new)]
    diff = text_diff(old.text, new.text)
    if old.kind != "image" and _alike(diff) < 0.3:
        # Hardly a word in common: a paragraph rewritten, shown whole on each side.
        return [BlockChange(DELETE, old=old), BlockChange(INSERT, new=new)]
    return [BlockChange(CHANGE, old=old, new=new, diff=diff)]


def _figure_change(old: Block, new: Block) -> BlockChange:
    """Two figures in the same place: the photo replaced (REPLACE) or kept (CHANGE), the
    caption compared word by word, and the description when it changed."""
    alt_diff = text_diff(old.alt, new.alt) if old.alt != new.alt else None
    return BlockChange(
        REPLACE if old.src != new.src else CHANGE, old=old, new=new,
        diff=text_diff(old.text, new.text), alt_diff=alt_diff,
    )


def _alike(diff: TextDiff) -> float:
    kept = sum(len(text) for op, text in diff.pieces if op == EQUAL and text.strip())
    total = sum(len(text) for op, text in diff.pieces if op != INSERT) + sum(
        len(text) for op, text in diff.pieces if op != DELETE
    )
    return 2 * kept / total if total else 1.0


def with_folds(changes: list[BlockChange], context: int = 1) -> list:
    """`changes` with runs of unchanged blocks farther than `context` from a change folded
    into one Unchanged item."""
    near = set()
    for index, change in enumerate(changes):
        if change.op != EQUAL:
            near.update(range(index - context, index + context + 1))
    result, run = [], []
    for index, change in enumerate(changes):
        if change.op == EQUAL and index not in near:
            run.append(change.block)
            continue
        if run:
            result.append(Unchanged(run))
            run = []
        result.append(change)
    if run:
        result.append(Unchanged(run))
    return result


# -- fields -------------------------------------------------------------------------------


@dataclass
class FieldChange:
    """What changed in one field. `kind`: "text" (diff), "body" (blocks), "image" (the
    cover: old and new pictures) or "value" (old and new, shown whole)."""

    name: str
    label: str
    kind: str
    diff: TextDiff | None = None
    blocks: list = field(default_factory=list)
    old: str = ""
    new: str = ""
    old_picture: str = ""  # safe HTML (picture_tag)
    new_picture: str = ""

    @property
    def image_change(self) -> str:
        if self.old and not self.new:
            return "Ảnh đã bỏ"
        if self.new and not self.old:
            return "Ảnh mới"
        return "Ảnh đã thay"


@dataclass
class Comparison:
    older: object
    newer: object
    changes: list[FieldChange]
    unchanged: list[str]


def compare_versions(older, newer) -> Comparison:
    """Field by field, what `newer` changed from `older` (two versions of one article)."""
    changed = changed_fields(older, newer)
    names = _Names([older, newer], changed)
    changes = [_field_change(name, older, newer, names) for name in changed]
    unchanged = [field_label(name) for name in COMPARED_FIELDS if name not in changed]
    return Comparison(older=older, newer=newer, changes=changes, unchanged=unchanged)


def _field_change(name, older, newer, names) -> FieldChange:
    label = field_label(name)
    if name in TEXT_FIELDS:
        return FieldChange(name, label, "text", diff=text_diff(
            getattr(older, name), getattr(newer, name)
        ))
    if name == "body":
        images = library_images_in(f"{older.body}\n{newer.body}")
        blocks = diff_blocks(
            readable_blocks(older.body, images), readable_blocks(newer.body, images)
        )
        return FieldChange(name, label, "body", blocks=with_folds(blocks))
    if name == "cover":
        covers = LibraryImage.objects.in_bulk([older.cover_id, newer.cover_id])
        old, new = covers.get(older.cover_id), covers.get(newer.cover_id)
        return FieldChange(
            name, label, "image",
            old=_cover_name(older, old), new=_cover_name(newer, new),
            old_picture=_cover_picture(old), new_picture=_cover_picture(new),
        )
    return FieldChange(
        name, label, "value", old=names.shown(name, older), new=names.shown(name, newer)
    )


def _cover_name(version, image) -> str:
    if version.cover_id is None:
        return ""
    if image is None:
        return "(ảnh đã bị xóa khỏi thư viện)"
    return image.original_name or image.file.name


def _cover_picture(image) -> SafeString:
    if image is None or not image.file:
        return mark_safe("")
    return picture_tag(image.file.url)


class _Names:
    """The names of the organisations, categories and writers the versions point at, read
    once (one query per kind)."""

    def __init__(self, versions, changed):
        self.names = {}
        for name, model in RELATED.items():
            if name not in changed:
                continue
            model = model or get_user_model()
            ids = {getattr(version, f"{name}_id") for version in versions} - {None}
            rows = model._default_manager.all()
            if model is Category:  # its name shows its parent's
                rows = rows.select_related("parent")
            rows = rows.in_bulk(ids)
            self.names[name] = {
                pk: full_name(row) if name == "author" else str(row) for pk, row in rows.items()
            }

    def shown(self, name, version) -> str:
        if name in RELATED:
            pk = getattr(version, f"{name}_id")
            if pk is None:
                return "—"
            return self.names[name].get(pk, f"(đã xóa, mã {pk})")
        value = getattr(version, name)
        if name == "status":
            return Article.Status(value).label
        if name == "published_at":
            return local_time(value) or "—"
        if name == "is_featured":
            return "Có" if value else "Không"
        return str(value) if value not in (None, "") else "—"
