"""Reading an article out of a plain-text capture of an old portal page.

A capture is what an editor gets by selecting a page and copying it: the old
site's menu and side boxes, maybe a category line, the title, a date line,
the paragraphs with photo captions between them, a source line, then lists
of other news and a pager. The parser works from the shape of the lines, not
from any particular site's words, so that pages it has never seen still read.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .dates import find_date, is_date_line
from .legacy_article import Block, LegacyArticle, UnusablePage
from .text_tools import ends_sentence, fold, strip_bullet, tidy, word_count

HEAD_LINES = 10  # the title and date are among the first lines that are not menus

_MENU_PHRASES = [
    "trang chu", "gioi thieu", "lien he", "van phong dien tu", "so do site", "so do trang",
    "tin tuc", "hoi dap", "thu vien anh", "thu vien", "video", "van ban", "lich cong tac",
    "tim kiem", "dang nhap", "english", "rss", "hop thu", "co cau to chuc", "gop y",
    "tai lieu", "su kien", "thong bao", "dien dan", "lien ket", "ban do",
]
_SIDE_BOX_RE = re.compile(
    r"^(?:thong ke(?: truy cap)?|(?:tong |so )?(?:so )?luot (?:truy cap|xem)|dang truy cap"
    r"|dang online|truc tuyen|online|hom nay|hom qua|tuan nay|thang nay|nam nay|tat ca"
    r"|khach|thanh vien|lien ket website|lien ket web)\b[\s:0-9.,]*$"
)
_READER_CONTROL_PHRASES = [
    "mau chu", "co chu", "in bai viet", "in bai", "gui bai viet", "gui bai", "ban in", "in trang",
    "chia se", "luu bai", "quay lai", "ve dau trang", "len dau trang", "phong to", "thu nho",
    "tang co chu", "giam co chu", "mac dinh", "nghe doc bai", "nghe bai viet", "doc bai",
    "gui email", "gui e-mail", "e-mail", "email", "facebook", "zalo", "twitter", "print",
    "font chu", "kieu chu", "in",
]
_PAGER_RE = re.compile(
    r"(?:trang dau\b.*\btrang cuoi)|^(?:[\d\s«»‹›<>|.…\-]|trang|truoc|sau|tiep|dau|cuoi)+$"
)
# Headings of the lists that follow an article: everything after them is dropped.
_OTHER_NEWS_RE = re.compile(
    r"^(?:cac |nhung )?(?:tin|bai|bai viet|tin bai|tin tuc)\s+(?:khac|lien quan|cung chuyen muc"
    r"|da dua|moi(?: nhat)?|doc nhieu(?: nhat)?|xem nhieu(?: nhat)?|truoc|cu hon|noi bat"
    r"|cung loai)\b.{0,20}$"
    r"|^(?:y kien ban doc|binh luan|gui y kien|gui binh luan|y kien cua ban)\b.{0,20}$"
)
_NUMBERED_CAPTION_RE = re.compile(
    r"^\(?(?:hình ảnh|hình|ảnh|photo|hinh anh|hinh|anh)\s*(?:số\s*)?\d+\s*[:.\-–)]\s*",
    re.IGNORECASE,
)
_PHOTO_CREDIT_RE = re.compile(r"^\(?(?:ảnh|ảnh minh họa|nguồn ảnh|anh)\s*:\s*\S", re.IGNORECASE)
_SOURCE_RE = re.compile(r"^(?:nguồn|nguon|source)\s*:\s*(?P<value>.+)$", re.IGNORECASE)
_BY_RE = re.compile(r"^theo\s+(?P<value>.+)$", re.IGNORECASE)
_AUTHOR_RE = re.compile(
    r"^(?:tin và ảnh|tin, ảnh|tin/ảnh|tin - ảnh|bài và ảnh|bài, ảnh|bài/ảnh|tin|bài"
    r"|tác giả|người viết|phóng viên|ctv|nhóm pv)\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
_CATEGORY_LABEL_RE = re.compile(r"^(?:chuyên mục|chuyen muc|danh mục)\s*:\s*(?P<value>.+)$",
                                re.IGNORECASE)
_ENUMERATED_RE = re.compile(r"^(?:\d+|[IVXLC]+|[a-zđ])[.)]\s")
# First words of organisation names, to tell a source line from a reporter's name.
_ORGANISATION_HEADS = (
    "ban ", "tinh ", "huyen ", "thanh ", "thi ", "xa ", "phuong ", "doan ", "hoi ", "uy ban ",
    "van phong ", "cong ", "bao ", "dai ", "so ", "ubnd", "trung tam ", "phong ", "truong ",
    "bo ", "dang ", "cuc ", "vien ", "mat tran ", "lien doan ", "chi ", "quan ", "tap chi ",
    "tt", "btg", "bdv", "bch ", "mttq", "trang ", "cong thong tin", "ttxvn", "vtv", "nguon",
)


@dataclass
class _Line:
    index: int
    text: str
    bulleted: bool
    boilerplate: bool


def _phrases_re(phrases: Iterable[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


_MENU_RE = _phrases_re(_MENU_PHRASES)
_READER_CONTROL_RE = _phrases_re(_READER_CONTROL_PHRASES)


def _without_phrases(folded: str, pattern: re.Pattern) -> tuple[str, int]:
    rest, count = pattern.subn(" ", folded)
    return rest.strip(), count


def is_boilerplate(text: str) -> bool:
    """Menus, side boxes, reader controls and pagers of the old site."""
    folded = fold(text)
    if not folded:
        return True
    if is_date_line(text):
        return False
    if folded.startswith("trang chu") and word_count(folded) <= 40 and not ends_sentence(text):
        return True
    rest, found = _without_phrases(folded, _MENU_RE)
    if found >= 3 and word_count(rest) <= found:
        return True
    if _SIDE_BOX_RE.match(folded):
        return True
    rest, found = _without_phrases(folded, _READER_CONTROL_RE)
    if found and not re.sub(r"[\s+\-|/:a]+", "", rest):
        return True
    if re.fullmatch(r"(?:a[+\-]?[\s|/]*){2,}", folded):  # the "A A A" text size buttons
        return True
    return bool(_PAGER_RE.search(folded)) and not re.search(r"[a-z]{2,}", re.sub(
        r"trang|truoc|sau|tiep|dau|cuoi", "", folded))


def _is_title_like(line: _Line, *, minimum_words: int, category_names: set[str]) -> bool:
    words = word_count(line.text)
    return (
        minimum_words <= words <= 60
        and len(line.text) <= 350
        and not is_date_line(line.text)
        and not _NUMBERED_CAPTION_RE.match(line.text)
        and fold(line.text) not in category_names
    )


def _lines(text: str) -> list[_Line]:
    lines = []
    for index, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        cleaned, bulleted = strip_bullet(tidy(raw))
        cleaned = cleaned.strip()
        if cleaned:
            lines.append(_Line(index, cleaned, bulleted, is_boilerplate(cleaned)))
    return lines


def _find_title(content: list[_Line], category_names: set[str], skipped: set[int]):
    """(title line, date line or None) among the first content lines.

    With a date line, the title is the title-like line just above it; a line
    further up, cut off from the date by menus or counters, or written all in
    capitals like a site banner, gives way to a title-like line just below.
    """
    head = content[:HEAD_LINES]
    date_line = next((line for line in head if is_date_line(line.text)), None)
    if date_line is not None:
        before = [
            line for line in head
            if line.index < date_line.index
            and _is_title_like(line, minimum_words=4, category_names=category_names)
        ]
        after = [
            line for line in content[:HEAD_LINES + 2]
            if line.index > date_line.index and not ends_sentence(line.text)
            and _is_title_like(line, minimum_words=4, category_names=category_names)
        ][:1]
        if before:
            above = before[-1]
            cut_off = any(above.index < index < date_line.index for index in skipped)
            if after and (cut_off or above.text == above.text.upper()):
                return after[0], date_line
            return above, date_line
        return (after[0] if after else None), date_line
    for minimum_words in (6, 3):
        for line in head:
            if _is_title_like(line, minimum_words=minimum_words,
                              category_names=category_names) and not ends_sentence(line.text):
                return line, None
    return None, None


def _starts_lower(text: str) -> bool:
    return text[:1].islower()


def _group_blocks(lines: list[_Line]) -> list[list[_Line]]:
    """Lines that continue one another (a wrapped paragraph or caption) form one block."""
    groups: list[list[_Line]] = []
    previous_index = None
    for line in lines:
        adjacent = previous_index is not None and line.index == previous_index + 1
        previous_index = line.index
        if groups and adjacent and not line.bulleted and not _NUMBERED_CAPTION_RE.match(
            line.text
        ):
            last = groups[-1][-1].text
            in_caption = bool(_NUMBERED_CAPTION_RE.match(groups[-1][0].text))
            if in_caption:
                joins = _starts_lower(line.text) or (
                    word_count(line.text) <= 12 and not ends_sentence(line.text)
                    and len(last) >= 40 and not ends_sentence(last)
                )
            else:
                # A hard-wrapped paragraph, or a plain caption wrapped onto a second line.
                joins = _starts_lower(line.text) or (
                    len(last) >= 60 and not ends_sentence(last)
                ) or (
                    len(groups[-1]) == 1 and len(last) >= 35 and not ends_sentence(last)
                    and _is_short_unfinished(line.text, max_words=12)
                )
            if joins:
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


def _looks_like_a_name(text: str) -> bool:
    words = text.split()
    folded = fold(text)
    return (
        2 <= len(words) <= 5
        and all(word[:1].isupper() for word in words)
        and not folded.startswith(_ORGANISATION_HEADS)
    )


def _is_short_unfinished(text: str, *, max_words: int) -> bool:
    return (
        word_count(text) <= max_words
        and len(text) <= 160
        and not ends_sentence(text)
        and not text.endswith(",")
    )


def classify_blocks(blocks: list[Block], article: LegacyArticle) -> list[Block]:
    """Find the captions among the paragraphs and take the signature off the end.

    Changes `blocks` in place (and article.source / author_name) and returns it.
    """
    _mark_labelled_captions(blocks)
    _take_signature(blocks, article)
    _mark_unlabelled_captions(blocks)
    return blocks


def _mark_labelled_captions(blocks: list[Block]) -> None:
    """Paragraphs labelled as photos ("Hình 1: …", "(Ảnh: …)") are captions."""
    for block in blocks:
        if block.kind != Block.PARAGRAPH:
            continue
        if match := _NUMBERED_CAPTION_RE.match(block.text):
            block.kind, block.text = Block.CAPTION, block.text[match.end():].strip() or block.text
        elif _PHOTO_CREDIT_RE.match(block.text) and word_count(block.text) <= 12:
            block.kind, block.text = Block.CAPTION, block.text.strip("()")


def _take_signature(blocks: list[Block], article: LegacyArticle) -> None:
    """The signature: the short lines after the last paragraph (source, reporter)."""
    for _ in range(3):
        if len(blocks) < 2 or blocks[-1].kind != Block.PARAGRAPH:
            break
        text = blocks[-1].text
        if match := _SOURCE_RE.match(text):
            article.source = article.source or match["value"].strip()
        elif (match := _AUTHOR_RE.match(text)) and word_count(text) <= 10:
            article.author_name = article.author_name or match["value"].strip()
        elif not _is_short_unfinished(text, max_words=12):
            break
        elif (match := _BY_RE.match(text)) and not article.source:
            article.source = match["value"].strip()
        elif _looks_like_a_name(text) and not article.author_name:
            article.author_name = text
        elif not article.source:
            article.source = text
        else:
            break
        blocks.pop()


def _mark_unlabelled_captions(blocks: list[Block]) -> None:
    """A short line without a full stop between paragraphs is the caption of a photo."""
    for position, block in enumerate(blocks):
        if (
            block.kind == Block.PARAGRAPH
            and 0 < position < len(blocks) - 1
            and _is_short_unfinished(block.text, max_words=25)
            and block.text[:1].isupper()
            and block.text != block.text.upper()
            and not _ENUMERATED_RE.match(block.text)
            and any(item.kind == Block.PARAGRAPH for item in blocks[:position])
            and any(item.kind == Block.PARAGRAPH for item in blocks[position + 1:])
        ):
            block.kind = Block.CAPTION


def _category_lines(content: list[_Line], title_line: _Line) -> list[str]:
    """Short lines above the title, nearest first ("Chuyên mục: …" gives its value)."""
    lines: list[str] = []
    for line in content:
        if line.index >= title_line.index:
            break
        if match := _CATEGORY_LABEL_RE.match(line.text):
            lines.insert(0, match["value"].strip())
        elif word_count(line.text) <= 15 and not is_date_line(line.text):
            lines.insert(0, line.text)
    return lines


def _body_lines(content: list[_Line], *, title_line: _Line, head_end: int) -> list[_Line]:
    """The lines after the title and date, up to the "Các tin khác" list. A long line
    between the title and the date is the lead paragraph, not part of the head."""
    title = fold(title_line.text)
    body = []
    for line in content:
        if line.index <= head_end and not (
            line.index > title_line.index and word_count(line.text) >= 12
            and not is_date_line(line.text)
        ):
            continue
        if _OTHER_NEWS_RE.match(fold(line.text)):
            break
        if is_date_line(line.text) and word_count(line.text) <= 8:
            continue
        if fold(line.text) == title:
            continue
        body.append(line)
    return body


def parse_text_page(text: str, *, category_names: Iterable[str] = ()) -> LegacyArticle:
    """The article in a plain-text capture; UnusablePage if there is none.

    `category_names` are the portal's categories: a line naming one is never
    taken for the title.
    """
    known_categories = {fold(name) for name in category_names}
    lines = _lines(text)
    content = [line for line in lines if not line.boilerplate]
    if not content:
        raise UnusablePage("không có nội dung nào ngoài menu và các ô bên lề")
    skipped = {line.index for line in lines if line.boilerplate}
    title_line, date_line = _find_title(content, known_categories, skipped)
    if title_line is None:
        raise UnusablePage("không tìm thấy tiêu đề bài viết")

    article = LegacyArticle(title=title_line.text)
    if date_line is not None:
        found = find_date(date_line.text)
        article.published_at, article.has_time = found.value, found.has_time

    article.category_lines = _category_lines(content, title_line)
    head_end = max(title_line.index, date_line.index if date_line else -1)
    body = _body_lines(content, title_line=title_line, head_end=head_end)
    blocks = [
        Block(Block.PARAGRAPH, " ".join(line.text for line in group))
        for group in _group_blocks(body)
    ]
    article.blocks = classify_blocks(blocks, article)
    if not article.blocks:
        raise UnusablePage("tìm thấy tiêu đề nhưng không có nội dung bài")
    return article
