"""One folding rule (core.text.strip_diacritics) for every place that compares Vietnamese
text without its marks: slugs, search documents, directive matching, the importer and the
admin's search. Property tests over every Vietnamese letter, written precomposed,
decomposed (NFD) or with the legacy eth letter (Ð, U+00D0) that text converted from old
encodings carries instead of Đ. The database's side of the admin's search (patterns made
from the rule) is checked against it in tests/core/test_folded_match.py."""

import unicodedata

import pytest
from factories import DirectiveFactory
from hypothesis import given, settings
from hypothesis import strategies as st

from core.folded_match import fold as admin_search_fold
from core.text import strip_diacritics, vietnamese_slugify
from news.directive_links import _fold, find_directive_mentions
from news.importer.text_tools import fold as importer_fold
from news.search_document import fold as search_fold
from news.search_document import normalize

BASES = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # huyền, sắc, hỏi, ngã, nặng
LETTERS = sorted(
    {unicodedata.normalize("NFC", base + tone) for base in BASES for tone in TONES}
    | set("bcdghklmnpqrstvx") | {"đ"}
)
VIETNAMESE_LETTERS = LETTERS + [letter.upper() for letter in LETTERS] + ["ð", "Ð"]


def spellings(text: str) -> list[str]:
    """The same words as an editor, an old portal or another keyboard may have typed them."""
    return [
        text,
        unicodedata.normalize("NFD", text),
        text.replace("Đ", "Ð").replace("đ", "ð"),
        unicodedata.normalize("NFD", text.replace("Đ", "Ð")),
    ]


words = st.lists(
    st.text(alphabet=st.sampled_from(VIETNAMESE_LETTERS), min_size=1, max_size=8),
    min_size=1, max_size=6,
).map(" ".join)


def test_every_vietnamese_letter_folds_to_one_ascii_letter():
    for letter in VIETNAMESE_LETTERS:
        for written in spellings(letter):
            folded = strip_diacritics(written)
            assert len(folded) == 1, (letter, written)
            assert folded.isascii(), (letter, written)
            assert folded.isalpha(), (letter, written)
            assert _fold(written)[0] == folded


@settings(max_examples=300, deadline=None)
@given(words)
def test_slugs_search_directive_matching_and_the_importer_agree(text):
    expected = strip_diacritics(unicodedata.normalize("NFC", text)).lower()
    for written in spellings(text):
        assert _fold(written)[0].lower() == expected
        assert search_fold(written) == expected
        assert admin_search_fold(written) == expected
        assert importer_fold(written) == expected
        assert normalize(written) == expected
        assert vietnamese_slugify(written, max_length=400) == expected.replace(" ", "-")


@pytest.mark.parametrize("written", spellings("Thực hiện Nghị Định số 42/2022/NĐ-CP của Chính phủ"))
def test_a_directive_is_found_however_its_type_is_spelled(written):
    mentions = find_directive_mentions(written)
    assert [(m.number, m.year, m.doc_type) for m in mentions] == [("42", 2022, "nghi_dinh")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    [
        "học tập và làm theo",
        "hoc tap lam theo",
        "HOC TAP va lam theo",
        unicodedata.normalize("NFD", "Học tập làm theo"),
        "phong cach ho chi",
    ],
)
def test_the_directive_library_and_the_admin_find_words_typed_without_marks(
    client, superuser, typed
):
    found = DirectiveFactory(
        title="Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    )
    other = DirectiveFactory(title="Về tăng cường công tác bảo vệ môi trường")

    library = client.get("/van-ban/", {"q": typed})
    client.force_login(superuser)
    admin = client.get("/admin/news/directive/", {"q": typed})

    assert list(library.context["directives"]) == [found]
    assert set(admin.context["cl"].result_list) == {found}
    assert other.pk not in {directive.pk for directive in admin.context["cl"].result_list}
