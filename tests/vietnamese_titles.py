"""Titles that slugs are tested on, with the slug each must give (at the default length,
80, unless the slug is None: long titles, whose slugs depend on the length).

Used by the server's table test (tests/core/test_text.py) and by the browser's
(tests/e2e/test_slug_browser.py), which types each title into the admin and compares
the slug box with core.text.vietnamese_slugify() of the same text.
"""

import unicodedata

# Each vowel with no tone and the five tones (ngang, huyền, sắc, hỏi, ngã, nặng).
VOWELS = {
    "a": "a à á ả ã ạ",
    "ă": "ă ằ ắ ẳ ẵ ặ",
    "â": "â ầ ấ ẩ ẫ ậ",
    "e": "e è é ẻ ẽ ẹ",
    "ê": "ê ề ế ể ễ ệ",
    "i": "i ì í ỉ ĩ ị",
    "o": "o ò ó ỏ õ ọ",
    "ô": "ô ồ ố ổ ỗ ộ",
    "ơ": "ơ ờ ớ ở ỡ ợ",
    "u": "u ù ú ủ ũ ụ",
    "ư": "ư ừ ứ ử ữ ự",
    "y": "y ỳ ý ỷ ỹ ỵ",
}
BASE_LETTER = {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u"}

# Every Vietnamese letter on its own, lower and upper case: (letter, its slug).
LETTERS = [
    *(
        (letter, BASE_LETTER.get(vowel, vowel))
        for vowel, letters in VOWELS.items()
        for letter in letters.split()
    ),
    ("đ", "d"),
    ("ð", "d"),  # eth, which old encodings leave in place of đ
]
LETTERS += [(letter.upper(), slug) for letter, slug in LETTERS]
assert len({letter for letter, _ in LETTERS}) == 12 * 6 * 2 + 4

BOARD = "Ban Tuyên giáo và Dân vận Tỉnh ủy triển khai nhiệm vụ công tác năm 2026"
# 217 characters (274 decomposed, still within the 300-character title); slug 214.
LONG = (
    "Hội nghị Ban Chấp hành Đảng bộ tỉnh quán triệt, triển khai Nghị quyết Hội nghị lần "
    "thứ mười một Ban Chấp hành Trung ương Đảng khóa XIII về xây dựng, chỉnh đốn Đảng và "
    "hệ thống chính trị trong sạch, vững mạnh 2026–2030"
)

TITLES = [
    (BOARD, "ban-tuyen-giao-va-dan-van-tinh-uy-trien-khai-nhiem-vu-cong-tac-nam-2026"),
    # Every vowel with every tone, in one title, lower and upper case.
    (" ".join(VOWELS.values()), None),
    (" ".join(VOWELS.values()).upper(), None),
    *(
        (f"{letters} {letters.upper()}", "-".join([BASE_LETTER.get(vowel, vowel)] * 12))
        for vowel, letters in VOWELS.items()
    ),
    ("Đảng bộ Đoàn khối đồng chí Đỗ Đức Định", "dang-bo-doan-khoi-dong-chi-do-duc-dinh"),
    ("ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", "dang-uy-khoi-co-quan-va-doanh-nghiep-tinh"),
    ("BaN cHấP hÀnH ĐoÀn TỉNh", "ban-chap-hanh-doan-tinh"),
    # Text converted from an old encoding: eth in place of đ/Đ.
    ("Ðoàn Thanh niên Ðảng bộ ðồng chí Ðinh", "doan-thanh-nien-dang-bo-dong-chi-dinh"),
    # Decomposed (NFD) input: letters followed by combining marks.
    (unicodedata.normalize("NFD", BOARD),
     "ban-tuyen-giao-va-dan-van-tinh-uy-trien-khai-nhiem-vu-cong-tac-nam-2026"),
    (unicodedata.normalize("NFD", "ĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH"),
     "doan-thanh-nien-cong-san-ho-chi-minh"),
    # Half-composed, as some keyboards and old converters type it: ê + acute, ơ + hook.
    ("Tiê\u0301ng Việt, Ngươ\u0300i dân", "tieng-viet-nguoi-dan"),
    # The legacy Vietnamese tone marks U+0340/U+0341.
    ("Vie\u0323\u0302t Nam qua\u0341 đe\u0340p", "viet-nam-qua-dep"),
    # Punctuation, quotes, dashes, digits.
    ("Chỉ thị số 20-CT/TW: “Về tăng cường…”! (ngày 5/1/2023)",
     "chi-thi-so-20-ct-tw-ve-tang-cuong-ngay-5-1-2023"),
    ("Hỏi – đáp về Điều lệ Đảng?", "hoi-dap-ve-dieu-le-dang"),
    ("Kỷ niệm 95 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh (26/3/1931 – 26/3/2026)",
     "ky-niem-95-nam-ngay-thanh-lap-doan-tncs-ho-chi-minh-26-3-1931-26-3-2026"),
    ("Nhiệm kỳ 2020–2025, 57\u2011NQ/TW & Kết luận số 14-KL/TW",
     "nhiem-ky-2020-2025-57-nq-tw-ket-luan-so-14-kl-tw"),
    ("'Tuổi trẻ' — \"xung kích\", [tình nguyện]; {vì} cộng đồng.",
     "tuoi-tre-xung-kich-tinh-nguyen-vi-cong-dong"),
    # Several spaces, tabs and odd spaces.
    ("  Tỉnh   Đoàn \t giám    sát  ", "tinh-doan-giam-sat"),
    ("Tết\u00a0Nguyên\u2003đán\u3000Bính Ngọ", "tet-nguyen-dan-binh-ngo"),
    # Invisible characters pasted from Word, full-width letters, emoji.
    ("Thanh\u00adniên tình\u200bnguyện", "thanhnien-tinhnguyen"),
    ("Ｔỉnh Ｄoàn ２０２６", "tinh-doan-2026"),  # noqa: RUF001 (full-width on purpose)
    ("🎉 Chào mừng 🇻🇳 Quốc khánh 2/9 🎆", "chao-mung-quoc-khanh-2-9"),
    # A mark without a combining class (Devanagari visarga) is dropped like the others.
    ("Đoàn\u0903viên", "doanvien"),
    ("!!! ??? …", ""),
    # Very long titles: cut at a word boundary within the field, or inside a long word.
    (LONG, None),
    (LONG.upper(), None),
    (unicodedata.normalize("NFD", LONG), None),
    ("Nghiêng" * 40, None),
    ("Đoàn " + "Nghiêng" * 40, None),
]
