"""Vietnamese slugs: đ/Đ, every tone, punctuation, length and collisions (their stability
once an article is published: tests/news/test_article_slugs.py)."""

import re
import unicodedata

import pytest
from django.contrib import admin
from factories import ArticleFactory, CategoryFactory, OrganizationFactory
from hypothesis import given
from hypothesis import strategies as st
from vietnamese_titles import LETTERS, LONG, TITLES

from core.text import strip_diacritics, truncate_slug, unique_slug, vietnamese_slugify
from news.models import Article

SLUG_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Tỉnh Đoàn giám sát", "tinh-doan-giam-sat"),
        ("đoàn đội đảng", "doan-doi-dang"),
        ("ĐẢNG BỘ ĐOÀN KHỐI", "dang-bo-doan-khoi"),
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "ban-tuyen-giao-va-dan-van-tinh-uy"),
        ("BaN cHấP hÀnH ĐoÀn", "ban-chap-hanh-doan"),
        # The eth look-alike that old encodings leave in place of Đ.
        ("Ðà Nẵng và ðường phố", "da-nang-va-duong-pho"),
    ],
)
def test_d_with_stroke_and_mixed_case(title, slug):
    assert vietnamese_slugify(title) == slug


@pytest.mark.parametrize(
    ("letters", "base"),
    [
        ("a á à ả ã ạ ă ắ ằ ẳ ẵ ặ â ấ ầ ẩ ẫ ậ", "a"),
        ("e é è ẻ ẽ ẹ ê ế ề ể ễ ệ", "e"),
        ("i í ì ỉ ĩ ị", "i"),
        ("o ó ò ỏ õ ọ ô ố ồ ổ ỗ ộ ơ ớ ờ ở ỡ ợ", "o"),
        ("u ú ù ủ ũ ụ ư ứ ừ ử ữ ự", "u"),
        ("y ý ỳ ỷ ỹ ỵ", "y"),
    ],
)
def test_every_tone_and_vowel_mark_is_removed(letters, base):
    words = letters.split()
    expected = "-".join([base] * len(words))
    assert vietnamese_slugify(letters) == expected
    assert vietnamese_slugify(letters.upper()) == expected


@pytest.mark.parametrize(("letter", "slug"), LETTERS)
def test_every_vietnamese_letter_alone(letter, slug):
    assert vietnamese_slugify(letter) == slug
    assert vietnamese_slugify(unicodedata.normalize("NFD", letter)) == slug
    assert vietnamese_slugify(f"X{letter}X") == f"x{slug}x"


@pytest.mark.parametrize(
    ("title", "slug"), [(title, slug) for title, slug in TITLES if slug is not None]
)
def test_the_table_of_titles_the_browser_is_tested_on(title, slug):
    assert vietnamese_slugify(title) == slug
    assert vietnamese_slugify(unicodedata.normalize("NFD", title)) == slug
    assert vietnamese_slugify(unicodedata.normalize("NFC", title)) == slug


def test_a_long_title_is_cut_between_words_at_each_field_length():
    assert vietnamese_slugify(LONG, max_length=160) == (
        "hoi-nghi-ban-chap-hanh-dang-bo-tinh-quan-triet-trien-khai-nghi-quyet-hoi-nghi-lan-"
        "thu-muoi-mot-ban-chap-hanh-trung-uong-dang-khoa-xiii-ve-xay-dung-chinh-don"
    )
    assert vietnamese_slugify(LONG, max_length=120) == (
        "hoi-nghi-ban-chap-hanh-dang-bo-tinh-quan-triet-trien-khai-nghi-quyet-hoi-nghi-lan-"
        "thu-muoi-mot-ban-chap-hanh-trung-uong"
    )
    assert vietnamese_slugify("Nghiêng" * 40, max_length=160) == ("nghieng" * 40)[:160]
    assert vietnamese_slugify("Đoàn " + "Nghiêng" * 40, max_length=160) == "doan"


