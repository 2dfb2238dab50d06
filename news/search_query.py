"""What a reader typed into the search box, cleaned and understood.

parse_query() never raises: whatever arrives (NUL bytes, lone surrogates,
tsquery or SQL syntax, a thousand characters) becomes a ParsedQuery with the
folded words to search for, or with a Vietnamese message saying why there is
nothing to search. Words are matched as words, so operator characters are just
separators and reach the database only as bound parameters.

It also recognises a directive written in any common form: "20-CT/TW",
"20/CT-TW", "20 CT TW", "CT 20", "chỉ thị 20", "chi thi so 20",
"Nghị định 42/2022/NĐ-CP".
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Q

from .directive_numbers import number_key, symbol_key
from .search_document import fold, words

MAX_QUERY_LENGTH = 200
MIN_QUERY_LENGTH = 2
MAX_TERMS = 16
# A last word this long is probably still being typed: "tuyen truy" finds "tuyên truyền".
PREFIX_MIN_LENGTH = 3

EMPTY_MESSAGE = "Hãy nhập từ khóa cần tìm, ví dụ: trẻ em, Tỉnh Đoàn hoặc 20-CT/TW."
PUNCTUATION_MESSAGE = (
    "Từ khóa chỉ có dấu câu hoặc ký hiệu. Hãy nhập chữ hoặc số, ví dụ: thanh niên."
)
SHORT_MESSAGE = f"Từ khóa quá ngắn. Hãy nhập ít nhất {MIN_QUERY_LENGTH} chữ cái hoặc chữ số."
TRUNCATED_NOTICE = (
    f"Từ khóa dài hơn {MAX_QUERY_LENGTH} ký tự nên chỉ {MAX_QUERY_LENGTH} ký tự đầu được dùng."
)
TOO_MANY_TERMS_NOTICE = f"Chỉ {MAX_TERMS} từ đầu tiên của từ khóa được dùng để tìm."

# The letters a directive's symbol starts with, and the document types they name.
ABBREVIATIONS = {
    "ct": ("chi_thi",),
    "nq": ("nghi_quyet",),
    "kl": ("ket_luan",),
    "qd": ("quy_dinh", "quyet_dinh"),
    "qdi": ("quy_dinh",),
    "qc": ("quy_che",),
    "hd": ("huong_dan",),
    "kh": ("ke_hoach",),
    "tb": ("thong_bao",),
    "ctr": ("chuong_trinh",),
    "nd": ("nghi_dinh",),
    "tt": ("thong_tu",),
}
# Document type names as typed, folded.
TYPE_NAMES = {
    "chi thi": "chi_thi",
    "nghi quyet": "nghi_quyet",
    "ket luan": "ket_luan",
    "quy dinh": "quy_dinh",
    "quy che": "quy_che",
    "quyet dinh": "quyet_dinh",
    "huong dan": "huong_dan",
    "ke hoach": "ke_hoach",
    "thong bao": "thong_bao",
    "chuong trinh": "chuong_trinh",
    "nghi dinh": "nghi_dinh",
    "thong tu": "thong_tu",
    "luat": "luat",
    "cong van": "cong_van",
}

_NUMBER = r"(?P<number>\d{1,5}[a-z]?)"
_ABBREVIATION = "|".join(sorted(ABBREVIATIONS, key=len, reverse=True))
_CODE_RE = re.compile(
    rf"(?<![\w.]){_NUMBER}(?:\s*[-/]\s*|\s+)(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?"
    rf"(?P<symbol>(?:{_ABBREVIATION})(?:\s*[-/]\s*[a-z0-9]+)*)(?!\w)"
)
_ABBREVIATION_FIRST_RE = re.compile(
    rf"(?<!\w)(?P<abbreviation>{_ABBREVIATION})\s*[-/.:]?\s*(?:so\s*)?{_NUMBER}(?![\w/-])"
)
_TYPE_FIRST_RE = re.compile(
    rf"(?<!\w)(?P<type>{'|'.join(TYPE_NAMES)})\s+(?:so\s*)?[:.]?\s*{_NUMBER}(?!\w)"
)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class DirectiveReference:
    """A directive named in the query: its number, maybe its symbol, type and year."""

    number_key: str
    symbol_key: str = ""
    doc_types: tuple[str, ...] = ()
    year: int | None = None


@dataclass(frozen=True)
class ParsedQuery:
    text: str = ""
    terms: tuple[str, ...] = ()
    prefix: bool = False
    directive: DirectiveReference | None = None
    problem: str = ""
    notices: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_searchable(self) -> bool:
        return bool(self.terms) and not self.problem

    @property
    def has_diacritics(self) -> bool:
        """Typed with Vietnamese marks, so exact (accented) matches rank first."""
        return fold(self.text) != self.text.lower()

    @property
    def phrase(self) -> str:
        """The words as typed, lower case, single-spaced: what an exact match contains."""
        return " ".join(re.findall(r"[^\W_]+", self.text.lower()))

    def variants(self):
        """For each term, the words that count as it (see term_variants())."""
        return [term_variants(term) for term in self.terms]

    def tsquery(self) -> str:
        """A to_tsquery() text built from the words only: 'tre' & 'em' & ('5' | '05') & 'giam':*."""
        parts = []
        for position, variants in enumerate(self.variants()):
            suffix = ":*" if self.prefix and position == len(self.terms) - 1 else ""
            alternatives = [f"'{variant}'{suffix}" for variant in variants]
            parts.append(
                alternatives[0] if len(alternatives) == 1 else f"({' | '.join(alternatives)})"
            )
        return " & ".join(parts)


def term_variants(term: str) -> tuple[str, ...]:
    """Small numbers are written with and without a leading zero: "Chỉ thị 5" is
    "05-CT/TW", "tháng 5" is "tháng 05"."""
    if not term.isdigit() or len(term) > 3:
        return (term,)
    bare = term.lstrip("0") or "0"
    return tuple(dict.fromkeys([term, bare, bare.zfill(2)]))


def clean_text(raw) -> str:
    """The query as a reader meant it: control characters, surrogates and invisible
    characters gone, NFC, one space between words."""
    text = str(raw or "")
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cc", "Zl", "Zp") or ch.isspace():
            kept.append(" ")
        elif category not in ("Cs", "Cf", "Co", "Cn"):
            kept.append(ch)
    return _SPACES.sub(" ", unicodedata.normalize("NFC", "".join(kept))).strip()


def parse_query(raw) -> ParsedQuery:
    text = clean_text(raw)
    notices = []
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rstrip()
        notices.append(TRUNCATED_NOTICE)
    if not text:
        return ParsedQuery(problem=EMPTY_MESSAGE, notices=tuple(notices))
    found = _search_words(text)
    if not found:
        return ParsedQuery(text=text, problem=PUNCTUATION_MESSAGE, notices=tuple(notices))
    if len("".join(found)) < MIN_QUERY_LENGTH:
        return ParsedQuery(text=text, problem=SHORT_MESSAGE, notices=tuple(notices))
    terms = tuple(dict.fromkeys(found))
    if len(terms) > MAX_TERMS:
        terms = terms[:MAX_TERMS]
        notices.append(TOO_MANY_TERMS_NOTICE)
    last = terms[-1]
    # Only the word the reader was typing when they pressed Enter, not one closed by a
    # space or punctuation, and not a number ("20" must not find "2012").
    prefix = (
        last == found[-1] and text[-1].isalnum()
        and len(last) >= PREFIX_MIN_LENGTH and not last.isdigit()
    )
    return ParsedQuery(
        text=text, terms=terms, prefix=prefix, directive=find_directive_reference(text),
        notices=tuple(notices),
    )


def _search_words(text: str) -> list[str]:
    """Folded words, without the "số" of "số 20": directives are cited with and without it."""
    found = words(text)
    return [
        word for position, word in enumerate(found)
        if not (word == "so" and position + 1 < len(found) and found[position + 1][0].isdigit())
    ]


def find_directive_reference(text: str) -> DirectiveReference | None:
    folded = fold(text)
    code = _CODE_RE.search(folded)
    typed = _TYPE_FIRST_RE.search(folded)
    if code:
        symbol = code["symbol"]
        abbreviation = re.match(r"[a-z]+", symbol)[0]
        doc_types = ABBREVIATIONS.get(abbreviation, ())
        if typed and number_key(typed["number"]) == number_key(code["number"]):
            doc_types = (TYPE_NAMES[typed["type"]],)
        return DirectiveReference(
            number_key=number_key(code["number"]),
            symbol_key=symbol_key(symbol),
            doc_types=doc_types,
            year=int(code["year"]) if code["year"] else None,
        )
    if typed:
        return DirectiveReference(
            number_key=number_key(typed["number"]), doc_types=(TYPE_NAMES[typed["type"]],)
        )
    if abbreviated := _ABBREVIATION_FIRST_RE.search(folded):
        abbreviation = abbreviated["abbreviation"]
        return DirectiveReference(
            number_key=number_key(abbreviated["number"]),
            symbol_key=symbol_key(abbreviation),
            doc_types=ABBREVIATIONS[abbreviation],
        )
    return None


# -- matching a folded search_document ------------------------------------------------


def needles(parsed: ParsedQuery) -> list[tuple[str, ...]]:
    """For each term, the strings one of which a space-padded folded document must contain."""
    found = []
    for position, variants in enumerate(parsed.variants()):
        is_prefix = parsed.prefix and position == len(parsed.terms) - 1
        found.append(tuple(f" {word}" if is_prefix else f" {word} " for word in variants))
    return found


def document_condition(parsed: ParsedQuery) -> Q:
    """Every term as a whole word of search_document (the last one may be a prefix)."""
    condition = Q()
    for alternatives in needles(parsed):
        either = Q()
        for needle in alternatives:
            either |= Q(search_document__contains=needle)
        condition &= either
    return condition
