"""Reading an article out of a saved HTML page of an old portal.

The page is parsed into a small tree (html.parser, forgiving about unclosed
tags). The article is the first of: an element the common CMSs use for the
article body (<article>, itemprop=articleBody, "news-content",
"journal-content-article"…), else the element holding the most paragraph
text. Menus, side boxes, share bars and the "Các tin khác" lists are cut out;
the title comes from og:title, a heading that the <title> repeats, or <title>;
the date from meta tags, <time>, or a date line near the title. Photos keep
their caption; an image is kept only when its address is absolute (http/https)
after resolving it against the page's own address, since relative files were
not saved with the page. Whatever is kept goes through core.sanitize.clean_html.
"""

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from core.sanitize import clean_html

from .dates import find_date, is_date_line, parse_iso
from .legacy_article import Block, LegacyArticle, UnusablePage
from .text_page import _OTHER_NEWS_RE, classify_blocks, is_boilerplate
from .text_tools import fold, tidy, word_count

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}
# Elements a <p> cannot contain: starting one closes an open <p>.
_CLOSES_P = {"address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure",
             "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main",
             "nav", "ol", "p", "pre", "section", "table", "ul"}
BLOCKS = _CLOSES_P | {"li", "tr", "td", "th", "figcaption", "dd", "dt", "tbody", "thead"}
_DROPPED_TAGS = {"script", "style", "noscript", "template", "svg", "form", "button", "input",
                 "select", "textarea", "nav", "header", "footer", "aside", "head", "object",
                 "embed", "canvas", "map", "dialog", "menu"}
# class/id words of page parts that are not the article.
_JUNK_WORDS = {
    "menu", "nav", "navbar", "navigation", "sidebar", "footer", "banner", "breadcrumb",
    "breadcrumbs", "share", "sharing", "social", "comment", "comments", "related", "other",
    "tinkhac", "tinlienquan", "pager", "paging", "pagination", "advert", "ads", "quangcao",
    "thongke", "counter", "toolbar", "print", "fontsize", "login", "search", "widget",
    "tags", "tag", "rating", "vote", "poll", "weather", "hotline", "copyright", "cookie",
}
# class/id values the common CMSs give the article body (compared without - and _).
_CONTENT_NAMES = (
    "articlebody", "articlecontent", "newscontent", "newsdetail", "contentdetail",
    "detailcontent", "entrycontent", "postcontent", "noidung", "noidungchitiet", "chitiet",
    "chitiettin", "journalcontentarticle", "fckdetail", "newsbody", "articledetail",
    "detailbody", "contentbody", "maincontent", "bodytext", "tinchitiet",
)
_CAPTION_CLASSES = ("caption", "imagedesc", "imgdesc", "chuthich", "figcaption", "photocaption",
                    "pcaption", "desc")
_DATE_CLASSES = ("date", "time", "ngay", "publish", "posted", "datetime", "thoigian", "ngaydang")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:»]+\s+")
MAX_DEPTH = 120
_IMAGE_PATH_RE = re.compile(r"\.(?:jpe?g|png|gif|webp)$", re.IGNORECASE)


