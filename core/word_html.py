"""Text pasted from Microsoft Word, made plain HTML before the allow-list (core/sanitize.py).

Word puts its own markup on the clipboard: list bullets and numbers written out as text
("·", "o", "§", "1.") with a spacer for browsers that do not know its lists, behind
<![if !supportLists]> (or <!--[if !supportLists]--> comments, as some browsers pass them on);
lists as paragraphs marked style='mso-list:l0 level1 lfo1'; classes "Mso…"; inline fonts,
sizes and colours on every span; <o:p> tags; empty &nbsp; paragraphs between paragraphs;
conditional comments with XML; the whole document around the selection. CKEditor's "paste
from Office" cleans some of this in the browser, but a text also arrives through the source
view, an older browser or the importer, so it is done here, on every save.

What is kept: headings, paragraphs, bold and italic, underline, links, tables, lists (as
<ul>/<ol> with <li>, nested by Word's levels), centred and right-aligned lines.

Only a text carrying Word's fingerprints (looks_like_word) is touched; everything else
goes through the allow-list unchanged.
"""

import re

_FLAGS = re.IGNORECASE | re.DOTALL

_FINGERPRINT = re.compile(
    r"""class=["']?(?:Mso|WordSection)|mso-[a-z]|<o:p\b|urn:schemas-microsoft-com:office"""
    r"""|<!\[if\s|<!--\[if\s""",
    re.IGNORECASE,
)

_FRAGMENT = re.compile(r"<!--StartFragment-->(.*?)<!--EndFragment-->", _FLAGS)
_HEAD = re.compile(r"<head\b.*?</head\s*>", _FLAGS)

# The bullet or number Word writes out for browsers without its lists, with its spacer.
_LIST_MARKER = re.compile(
    r"(?:<!\[if\s+!supportLists\]>|<!--\[if\s+!supportLists\]-->)(.*?)"
    r"(?:<!\[endif\]>|<!--\[endif\]-->)",
    _FLAGS,
)
# The same without the conditional around it (Word for Mac, some browsers):
# <span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span>
_IGNORED_MARKER = re.compile(
    r"<span\b[^>]*mso-list:\s*Ignore[^>]*>([^<]*)(?:<span\b[^>]*>[^<]*</span>)?\s*</span>",
    _FLAGS,
)
_CONDITIONAL_COMMENT = re.compile(r"<!--\[if\b.*?<!\[endif\]-->", _FLAGS)
_DOWNLEVEL_MARKS = re.compile(r"<!\[(?:if\b[^\]]*|endif)\]>", re.IGNORECASE)
_WORD_SIZING_ROW = re.compile(r"<tr\b[^>]*>(?:\s*<td\b[^>]*>\s*</td>)+\s*</tr>", _FLAGS)

_PARAGRAPH = re.compile(r"<p\b([^>]*)>(.*?)</p\s*>", _FLAGS)
_LIST_STYLE = re.compile(r"mso-list:\s*l(\d+)\s+level(\d+)", re.IGNORECASE)
_MARKER_SLOT = "\x00list-marker:{}\x00"
_MARKER_IN_TEXT = re.compile(r"\x00list-marker:(ul|ol)\x00")
_ORDERED_MARKER = re.compile(r"^\(?(?:\d+|[a-z]|[ivxlcdm]+)[.)]$", re.IGNORECASE)

_HEADING_TAG = re.compile(r"<(/?)h([1-5])\b", re.IGNORECASE)
_BOLD = re.compile(r"<(/?)b\b", re.IGNORECASE)
_ITALIC = re.compile(r"<(/?)i\b", re.IGNORECASE)
_NEWLINES = re.compile(r"\s*[\r\n]+\s*")
_BLOCK_TAG = re.compile(
    r"\s*(</?(?:p|h[1-6]|ul|ol|li|table|caption|thead|tbody|tfoot|tr|td|th|blockquote|div)\b"
    r"[^>]*>)\s*",
    re.IGNORECASE,
)

# After the allow-list: what is left empty once Word's markup is gone.
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|\xa0|<br>)*</p>")
_EMPTY_INLINE = re.compile(r"<(strong|em|u|s|sub|sup)>(?:\s|&nbsp;|\xa0)*</\1>")
_ANCHOR_WITHOUT_HREF = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.DOTALL)
_IMAGE_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
# Word puts a paragraph in every table cell; CKEditor writes a one-paragraph cell without it.
_CELL_PARAGRAPH = re.compile(r"<(td|th)([^>]*)><p>((?:(?!</?p\b).)*)</p></\1>", re.DOTALL)

# Word's class names ("MsoNormal", "MsoListParagraphCxSpFirst", "MsoTableGrid",
# "WordSection1").
_WORD_CLASS = re.compile(r"^(?:mso|wordsection)", re.IGNORECASE)
# Alignment is the one paragraph style worth keeping: a centred title line, a signature on
# the right. Justified and left are the page's own.
_KEPT_ALIGNMENTS = {"center", "right"}
# Images keep their own sizes (CKEditor's resized figures in the same text).
_ELEMENTS_KEEPING_STYLE = {"figure", "img"}


def looks_like_word(html: str) -> bool:
    return bool(_FINGERPRINT.search(html))


