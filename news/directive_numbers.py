"""Numbers and symbols of directives ("số ký hiệu") in Party and state styles.

Party documents:  "20-CT/TW", "09-QC/TW", "367-QĐ/TWĐTN-VP"  (number-symbol)
State documents:  "42/2022/NĐ-CP", "05/2021/TT-BNV"          (number/year/symbol)
Administrative:   "1234/QĐ-UBND"                              (number/symbol)

A symbol is kept as it is written ("08-QĐi/TW" keeps its small i, which tells
a Quy định from a Quyết định); only spacing and dash style are normalised.
Comparisons go through symbol_key() and number_key(), so "09-NQ/TW",
"9-NQ/TW" and "09/NQ-TW" name the same document.
"""

import re
import unicodedata
from dataclasses import dataclass

from core.text import strip_diacritics

PARTY = "party"
STATE = "state"
ADMINISTRATIVE = "administrative"

# Hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus sign.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
_SYMBOL = r"[0-9A-Za-zÀ-ỹĐđ]+(?:\s*[/\-]\s*[0-9A-Za-zÀ-ỹĐđ]+)*"
_NUMBER = r"\d+[A-Za-z]?"
_PARTY_RE = re.compile(rf"^(?P<number>{_NUMBER})\s*-\s*(?P<symbol>{_SYMBOL})$")
_STATE_RE = re.compile(
    rf"^(?P<number>{_NUMBER})\s*/\s*(?P<year>(?:19|20)\d\d)\s*/\s*(?P<symbol>{_SYMBOL})$"
)
_ADMIN_RE = re.compile(rf"^(?P<number>{_NUMBER})\s*/\s*(?P<symbol>{_SYMBOL})$")
_PREFIX_RE = re.compile(r"^(?:số|so)\s*[:.]?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class DocumentNumber:
    number: str
    symbol: str
    numbering: str
    year: int | None = None

    def __str__(self) -> str:
        return format_code(self.number, self.symbol, self.numbering, self.year)

    @property
    def number_key(self) -> str:
        return number_key(self.number)

    @property
    def symbol_key(self) -> str:
        return symbol_key(self.symbol)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text or "")).translate(_DASHES)
    return re.sub(r"\s+", " ", text).strip()


def normalize_symbol(symbol: str) -> str:
    """'CT / TW' -> 'CT/TW', 'NĐ–CP' -> 'NĐ-CP', 'QĐi/TW' stays 'QĐi/TW'.

    A symbol typed all in small letters ('ct/tw') is sloppy typing and is
    upper-cased; one with any capital letter is kept exactly as written.
    """
    cleaned = re.sub(r"\s*([/\-])\s*", r"\1", _clean(symbol))
    cleaned = re.sub(r"\s+", "", cleaned)
    if cleaned and not any(ch.isupper() for ch in cleaned):
        cleaned = cleaned.upper()
    return cleaned


def parse_code(text: str) -> DocumentNumber | None:
    """Parse a số ký hiệu as an editor types it; None if it has no known shape."""
    cleaned = _PREFIX_RE.sub("", _clean(text))
    if match := _STATE_RE.match(cleaned):
        return DocumentNumber(
            match["number"], normalize_symbol(match["symbol"]), STATE, int(match["year"])
        )
    if match := _PARTY_RE.match(cleaned):
        return DocumentNumber(match["number"], normalize_symbol(match["symbol"]), PARTY)
    if match := _ADMIN_RE.match(cleaned):
        return DocumentNumber(match["number"], normalize_symbol(match["symbol"]), ADMINISTRATIVE)
    return None


def format_code(number: str, symbol: str, numbering: str, year: int | None = None) -> str:
    if numbering == PARTY:
        return f"{number}-{symbol}"
    if numbering == STATE and year:
        return f"{number}/{year}/{symbol}"
    return f"{number}/{symbol}"


def symbol_key(symbol: str) -> str:
    """A spelling-proof key: 'CT/TW', 'CT-TW' and 'ct tw' all give 'CTTW'; Đ gives D."""
    return re.sub(r"[^A-Z0-9]", "", strip_diacritics(_clean(symbol)).upper())


def number_key(number: str) -> str:
    """'09' and '9' are the same number; '12A' and '12a' too."""
    return str(number or "").strip().lstrip("0").lower() or "0"