@dataclass
class Node:
    tag: str
    attrs: dict = field(default_factory=dict)
    children: list = field(default_factory=list)
    parent: "Node | None" = None

    def elements(self):
        """Every element under this one, depth first, in document order."""
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.elements()

    def text(self) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag in BLOCKS or child.tag == "br":
                    parts.append("\n")
                parts.append(child.text())
                if child.tag in BLOCKS:
                    parts.append("\n")
            else:
                parts.append(child)
        return "".join(parts)

    def plain(self) -> str:
        return tidy(self.text().replace("\n", " "))

    def size(self) -> int:
        """Characters of text under this element (cached: read before anything is removed)."""
        if not hasattr(self, "_size"):
            self._size = sum(
                child.size() if isinstance(child, Node) else len(child) for child in self.children
            )
        return self._size

    def names(self) -> str:
        return f"{self.attrs.get('class', '')} {self.attrs.get('id', '')}".lower()

    def name_words(self) -> set[str]:
        words = set()
        for token in re.split(r"\s+", self.names()):
            words.add(token.replace("-", "").replace("_", ""))
            words.update(part for part in re.split(r"[-_]", token) if part)
        return words - {""}

    def remove(self):
        if self.parent is not None:
            self.parent.children = [child for child in self.parent.children if child is not self]
            self.parent = None

    def contains(self, other: "Node") -> bool:
        node = other
        while node is not None:
            if node is self:
                return True
            node = node.parent
        return False


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def _open(self, tag):
        if tag in _CLOSES_P:
            self._close_implied("p")
        if tag == "li":
            self._close_implied("li", stop={"ul", "ol"})
        if tag in ("td", "th"):
            self._close_implied("td", "th", stop={"tr", "table"})
        if tag == "tr":
            self._close_implied("tr", stop={"table", "tbody", "thead"})

    def _close_implied(self, *tags, stop=()):
        for position in range(len(self.stack) - 1, 0, -1):
            node = self.stack[position]
            if node.tag in stop:
                return
            if node.tag in tags:
                del self.stack[position:]
                return
            if node.tag not in ("span", "b", "i", "em", "strong", "a", "font", "u", "small"):
                return

    def handle_starttag(self, tag, attrs):
        self._open(tag)
        node = Node(tag, {name: value or "" for name, value in attrs}, [], self.stack[-1])
        self.stack[-1].children.append(node)
        # Real pages nest a few dozen levels; deeper content is kept one level up, so a
        # hostile page cannot exhaust the recursion of the tree walks.
        if tag not in VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self._open(tag)
        node = Node(tag, {name: value or "" for name, value in attrs}, [], self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag):
        for position in range(len(self.stack) - 1, 0, -1):
            if self.stack[position].tag == tag:
                del self.stack[position:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_tree(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def serialize(node, *, base_url: str = "") -> str:
    """HTML of `node`'s content; images only with absolute http(s) addresses."""
    if isinstance(node, str):
        return escape(node, quote=False)
    inner = "".join(serialize(child, base_url=base_url) for child in node.children)
    if node.tag == "#root":
        return inner
    attrs = dict(node.attrs)
    if node.tag == "img":
        src = attrs.get("src", "").strip()
        if urlsplit(src).scheme not in ("http", "https"):
            # A relative address names a file of the old site: kept only when it is
            # plainly an image and the page says where it came from.
            if not base_url or not _IMAGE_PATH_RE.search(urlsplit(src).path):
                return ""
            src = urljoin(base_url, src)
        if urlsplit(src).scheme not in ("http", "https"):
            return ""
        attrs["src"] = src
        attrs.pop("srcset", None)
    rendered = "".join(f' {name}="{escape(value)}"' for name, value in attrs.items()
                       if re.fullmatch(r"[a-zA-Z_:][-a-zA-Z0-9_:.]*", name))
    if node.tag in VOID:
        return f"<{node.tag}{rendered}>"
    return f"<{node.tag}{rendered}>{inner}</{node.tag}>"


def _meta(root: Node, *names: str) -> str:
    """The content of the first of `names` (in that order of preference) the page has."""
    values = {}
    for node in root.elements():
        if node.tag == "meta":
            key = (node.attrs.get("property") or node.attrs.get("name")
                   or node.attrs.get("itemprop") or "").lower()
            if node.attrs.get("content", "").strip():
                values.setdefault(key, tidy(node.attrs["content"]))
    return next((values[name.lower()] for name in names if name.lower() in values), "")


def _first(root: Node, tag: str) -> Node | None:
    return next((node for node in root.elements() if node.tag == tag), None)


def _paragraph_text_length(node: Node) -> int:
    """Text of the paragraphs directly inside `node`: how much article a container holds."""
    total = 0
    for child in node.children:
        if isinstance(child, str):
            total += len(child.strip())
        elif child.tag in ("p", "blockquote", "pre") or (
            child.tag in ("div", "span", "font") and not any(
                isinstance(item, Node) and item.tag in BLOCKS for item in child.children
            )
        ):
            text = child.plain()
            if word_count(text) >= 8:
                total += len(text)
    return total


def _find_container(root: Node) -> Node:
    named = []
    for node in root.elements():
        if node.tag == "article" or node.attrs.get("itemprop", "").lower() == "articlebody":
            named.append(node)
            continue
        compact = {word.replace("-", "").replace("_", "") for word in node.name_words()}
        if compact & set(_CONTENT_NAMES):
            named.append(node)
    named = [node for node in named if len(node.plain()) >= 80]
    if named:
        # The innermost of the richest: a "news-detail" wrapping a "news-content" gives the latter.
        best = max(_subtree_score(node) for node in named)
        richest = [node for node in named if _subtree_score(node) >= best * 0.8]
        return min(richest, key=lambda node: len(node.plain()))
    scored = [(_paragraph_text_length(node), node) for node in root.elements()]
    scored = [item for item in scored if item[0] > 0]
    if not scored:
        return _first(root, "body") or root
    return max(scored, key=lambda item: item[0])[1]


def _subtree_score(node: Node) -> int:
    return _paragraph_text_length(node) + sum(
        _paragraph_text_length(child) for child in node.elements()
    )


def _is_junk(node: Node) -> bool:
    if node.tag in _DROPPED_TAGS:
        return True
    words = node.name_words()
    return bool(words & _JUNK_WORDS) and not node.attrs.get("itemprop")


def _title(root: Node, container: Node) -> tuple[str, Node | None]:
    page_title = tidy(_first(root, "title").plain()) if _first(root, "title") else ""
    og_title = _meta(root, "og:title", "twitter:title", "title", "dc.title")
    headings = [node for node in root.elements() if node.tag in ("h1", "h2", "h3")
                or "title" in node.name_words() and node.tag in ("div", "p", "span", "strong")]
    headings = [node for node in headings if 2 <= word_count(node.plain()) <= 60]

    def heading_for(text: str) -> Node | None:
        return next((node for node in headings if fold(node.plain()) == fold(text)), None)

    if og_title and word_count(og_title) >= 2:
        # "Tiêu đề - Tên cổng": a heading on the page says which part is the title.
        for part in _TITLE_SEPARATORS.split(og_title):
            if len(part) < len(og_title) and (node := heading_for(part)) is not None:
                return node.plain(), node
        return og_title, heading_for(og_title)
    for node in headings:
        text = node.plain()
        if node.tag == "h1" and fold(text) in fold(page_title):
            return text, node
    for node in headings:
        if container.contains(node) or node.tag == "h1":
            return node.plain(), node
    if page_title:
        parts = _TITLE_SEPARATORS.split(page_title)
        text = max(parts, key=len)
        return text, heading_for(text)
    raise UnusablePage("không tìm thấy tiêu đề bài viết (không có og:title, <h1> hay <title>)")


def _date(root: Node, container: Node, title_node: Node | None):
    """(FoundDate or None, the element that showed it or None)."""
    meta = _meta(root, "article:published_time", "og:published_time", "datepublished",
                 "pubdate", "publishdate", "date", "dc.date", "dc.date.issued",
                 "article:modified_time")
    if meta and (found := parse_iso(meta)):
        return found, None
    for node in root.elements():
        if node.tag == "time" and (found := parse_iso(node.attrs.get("datetime", ""))
                                   or find_date(node.plain())):
            return found, node
    candidates = [
        node for node in root.elements()
        if node.size() <= 200
        and (node.tag in ("p", "div", "span", "em", "i", "small", "td")
             or any(word in node.name_words() for word in _DATE_CLASSES))
        and len(node.plain()) <= 80 and is_date_line(node.plain())
    ]
    # Nearest to the title: the first date line after it, else the first one at all.
    if title_node is not None:
        order = {id(node): position for position, node in enumerate(root.elements())}
        after = [node for node in candidates if order[id(node)] > order[id(title_node)]]
        if after:
            return find_date(after[0].plain()), after[0]
    if candidates:
        return find_date(candidates[0].plain()), candidates[0]
    return None, None


def _category(root: Node, title: str) -> list[str]:
    lines = []
    section = _meta(root, "article:section")
    if section:
        lines.append(section)
    for node in root.elements():
        if node.name_words() & {"breadcrumb", "breadcrumbs", "duongdan", "path"}:
            items = [tidy(item.plain()) for item in node.elements() if item.tag in ("a", "li", "span")]
            items = [item for item in items if item and fold(item) not in (fold(title), "trang chu")
                     and word_count(item) <= 15]
            lines.extend(reversed(items))
            break
    return list(dict.fromkeys(lines))


def _caption_of(node: Node) -> str | None:
    if node.tag == "figcaption":
        return node.plain()
    if node.tag in ("p", "div", "span", "td", "em", "i") and word_count(node.plain()) <= 40:
        compact = {word.replace("-", "").replace("_", "") for word in node.name_words()}
        if compact & set(_CAPTION_CLASSES):
            return node.plain()
    return None


def _has_image(node: Node) -> bool:
    return any(item.tag == "img" for item in node.elements())


def _only(node: Node, tags: tuple[str, ...]) -> bool:
    """True when all of `node`'s text sits in one child element of one of `tags`."""
    meaningful = [child for child in node.children
                  if not (isinstance(child, str) and not child.strip())]
    return (
        len(meaningful) == 1 and isinstance(meaningful[0], Node)
        and meaningful[0].tag in tags and bool(meaningful[0].plain())
    )


def _figure(node: Node, *, base_url: str) -> Block | None:
    images = [serialize(item, base_url=base_url) for item in node.elements() if item.tag == "img"]
    images = [image for image in images if image]
    captions = [text for text in map(_caption_of, node.elements()) if text]
    if images:
        caption = f"<figcaption>{escape(captions[0], quote=False)}</figcaption>" if captions else ""
        return Block(Block.HTML, html=clean_html(f"<figure>{images[0]}{caption}</figure>"))
    if captions:
        return Block(Block.CAPTION, captions[0])
    return None


# Elements kept whole as sanitised HTML, and headings kept as h3/h4.
_KEPT_AS_HTML = ("table", "ul", "ol", "blockquote", "pre", "iframe", "dl")
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def _holds_blocks(node: Node) -> bool:
    return any(item.tag in BLOCKS or item.tag == "img" for item in node.elements())


def _is_inline(child) -> bool:
    """Text, or an element that only holds text: part of the paragraph around it."""
    return isinstance(child, str) or (
        child.tag not in BLOCKS and child.tag not in ("img", "br", "iframe")
        and not _holds_blocks(child)
    )


def _heading(node: Node) -> Block | None:
    text = node.plain()
    if not text:
        return None
    tag = "h3" if node.tag in ("h2", "h3") else "h4"
    return Block(Block.HTML, text=text, html=f"<{tag}>{escape(text, quote=False)}</{tag}>")


class _BlockReader:
    """The container as blocks: paragraphs (classified later like a plain-text capture),
    captions, and tables, lists and kept photos as sanitised HTML."""

    def __init__(self, *, base_url: str):
        self.base_url = base_url
        self.blocks: list[Block] = []

    def add(self, block: Block | None):
        if block is not None:
            self.blocks.append(block)

    def paragraph(self, node: Node):
        text = node.plain()
        if not text:
            return
        if _only(node, ("em", "i")) and word_count(text) <= 30:
            self.blocks.append(Block(Block.CAPTION, text))
            return
        inner = "".join(serialize(child, base_url=self.base_url) for child in node.children)
        html = clean_html(f"<p>{inner}</p>")
        if _only(node, ("strong", "b")) and word_count(text) <= 25:
            # A subheading: kept as written and never taken for a caption.
            self.blocks.append(Block(Block.HTML, text=text, html=html))
        else:
            self.blocks.append(Block(Block.PARAGRAPH, text=text, html=html))

    def walk(self, node: Node):
        loose: list = []  # inline content directly in a block container: one paragraph
        for child in node.children:
            if _is_inline(child):
                loose.append(child)
                continue
            self.flush(loose)
            if child.tag != "br":
                self.element(child)
        self.flush(loose)

    def flush(self, loose: list):
        if loose:
            self.paragraph(Node("p", {}, list(loose)))
            loose.clear()

    def element(self, child: Node):
        caption = _caption_of(child)
        if child.tag == "figure" or (child.tag == "table" and _has_image(child)):
            self.add(_figure(child, base_url=self.base_url))
        elif caption is not None:
            if caption:
                self.blocks.append(Block(Block.CAPTION, caption))
        elif child.tag == "img":
            self.add(_figure(Node("figure", {}, [child]), base_url=self.base_url))
        elif child.tag in _KEPT_AS_HTML:
            html = clean_html(serialize(child, base_url=self.base_url))
            if html.strip():
                self.blocks.append(Block(Block.HTML, text=child.plain(), html=html))
        elif child.tag in _HEADINGS:
            self.add(_heading(child))
        elif _holds_blocks(child):
            self.walk(child)
        else:
            self.paragraph(child)


def _blocks(container: Node, *, base_url: str) -> list[Block]:
    reader = _BlockReader(base_url=base_url)
    reader.walk(container)
    return reader.blocks


def _body_blocks(container: Node, *, title: str, base_url: str) -> list[Block]:
    """The container's blocks up to the "Các tin khác" list, without what only repeats the
    page around the article (menus, the title, a date line)."""
    kept: list[Block] = []
    for block in _blocks(container, base_url=base_url):
        text = block.text
        if text and _OTHER_NEWS_RE.match(fold(text)):
            break
        if block.kind != Block.HTML and text and (
            is_boilerplate(text) or fold(text) == fold(title)
            or (is_date_line(text) and word_count(text) <= 8)
        ):
            continue
        kept.append(block)
    return kept


def _base_url(root: Node) -> str:
    base = _first(root, "base")
    if base is not None and base.attrs.get("href"):
        return base.attrs["href"]
    canonical = next((node.attrs.get("href", "") for node in root.elements()
                      if node.tag == "link" and node.attrs.get("rel", "").lower() == "canonical"),
                     "")
    return canonical or _meta(root, "og:url")


def parse_html_page(html: str, *, category_names=()) -> LegacyArticle:
    """The article in a saved HTML page; UnusablePage if there is none."""
    root = parse_tree(html)
    base_url = _base_url(root)
    for node in list(root.elements()):
        if node.parent is not None and node.tag in _DROPPED_TAGS and node.tag != "head":
            node.remove()
    container = _find_container(root)
    title, title_node = _title(root, container)
    if fold(title) in {fold(name) for name in category_names}:
        raise UnusablePage("tiêu đề tìm được chỉ là tên chuyên mục")
    category_lines = _category(root, title)
    found, date_node = _date(root, container, title_node)

    for node in list(container.elements()):
        if node.parent is not None and _is_junk(node):
            node.remove()
    for node in (title_node, date_node):
        if node is not None and node is not container and container.contains(node):
            node.remove()

    kept = _body_blocks(container, title=title, base_url=base_url)
    article = LegacyArticle(title=title, category_lines=category_lines, format="html")
    if found is not None:
        article.published_at, article.has_time = found.value, found.has_time
    article.blocks = classify_blocks(kept, article)
    if not any(block.text or block.html for block in article.blocks):
        raise UnusablePage("tìm thấy tiêu đề nhưng không có nội dung bài")
    return article
