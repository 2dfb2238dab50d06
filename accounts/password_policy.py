"""Passwords that are easy to guess here: common Vietnamese ones, and the portal's own names.

Django's CommonPasswordValidator knows 20,000 common passwords, nearly all English, and
only as whole passwords. GuessablePasswordValidator adds what an attacker of a Party or
Youth Union portal tries first, with the digits, years and symbols people put around them:

- the list that ships in accounts/data/common_passwords.txt (a few hundred Vietnamese and
  English passwords and the words they are made of: matkhau, dangcongsan, tinhdoan, the
  provinces, common names, keyboard rows, digit runs);
- the portal's own names as context words: every organisation's name and short name from
  the database, PORTAL_NAME and PORTAL_OWNER. "Tỉnh ủy Bến Tre" gives "tinhuybentre",
  "tinhuy", "uybentre", "bentre"… (each run of two or more of its words).

Passwords and words are compared folded: lower case, without diacritics (đ -> d), so
"Đảng Cộng sản" is "dangcongsan". A password is refused when

1. it is on the list as it is ("123456a@"), or without its symbols ("admin@123" -> "admin123");
2. its letters, once digits, years and symbols are stripped, are a listed or context word or a
   run of them ("Admin@12345" -> "admin", "tinhuybentre2025", "bentre@2024" -> "bentre");
   symbols inside a word count as the letters they stand for ("p@ssw0rd" -> "password");
3. it has at most two letters and its digits are a pattern (a listed run, a repeated digit or
   block, an ascending or descending run, a year): "Aa@123456", "a1111111111".

DemoPasswordValidator refuses the demo account's published password (DEMO_PASSWORD, shown by
load_demo) and its
variants with other digits, whenever debug is off.
"""

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError

from core.text import strip_diacritics

# The demo account's password: printed by `manage.py load_demo` and in the README, so
# never a real one (DemoPasswordValidator).
DEMO_PASSWORD = "cong-demo-2026"

DATA_FILE = Path(__file__).resolve().parent / "data" / "common_passwords.txt"

# Listed words shorter than this are matched only as a whole password's letters, never as
# a piece of a longer run: "ab" + "cd" would otherwise refuse too much.
MIN_PIECE = 3

# A symbol or digit between two letters stands for a letter: p@ssw0rd, m4tkh4u.
LEET = {"@": "a", "4": "a", "0": "o", "1": "i", "3": "e", "5": "s", "$": "s", "7": "t"}

GUESSABLE_MESSAGE = (
    "Mật khẩu này quá dễ đoán: đó là một mật khẩu phổ biến, hoặc chỉ gồm những từ phổ biến "
    "hay tên của cổng, của các tổ chức (kể cả khi thêm năm, chữ số hoặc ký hiệu). "
    "Hãy dùng một cụm từ dài hơn, khó đoán hơn."
)
DEMO_MESSAGE = (
    "Đây là mật khẩu của tài khoản mẫu, được công bố trong tài liệu: "
    "không dùng được khi cổng đang chạy thật."
)


def fold(text: str) -> str:
    """'Tỉnh Đoàn Bến Tre' -> 'tinh doan ben tre'."""
    return strip_diacritics(unicodedata.normalize("NFKC", str(text))).casefold()


@lru_cache(maxsize=1)
def listed() -> frozenset[str]:
    """The entries of the shipped list, folded."""
    entries = set()
    for line in DATA_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            entries.add(re.sub(r"\s+", "", fold(line)))
    return frozenset(entries)


@lru_cache(maxsize=1)
def listed_words() -> frozenset[str]:
    return frozenset(entry for entry in listed() if entry.isalpha() and len(entry) >= MIN_PIECE)


def letters(folded: str) -> str:
    """The letters of a folded password; a LEET character between two letters counts as one."""
    kept = []
    for index, char in enumerate(folded):
        if char.isalpha():
            kept.append(char)
        elif (
            char in LEET
            and 0 < index < len(folded) - 1
            and folded[index - 1].isalpha()
            and folded[index + 1].isalpha()
        ):
            kept.append(LEET[char])
    return "".join(kept)


def digits(folded: str) -> str:
    return "".join(char for char in folded if char in "0123456789")


def is_digit_pattern(run: str) -> bool:
    if len(run) <= 2 or run in listed() or len(set(run)) == 1:
        return True
    steps = {int(b) - int(a) for a, b in pairwise(run)}
    if steps in ({1}, {-1}):
        return True
    if re.fullmatch(r"((19|20)\d\d)+", run):  # years, one after another
        return True
    return any(
        len(run) % size == 0 and run[:size] * (len(run) // size) == run
        for size in range(1, len(run) // 2 + 1)
    )


def made_of(text: str, words: set[str] | frozenset[str]) -> bool:
    """Whether `text` is one or more of `words` one after another."""
    if not text:
        return False
    reachable = [True] + [False] * len(text)
    lengths = sorted({len(word) for word in words})
    for end in range(1, len(text) + 1):
        reachable[end] = any(
            reachable[end - size] and text[end - size : end] in words
            for size in lengths
            if size <= end
        )
    return reachable[-1]


def name_words(name: str) -> set[str]:
    """Context words of one name: each run of two or more of its words, and a one-word name."""
    parts = [part for part in re.split(r"[^a-z]+", fold(name)) if part]
    words = set()
    if len(parts) == 1 and len(parts[0]) >= 2:
        words.add(parts[0])
    for start in range(len(parts)):
        for end in range(start + 2, len(parts) + 1):
            words.add("".join(parts[start:end]))
    return words


def context_names() -> list[str]:
    names = [settings.PORTAL_NAME, settings.PORTAL_OWNER]
    from organizations.models import Organization

    try:
        for name, short_name in Organization.objects.values_list("name", "short_name"):
            names += [name, short_name]
    except DatabaseError:  # no table yet (a validator called before migrate)
        pass
    return names


def context_words() -> set[str]:
    words = set()
    for name in context_names():
        words |= name_words(name)
    return words


def is_guessable(password: str, extra_words: set[str] | None = None) -> bool:
    folded = fold(password)
    if folded in listed() or re.sub(r"[^0-9a-z]", "", folded) in listed():
        return True
    core = letters(folded)
    words = listed_words() | (extra_words if extra_words is not None else context_words())
    if core and (core in listed() or made_of(core, words)):
        return True
    symbols = len(folded) - len(core) - len(digits(folded))
    return len(core) <= 2 and symbols <= 3 and is_digit_pattern(digits(folded))


class GuessablePasswordValidator:
    def validate(self, password, user=None):
        if is_guessable(password):
            raise ValidationError(GUESSABLE_MESSAGE, code="password_too_common")

    def get_help_text(self):
        return (
            "Mật khẩu không được là một mật khẩu phổ biến, hay chỉ gồm từ phổ biến, tên cổng, "
            "tên tổ chức cùng năm, chữ số hoặc ký hiệu."
        )


class DemoPasswordValidator:
    """Outside debug, the demo account's password (README, load_demo) and its variants."""

    def validate(self, password, user=None):
        if settings.DEBUG:
            return
        demo = fold(DEMO_PASSWORD)
        if fold(password) == demo or letters(fold(password)) == letters(demo):
            raise ValidationError(DEMO_MESSAGE, code="password_is_demo")

    def get_help_text(self):
        return "Mật khẩu không được là mật khẩu của tài khoản mẫu."
