"""Numbers and symbols of directives ("số ký hiệu") in Party and state styles.

Party documents:  "20-CT/TW", "09-QC/TW", "367-QĐ/TWĐTN-VP"  (number-symbol)
State documents:  "42/2022/NĐ-CP", "05/2021/TT-BNV"          (number/year/symbol)
Administrative:   "1234/QĐ-UBND"                              (number/symbol)
"""

import re
from dataclasses import dataclass

from portal.text import strip_diacritics

PARTY = "party"
STATE = "state"
ADMINISTRATIVE = "administrative"

_SYMBOL = r"[0-9A-Za-zÀ-ỹĐđ]+(?:[/\-][0-9A-Za-zÀ-ỹĐđ]+)*"
_PARTY_RE = re.compile(rf"^(?P<number>\d+[a-z]?)\s*-\s*(?P<symbol>{_SYMBOL})$")
_STATE_RE = re.compile(
    rf"^(?P<number>\d+[a-z]?)\s*/\s*(?P<year>(?:19|20)\d\d)\s*/\s*(?P<symbol>{_SYMBOL})$"
)
_ADMIN_RE = re.compile(rf"^(?P<number>\d+[a-z]?)\s*/\s*(?P<symbol>{_SYMBOL})$")


@dataclass(frozen=True)
class DocumentNumber:
    number: str
    symbol: str
    numbering: str
    year: int | None = None

    def __str__(self) -> str:
        return format_code(self.number, self.symbol, self.numbering, self.year)


def parse_code(text: str) -> DocumentNumber | None:
    """Parse a số ký hiệu as an editor types it; None if it has no known shape."""
    cleaned = re.sub(r"\s+", " ", str(text or "")).strip()
    cleaned = re.sub(r"^(số|so)\s*", "", cleaned, flags=re.IGNORECASE)
    if match := _STATE_RE.match(cleaned):
        return DocumentNumber(
            match["number"], match["symbol"].upper(), STATE, int(match["year"])
        )
    if match := _PARTY_RE.match(cleaned):
        return DocumentNumber(match["number"], match["symbol"].upper(), PARTY)
    if match := _ADMIN_RE.match(cleaned):
        return DocumentNumber(match["number"], match["symbol"].upper(), ADMINISTRATIVE)
    return None


def format_code(number: str, symbol: str, numbering: str, year: int | None = None) -> str:
    if numbering == PARTY:
        return f"{number}-{symbol}"
    if numbering == STATE and year:
        return f"{number}/{year}/{symbol}"
    return f"{number}/{symbol}"


def symbol_key(symbol: str) -> str:
    """A spelling-proof key: 'CT/TW', 'CT-TW' and 'ct tw' all give 'CTTW'; Đ gives D."""
    return re.sub(r"[^A-Z0-9]", "", strip_diacritics(symbol).upper())


def number_key(number: str) -> str:
    """'09' and '9' are the same number."""
    return number.lstrip("0") or "0"