def _marker_kind(marker_html: str) -> str:
    text = re.sub(r"<[^>]*>", "", marker_html).replace("&nbsp;", " ").replace("\xa0", " ")
    return "ol" if _ORDERED_MARKER.match(text.strip()) else "ul"


def _list_item(attributes: str, content: str) -> tuple[int, str, str] | None:
    """(level, "ul" or "ol", content) of a paragraph Word made a list item, else None."""
    style = _LIST_STYLE.search(attributes)
    if style is None:
        return None
    kind = _MARKER_IN_TEXT.search(content)
    content = _MARKER_IN_TEXT.sub("", content)
    return int(style.group(2)), kind.group(1) if kind else "ul", content


def _nested_list(items: list[tuple[int, str, str]]) -> str:
    """<ul>/<ol> of Word's list paragraphs, a deeper level inside the item before it."""
    out, open_lists = [], []  # open_lists: (level, tag), innermost last
    for level, tag, content in items:
        while open_lists and open_lists[-1][0] > level:
            out.append(f"</li></{open_lists.pop()[1]}>")
        if open_lists and open_lists[-1][0] == level and open_lists[-1][1] != tag:
            out.append(f"</li></{open_lists.pop()[1]}>")
        if open_lists and open_lists[-1][0] == level:
            out.append("</li>")
        else:
            out.append(f"<{tag}>")
            open_lists.append((level, tag))
        out.append(f"<li>{content}")
    while open_lists:
        out.append(f"</li></{open_lists.pop()[1]}>")
    return "".join(out)


def _lists_made(html: str) -> str:
    """Runs of list paragraphs (nothing but white space between them) become lists."""
    out, run, position = [], [], 0
    for paragraph in _PARAGRAPH.finditer(html):
        between = html[position:paragraph.start()]
        item = _list_item(paragraph.group(1), paragraph.group(2))
        if run and (item is None or between.strip()):
            out.append(_nested_list(run))
            run = []
        out.append(between)
        if item is None:
            out.append(_MARKER_IN_TEXT.sub("", paragraph.group(0)))
        else:
            run.append(item)
        position = paragraph.end()
    if run:
        out.append(_nested_list(run))
    out.append(html[position:])
    return _MARKER_IN_TEXT.sub("", "".join(out))


def _headings_shifted(html: str) -> str:
    """Word's Heading 1 is the article's title level: with one in the text, every heading
    goes one level down (h1 → h2 … h5 → h6), so the outline stays as it was."""
    if not re.search(r"<h1\b", html, re.IGNORECASE):
        return html
    return _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)


def unwrap(html: str) -> str:
    """Word's markup taken apart before the allow-list: the selection without the
    document, the written-out list markers and conditionals gone, lists as lists, <b> and
    <i> as <strong> and <em>, the line breaks Word puts in its source as spaces."""
    fragment = _FRAGMENT.search(html)
    html = fragment.group(1) if fragment else _HEAD.sub("", html)
    html = _LIST_MARKER.sub(lambda m: _MARKER_SLOT.format(_marker_kind(m.group(1))), html)
    html = _IGNORED_MARKER.sub(lambda m: _MARKER_SLOT.format(_marker_kind(m.group(1))), html)
    html = _CONDITIONAL_COMMENT.sub("", html)
    html = _DOWNLEVEL_MARKS.sub("", html)
    html = _WORD_SIZING_ROW.sub("", html)
    html = _NEWLINES.sub(" ", html)
    html = _lists_made(html)
    html = _headings_shifted(html)
    html = _BOLD.sub(r"<\1strong", html)
    html = _ITALIC.sub(r"<\1em", html)
    return _BLOCK_TAG.sub(r"\1", html)


def filtered_attribute(tag: str, attribute: str, value: str) -> str | None:
    """What the allow-list keeps of an attribute in a text from Word: no Word classes, no
    fonts, sizes, colours, margins or mso- styles; the alignment of a centred or
    right-aligned line; no language marks or bookmarks."""
    if attribute == "class":
        kept = [name for name in value.split() if not _WORD_CLASS.match(name)]
        return " ".join(kept) or None
    if attribute == "style" and tag not in _ELEMENTS_KEEPING_STYLE:
        for declaration in value.split(";"):
            name, _, setting = declaration.partition(":")
            if name.strip().lower() == "text-align" and setting.strip().lower() in _KEPT_ALIGNMENTS:
                return f"text-align: {setting.strip().lower()}"
        return None
    if attribute in ("lang", "name"):
        return None
    return value


def tidy(html: str) -> str:
    """After the allow-list: the paragraphs and inline tags Word left empty, bookmarks
    (anchors without an address), images whose file was on the author's computer, the
    paragraph of a one-paragraph table cell."""
    html = _IMAGE_WITHOUT_SRC.sub("", html)
    html = _ANCHOR_WITHOUT_HREF.sub(r"\1", html)
    html = _CELL_PARAGRAPH.sub(r"<\1\2>\3</\1>", html)
    previous = None
    while previous != html:
        previous = html
        html = _EMPTY_INLINE.sub("", html)
        html = _EMPTY_PARAGRAPH.sub("", html)
    return html.strip()
