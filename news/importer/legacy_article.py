"""What the parsers read from an old page, before it becomes an Article."""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from .text_tools import fold


class UnusablePage(Exception):
    """The file was read but holds no article (no title, nothing but menus…)."""


@dataclass
class Block:
    """A piece of the body: a paragraph, a photo caption, or other HTML (a table, a
    list, a photo kept from an HTML page). `text` is what a reader reads; `html`,
    when set, is how an HTML page wrote it (already sanitised)."""

    PARAGRAPH = "paragraph"
    CAPTION = "caption"
    HTML = "html"

    kind: str
    text: str = ""
    html: str = ""

    def to_html(self) -> str:
        if self.kind == self.CAPTION:
            # The photo files are not part of a capture: the caption stays in the body
            # where the photo was, set apart as a caption.
            return f'<p class="caption"><em>{escape(self.text, quote=False)}</em></p>'
        if self.html:
            return self.html
        return f"<p>{escape(self.text, quote=False)}</p>"


@dataclass
class LegacyArticle:
    title: str
    published_at: datetime | None = None
    has_time: bool = False
    blocks: list[Block] = field(default_factory=list)
    source: str = ""
    author_name: str = ""
    # Short lines above the title ("Các ban xây dựng Đảng", "Tin tức"), nearest first:
    # the importer matches them against the portal's categories.
    category_lines: list[str] = field(default_factory=list)
    format: str = "text"

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.blocks if block.kind == Block.PARAGRAPH]

    @property
    def captions(self) -> list[str]:
        return [block.text for block in self.blocks if block.kind == Block.CAPTION]

    @property
    def body_html(self) -> str:
        return "\n".join(block.to_html() for block in self.blocks)

    @property
    def legacy_key(self) -> str:
        """Same old article, same key: its title and publication day, spelled loosely."""
        day = self.published_at.date().isoformat() if self.published_at else ""
        return hashlib.sha256(f"{fold(self.title)}|{day}".encode()).hexdigest()
