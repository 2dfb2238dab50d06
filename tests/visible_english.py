"""Finding English in what a user of the admin reads: the English words of the catalogues
of Django and the installed apps, and the visible text of a page (text nodes, button labels,
title, placeholder, aria-label and alt). Used by the crawl through the test client
(tests/accounts/test_admin_vietnamese.py) and by the crawl in Chromium
(tests/e2e/test_admin_vietnamese_browser.py), which sees what the admin's JavaScript adds."""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import django
from django.apps import apps

# Reading .po files (the project does not depend on babel) ---------------------------------

PO_FIELD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")')


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file, obsolete (#~) ones left out: msgctxt, msgid, msgid_plural,
    msgstr or msgstr[n], and flags. The header is the entry whose msgid is ""."""
    entries, entry, field = [], None, None

    def close():
        if entry is not None and "msgid" in entry and not entry["obsolete"]:
            entries.append(entry)

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line:
            close()
            entry = field = None
            continue
        if entry is None:
            entry = {"flags": set(), "obsolete": False, "line": number}
        field = _read_po_line(entry, field, line, where=f"{path}:{number}")
    close()
    return entries


def _read_po_line(entry: dict, field: str | None, line: str, *, where: str) -> str | None:
    """Adds a line of a .po entry to `entry`; returns the field a following quoted line
    continues."""
    if line.startswith("#~"):
        entry["obsolete"] = True
    elif line.startswith("#,"):
        entry["flags"].update(flag.strip() for flag in line[2:].split(","))
    elif line.startswith("#"):
        pass
    elif match := PO_FIELD.fullmatch(line):
        field = match[1]
        entry[field] = ast.literal_eval(match[2])
    elif line.startswith('"') and field:
        entry[field] += ast.literal_eval(line)
    else:
        raise ValueError(f"{where}: cannot read {line!r}")
    return field


# The messages Django and the apps can show: their shipped catalogues --------------------

# Where their messages come from: Django's English catalogues list every message; the apps
# without one are read from every language they ship.
SOURCE_PACKAGES = [
    "django.conf", "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
    "django.contrib.sessions", "django.contrib.humanize", "django.contrib.postgres",
    "axes", "django_filters", "simple_history", "treebeard",
]


def package_dir(name: str) -> Path:
    if name == "django.conf":
        return Path(django.__file__).parent / "conf"
    return Path(apps.get_app_config(name.rsplit(".", 1)[-1]).path)


def source_entries(domain: str) -> dict:
    """(msgctxt, msgid) → entry for every message of SOURCE_PACKAGES in `domain`."""
    found = {}
    for package in SOURCE_PACKAGES:
        locale = package_dir(package) / "locale"
        english = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
        files = [english] if english.exists() else sorted(locale.glob(f"*/LC_MESSAGES/{domain}.po"))
        for path in files:
            for entry in read_po(path):
                if entry["msgid"]:
                    found.setdefault((entry.get("msgctxt"), entry["msgid"]), entry)
    return found


# Finding English on a page -----------------------------------------------------------------

PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{[\w.]*\}")

# Words that are Vietnamese too, names of keys, or technical terms used as they are.
ACCEPTED_WORDS = {
    "an", "ban", "can", "con", "tin", "van", "sao", "long", "hai", "nam", "tai", "tan", "web",
    "email", "ckeditor", "html", "json", "rss", "csv", "pdf", "http", "https", "get", "post",
    "sha", "salt", "ldap", "sso", "csrf", "uuid", "control", "command", "mac", "menu",
}
# English that no catalogue covers, seen in the admin; the detector knows them as English.
MORE_ENGLISH = {
    "news", "historical", "status", "true", "false", "none", "forbidden", "unknown", "axes",
    "code",
}


def english_words() -> frozenset[str]:
    words = set(MORE_ENGLISH)
    for domain in ("django", "djangojs"):
        for entry in source_entries(domain).values():
            for message in (entry["msgid"], entry.get("msgid_plural", "")):
                message = re.sub(r"<[^>]+>", " ", PLACEHOLDER.sub(" ", message))
                words.update(w.lower() for w in re.findall(r"[A-Za-z]+", message) if len(w) >= 3)
    return frozenset(words - ACCEPTED_WORDS)


ENGLISH = english_words()
# Not words: addresses, e-mail, paths, MIME types, key=value data, slugs, numbers, quoted names.
NOT_WORDS = re.compile(
    r"https?://\S+|\S+@\S+|(?<![\w/])/[\w./%?=&-]*|\b\w+/[\w.+-]+\b|\S+=\S*|\b\w+(?:-\w+){2,}\b"
    r"|\b\w*\d\w*\b"
    r"|“[^”]*”|\"[^\"]*\""
)
# Examples of English names in the portal's help texts ("Ví dụ: Provincial Youth Union.").
EXAMPLES = re.compile(r"ví dụ:.*", re.IGNORECASE | re.DOTALL)


def english_in(text: str) -> bool:
    text = NOT_WORDS.sub(" ", EXAMPLES.sub("", text))
    return any(
        word.isascii() and word.lower() in ENGLISH for word in re.findall(r"[^\W\d_]+", text)
    )


class VisibleText(HTMLParser):
    """What a user reads or hears: text nodes outside <script> and <style>, the labels of
    input buttons, and the title, placeholder, aria-label and alt attributes (given as
    "[alt] …"). Elements marked with another language (lang="en") are left out."""

    ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                      "meta", "source", "track", "wbr"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self._open = [], []

    def _skipped(self):
        return any(self._open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        other_language = bool(attrs.get("lang")) and not attrs["lang"].startswith("vi")
        if tag == "html" and other_language:
            self.texts.append(f"[html lang={attrs['lang']}]")  # a whole page in English
            other_language = False
        if tag not in self.VOID:
            self._open.append(tag in ("script", "style") or other_language)
        if self._skipped() or other_language:
            return
        for name in self.ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(f"[{name}] {attrs[name]}")
        is_button = tag == "input" and attrs.get("type") in {"submit", "button", "reset"}
        if is_button and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self._open:
            self._open.pop()

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._open:
            self._open.pop()

    def handle_data(self, data):
        if data.strip() and not self._skipped():
            self.texts.append(data)


def english_on(html: str) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    return {
        " ".join(text.split()) for text in parser.texts
        if english_in(text) or text.startswith("[html lang=")
    }