def test_marks_without_a_combining_class_are_dropped_too():
    """The browser drops every mark (\\p{M}); so does the server, not only the marks
    unicodedata.combining() knows (which left 'a-b' for these)."""
    assert vietnamese_slugify("a\u0903b") == "ab"  # Devanagari sign visarga (Mc)
    assert vietnamese_slugify("a\u20ddb") == "ab"  # combining enclosing circle (Me)
    assert vietnamese_slugify("a\u0e31b") == "ab"  # Thai mai han-akat (Mn, class 0)


def test_every_admin_with_a_slug_box_types_vietnamese_slugs(rf, superuser):
    """prepopulated_fields fill the box with static/js/vietnamese-slug.js, after urlify.js."""
    request = rf.get("/admin/")
    request.user = superuser
    with_slug_box = [
        model_admin for model_admin in admin.site._registry.values()
        if model_admin.get_prepopulated_fields(request)
    ]
    assert {type(model_admin).__name__ for model_admin in with_slug_box} >= {
        "ArticleAdmin", "CategoryAdmin", "OrganizationAdmin",
    }
    for model_admin in with_slug_box:
        scripts = [str(script) for script in model_admin.media._js]
        ours = [index for index, src in enumerate(scripts) if "js/vietnamese-slug.js" in src]
        urlify = [index for index, src in enumerate(scripts) if "admin/js/urlify.js" in src]
        assert ours and urlify and ours[0] > urlify[0], type(model_admin).__name__


def test_decomposed_input_gives_the_same_slug():
    title = "Nghị quyết về công tác dân vận"
    assert vietnamese_slugify(unicodedata.normalize("NFD", title)) == vietnamese_slugify(title)
    assert vietnamese_slugify(title) == "nghi-quyet-ve-cong-tac-dan-van"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Chỉ thị 20-CT/TW: “Về tăng cường…”!", "chi-thi-20-ct-tw-ve-tang-cuong"),
        ("Hỏi – đáp về Điều lệ Đảng?", "hoi-dap-ve-dieu-le-dang"),
        # Dashes, ellipses and no-break spaces without spaces around them still separate words.
        ("Nhiệm kỳ 2020–2025", "nhiem-ky-2020-2025"),
        ("Đại hội Đoàn—lần thứ XI", "dai-hoi-doan-lan-thu-xi"),
        ("Hà Nội…Huế", "ha-noi-hue"),
        ("Tết\u00a0Nguyên đán", "tet-nguyen-dan"),
        ("57\u2011NQ/TW", "57-nq-tw"),
        # Invisible format characters pasted from Word sit inside words.
        ("Thanh\u00adniên", "thanhnien"),
        ("  --Đoàn   viên--  ", "doan-vien"),
        ("Ａ２０２６", "a2026"),
        ("🎉 Chào mừng 🇻🇳 Quốc khánh 2/9 🎆", "chao-mung-quoc-khanh-2-9"),
        ("<script>alert('Đ')</script>", "script-alert-d-script"),
    ],
)
def test_punctuation_emoji_and_odd_spaces(title, slug):
    assert vietnamese_slugify(title) == slug


@pytest.mark.parametrize("title", ["", "   ", "!!! ??? …", "🎉🎉", "–—", "\u200b\u00ad"])
def test_titles_without_letters_give_an_empty_slug(title):
    assert vietnamese_slugify(title) == ""


def test_strip_diacritics_keeps_case_and_spacing():
    assert strip_diacritics("Tỉnh Đoàn Bến Tre") == "Tinh Doan Ben Tre"


def test_length_is_cut_at_a_word_boundary():
    title = "Tỉnh Đoàn giám sát công tác thanh niên"  # tinh-doan-giam-sat-cong-tac-thanh-nien
    assert vietnamese_slugify(title, max_length=20) == "tinh-doan-giam-sat"
    assert vietnamese_slugify(title, max_length=18) == "tinh-doan-giam-sat"
    assert vietnamese_slugify(title, max_length=19) == "tinh-doan-giam-sat"
    assert vietnamese_slugify(title, max_length=17) == "tinh-doan-giam"


