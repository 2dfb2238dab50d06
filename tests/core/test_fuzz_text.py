"""Property-based tests: the slug function and the directive-number parser take any
Unicode an editor, an importer or a URL can throw at them without an unexpected
exception, and keep their promises on it."""

import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.text import vietnamese_slugify
from news.directive_numbers import (
    ADMINISTRATIVE,
    PARTY,
    STATE,
    DocumentNumber,
    number_key,
    parse_code,
    symbol_key,
)

FUZZ = settings(max_examples=400, deadline=None, database=None)

SLUG = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$")
VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
vietnamese_text = st.text(
    alphabet=st.sampled_from(VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + " 0123456789-"),
    max_size=120,
)
# Anything, including surrogates' neighbours, combining marks, format characters, emoji.
any_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=200)


# vietnamese_slugify -------------------------------------------------------------------


@FUZZ
@given(text=any_text, max_length=st.integers(min_value=1, max_value=120))
@example(text="\u00ad\u200b\ufeff", max_length=5)
@example(text="Ǆ ǅ ǆ İ ß ﬁ Ⅻ ① ＡＢＣ", max_length=80)  # noqa: RUF001 (full-width on purpose)
@example(text="Đ" * 300, max_length=80)
def test_slug_of_anything_is_a_clean_slug_within_the_length(text, max_length):
    slug = vietnamese_slugify(text, max_length=max_length)
    assert SLUG.match(slug), slug
    assert len(slug) <= max_length


@FUZZ
@given(text=any_text)
def test_slugify_is_idempotent(text):
    slug = vietnamese_slugify(text)
    assert vietnamese_slugify(slug) == slug


@FUZZ
@given(text=any_text, max_length=st.integers(min_value=1, max_value=80))
def test_a_shorter_slug_is_the_start_of_the_long_one_cut_between_words(text, max_length):
    full = vietnamese_slugify(text, max_length=10_000)
    short = vietnamese_slugify(text, max_length=max_length)
    assert full.startswith(short)
    if short and len(short) < len(full) and "-" in full[: max_length + 1]:
        assert full[len(short)] == "-", "cut inside a word although a word break was in reach"


@FUZZ
@given(text=vietnamese_text)
def test_composed_and_decomposed_spellings_give_the_same_slug(text):
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    assert vietnamese_slugify(nfc) == vietnamese_slugify(nfd)


@FUZZ
@given(text=vietnamese_text)
def test_vietnamese_letters_keep_their_base_letter_whatever_the_case(text):
    slug = vietnamese_slugify(text, max_length=10_000)
    assert slug == vietnamese_slugify(text.upper(), max_length=10_000)
    words = [w for w in re.split(r"[\s\-]+", text) if w]
    assert slug.count("-") == max(len(words) - 1, 0)


# parse_code ---------------------------------------------------------------------------


@FUZZ
@given(text=any_text)
@example(text="Số: 20-CT/TW")
@example(text="9999999999999999999999/2020/NĐ-CP")
@example(text="0/1900/\u0301")
def test_parse_code_never_raises_and_its_result_reads_back(text):
    parsed = parse_code(text)
    if parsed is None:
        return
    assert isinstance(parsed, DocumentNumber)
    assert parsed.numbering in (PARTY, STATE, ADMINISTRATIVE)
    assert parse_code(str(parsed)) == parsed, "the formatted code parses to the same document"
    assert re.fullmatch(r"[A-Z0-9]*", parsed.symbol_key)
    assert parsed.number_key == parsed.number_key.strip()


@FUZZ
@given(text=any_text)
def test_keys_never_raise(text):
    assert re.fullmatch(r"[A-Z0-9]*", symbol_key(text))
    assert number_key(text)


SYMBOL_WORDS = st.sampled_from(
    ["CT", "NQ", "QĐ", "QĐi", "KL", "HD", "TB", "TW", "TU", "BCH", "UBND"]
)
DASHES = st.sampled_from(["-", "\u2010", "\u2011", "\u2013", "\u2014", "\u2212"])
SPACES = st.sampled_from(["", " ", "  ", "\u00a0", "\t"])


@st.composite
def typed_party_code(draw):
    """A Party code as people type it: odd spaces, any dash, 'Số:' in front, NFD text."""
    number = draw(st.integers(min_value=1, max_value=9999))
    padded = draw(st.sampled_from([str(number), f"{number:02d}", f"{number:03d}"]))
    first, second = draw(SYMBOL_WORDS), draw(SYMBOL_WORDS)
    space = draw(SPACES)
    text = f"{padded}{space}{draw(DASHES)}{space}{first}{space}/{space}{second}"
    if draw(st.booleans()):
        text = f"Số: {text}"
    form = draw(st.sampled_from(["NFC", "NFD"]))
    return unicodedata.normalize(form, text), str(number), f"{first}/{second}"


@FUZZ
@given(code=typed_party_code())
def test_party_codes_are_recognised_however_they_are_typed(code):
    text, number, symbol = code
    parsed = parse_code(text)
    assert parsed is not None, text
    assert parsed.numbering == PARTY
    assert parsed.number_key == number_key(number)
    assert parsed.symbol_key == symbol_key(symbol)


@FUZZ
@given(
    number=st.integers(min_value=1, max_value=999),
    year=st.integers(min_value=1945, max_value=2099),
    issuer=st.sampled_from(["NĐ-CP", "TT-BNV", "QĐ-TTg", "L-CTN"]),
    space=SPACES,
)
def test_state_codes_carry_their_year(number, year, issuer, space):
    parsed = parse_code(f"{number}{space}/{space}{year}{space}/{space}{issuer}")
    assert parsed is not None
    assert parsed.numbering == STATE
    assert parsed.year == year
    assert parsed.symbol_key == symbol_key(issuer)
