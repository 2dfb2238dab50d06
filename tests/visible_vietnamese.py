"""Finding Vietnamese on a page meant to be English (the pages under /en/): the inverse of
visible_english.py. Visible text (text nodes outside <script> and <style>; title,
placeholder, aria-label and alt attributes) with a letter only Vietnamese writes (ă, â, đ,
ê, ô, ơ, ư and the tone marks) is Vietnamese, unless an element around it says so with
lang="vi" (a person's name, an address, a document in Vietnamese)."""

import unicodedata
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")


def vietnamese_letters(text: str) -> bool:
    """True when `text` has a letter with a Vietnamese diacritic."""
    for char in text:
        if not char.isalpha() or char.isascii():
            continue
        base = unicodedata.normalize("NFD", char)[0]
        if char in "đĐ" or base.isascii():
            return True
    return False


class _VisibleText(HTMLParser):
    def __init__(self, skipped_tags):
        super().__init__(convert_charrefs=True)
        self.skipped_tags = skipped_tags
        self.texts, self._open = [], []

    def _skipped(self):
        return any(self._open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        marked = (attrs.get("lang") or "").startswith("vi") or tag in self.skipped_tags
        if tag not in VOID:
            self._open.append(tag in ("script", "style") or marked)
        if self._skipped() or marked:
            return
        for name in ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(f"[{name}] {attrs[name]}")

    def handle_endtag(self, tag):
        if tag not in VOID and self._open:
            self._open.pop()

    def handle_data(self, data):
        if data.strip() and not self._skipped():
            self.texts.append(" ".join(data.split()))


def vietnamese_on(html: str, *, skipped_tags=()) -> set[str]:
    """The visible texts of `html` in Vietnamese not marked lang="vi"; the elements named
    in `skipped_tags` are left out."""
    parser = _VisibleText(set(skipped_tags))
    parser.feed(html)
    return {text for text in parser.texts if vietnamese_letters(text)}