def test_a_single_word_longer_than_the_limit_is_cut_hard():
    assert vietnamese_slugify("Nghiêngnghiêngnghiêng", max_length=8) == "nghiengn"
    assert truncate_slug("abc", 10) == "abc"


@given(st.text(max_size=300), st.integers(min_value=1, max_value=200))
def test_any_text_gives_a_well_formed_bounded_slug(text, max_length):
    slug = vietnamese_slugify(text, max_length=max_length)
    assert len(slug) <= max_length
    assert slug == "" or SLUG_SHAPE.match(slug)


# -- unique_slug and the models that use it -------------------------------------------------


@pytest.mark.django_db
def test_collisions_get_numbered_suffixes():
    slugs = [ArticleFactory(title="Tỉnh Đoàn giám sát").slug for _ in range(4)]
    assert slugs == [
        "tinh-doan-giam-sat", "tinh-doan-giam-sat-2", "tinh-doan-giam-sat-3", "tinh-doan-giam-sat-4",
    ]


@pytest.mark.django_db
def test_titles_differing_only_in_tones_and_case_collide():
    first = CategoryFactory(name="Đoàn Thanh niên")
    second = CategoryFactory(name="ĐOÀN THANH NIÊN")
    third = CategoryFactory(name="Doan thanh nien")
    assert [first.slug, second.slug, third.slug] == [
        "doan-thanh-nien", "doan-thanh-nien-2", "doan-thanh-nien-3",
    ]


@pytest.mark.django_db
def test_a_longer_slug_sharing_the_prefix_is_not_a_collision():
    ArticleFactory(title="Đoàn viên tiêu biểu")
    assert ArticleFactory(title="Đoàn viên").slug == "doan-vien"


@pytest.mark.django_db
def test_resaving_keeps_its_own_slug():
    article = ArticleFactory(title="Đoàn viên")
    assert unique_slug(article, article.title) == "doan-vien"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "field", "fallback"),
    [
        (ArticleFactory, "title", "bai-viet"),
        (CategoryFactory, "name", "chuyen-muc"),
        (OrganizationFactory, "name", "to-chuc"),
    ],
)
def test_titles_without_letters_fall_back_to_a_valid_unique_slug(factory, field, fallback):
    first = factory(**{field: "!!! 🎉 …"})
    second = factory(**{field: "???"})
    assert (first.slug, second.slug) == (fallback, f"{fallback}-2")


@pytest.mark.django_db
def test_long_titles_stay_within_the_field_and_at_word_boundaries():
    title = " ".join(["Đoàn viên thanh niên tình nguyện"] * 9)  # within the 300-character title
    max_length = Article._meta.get_field("slug").max_length
    first = ArticleFactory(title=title)
    second = ArticleFactory(title=title)
    assert len(first.slug) <= max_length and len(second.slug) <= max_length
    words = set(vietnamese_slugify(title, max_length=1000).split("-"))
    assert set(first.slug.split("-")) <= words
    assert second.slug.endswith("-2")
    assert set(second.slug.removesuffix("-2").split("-")) <= words


@pytest.mark.django_db
def test_shortened_base_with_suffix_does_not_hit_an_existing_slug():
    # 40 × "doan" is cut to 31 words to make room for "-2"; that slug is already taken.
    title = " ".join(["Đoàn"] * 40)
    taken = "-".join(["doan"] * 31) + "-2"
    ArticleFactory(title="Khác", slug=taken)
    first = ArticleFactory(title=title)
    second = ArticleFactory(title=title)
    assert second.slug not in (first.slug, taken)
    assert second.slug.endswith("-3")
    assert Article.objects.filter(slug=second.slug).count() == 1
