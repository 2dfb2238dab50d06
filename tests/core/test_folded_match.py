"""The database matches text as the one folding rule says (core/folded_match.py).

fold(column) contains fold(word), with fold = strip_diacritics then lower(): the
pattern the database runs must find exactly the rows Python's rule finds, on PostgreSQL
and SQLite alike, for every Vietnamese letter written precomposed, decomposed (NFD),
with the legacy eth (Ð), upper or lower case, and for every Latin letter with a mark.
"""

import random
import unicodedata

import pytest
from factories import MenuFactory
from test_folding import VIETNAMESE_LETTERS, spellings

from core.folded_match import clean_term, fold, folded_pattern
from pages.models import Menu

pytestmark = pytest.mark.django_db

LATIN_WITH_MARKS = [
    chr(code) for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
    if len(fold(chr(code))) == 1
]


def stored(texts) -> dict[int, str]:
    """The texts as rows of a table with a text column, by primary key."""
    menus = Menu.objects.bulk_create(
        MenuFactory.build(name=text, slug=f"m-{position}") for position, text in enumerate(texts)
    )
    return {menu.pk: menu.name for menu in menus}


def found_by_database(word, **mode) -> set[int]:
    return set(Menu.objects.filter(name__regex=folded_pattern(word, **mode)).values_list(
        "pk", flat=True
    ))


def found_by_rule(rows, word, *, start=False, whole=False) -> set[int]:
    needle = fold(word)
    if whole:
        return {pk for pk, text in rows.items() if fold(text) == needle}
    if start:
        return {pk for pk, text in rows.items() if fold(text).startswith(needle)}
    return {pk for pk, text in rows.items() if needle in fold(text)}


def test_every_vietnamese_letter_in_every_spelling_is_found_by_its_folded_letter():
    rows = stored(
        dict.fromkeys(written for letter in VIETNAMESE_LETTERS for written in spellings(letter))
    )
    targets = sorted({fold(text) for text in rows.values()})
    assert set(targets) == set("abcdeghiklmnopqrstuvxy")
    for target in targets:
        expected = found_by_rule(rows, target)
        assert found_by_database(target) == expected, target
        # Typed upper case or with a mark, the word folds the same way.
        assert found_by_database(target.upper()) == expected, target
    for letter in VIETNAMESE_LETTERS:
        assert found_by_database(letter) == found_by_rule(rows, letter), letter


def test_every_latin_letter_with_a_mark_is_found_as_the_rule_folds_it():
    rows = stored(LATIN_WITH_MARKS)
    for target in sorted({fold(text) for text in rows.values()}):
        assert found_by_database(target) == found_by_rule(rows, target), target


SAMPLE_WORDS = [
    "Khối", "các", "cơ", "quan", "Đảng", "tỉnh", "Tuyên", "giáo", "Đoàn", "Thanh", "niên",
    "ủy", "ban", "HỘI", "nghị", "quán", "triệt", "Nghị", "quyết", "số", "20-CT/TW", "Bến",
    "Tre", "Ðà", "Nẵng", "người", "dân", "trẻ", "em", "tư", "tưởng",
]


def _text(generator) -> str:
    words = generator.sample(SAMPLE_WORDS, generator.randint(1, 6))
    text = " ".join(words)
    return generator.choice(spellings(text))


def test_random_titles_and_words_agree_with_the_rule_in_every_mode():
    generator = random.Random(20251201)
    rows = stored(_text(generator) for _ in range(300))
    folded_texts = [fold(text) for text in rows.values()]
    words = [*SAMPLE_WORDS, *(word.lower() for word in SAMPLE_WORDS)]
    words += [fold(word) for word in SAMPLE_WORDS]
    for _ in range(40):
        text = generator.choice(folded_texts)
        start = generator.randrange(len(text))
        words.append(text[start:start + generator.randint(2, 12)])
    for word in words:
        for mode in ({}, {"start": True}, {"whole": True}):
            assert found_by_database(word, **mode) == found_by_rule(rows, word, **mode), (
                word, mode,
            )


def test_characters_that_are_special_in_patterns_or_like_are_plain_characters():
    rows = stored(["100% đạt", "a_b", "a\\b", "[x]", "^đầu$", "(1)", "a.b", "a*b", "😀 vui"])
    for word in ["%", "_", "\\", "[", "]", "^", "$", "(", ")", ".", "*", "😀", "100% dat",
                 "dau$", "VUI"]:
        assert found_by_database(word) == found_by_rule(rows, word), word


def test_a_word_of_only_marks_is_no_word():
    assert folded_pattern(unicodedata.normalize("NFD", "\u0301\u0323")) is None
    assert folded_pattern("") is None


def test_clean_term_drops_what_no_stored_text_holds():
    assert clean_term("a\x00b\u200bc\ud800d\ue000e") == "a bcde"
