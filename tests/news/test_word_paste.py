"""Text pasted from Microsoft Word (tests/data/word/, as Word puts it on the clipboard) is
saved as plain HTML: headings, paragraphs, bold and italic, lists, tables and links kept;
Word's written-out bullets, conditionals, classes, fonts, colours, <o:p> and empty
paragraphs gone (core/word_html.py through core.sanitize.clean_html, on every save)."""

from pathlib import Path

import pytest
from factories import ArticleFactory

from core.sanitize import clean_html
from news.models import Article

WORD = Path(__file__).resolve().parent.parent / "data" / "word"


def sample(name: str) -> str:
    return (WORD / name).read_text(encoding="utf-8", errors="strict")


ARTICLE = (
    "<h2>Đại hội Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre lần thứ XI</h2>"
    "<p>Sáng 5/12, tại Hội trường Tỉnh ủy, <strong>Đại hội đại biểu Đoàn TNCS Hồ Chí Minh "
    "tỉnh</strong> lần thứ XI, nhiệm kỳ 2027 – 2032 đã khai mạc với sự tham dự của 300 đại "
    "biểu chính thức.</p>"
    "<h3>Những chỉ tiêu chính</h3>"
    "<ul>"
    "<li>Mỗi năm kết nạp ít nhất <em>5.000 đoàn viên mới</em>;"
    "<ul><li>trong đó 60% là học sinh, sinh viên;"
    "<ul><li>ưu tiên các trường nghề;</li></ul>"
    "</li></ul>"
    "</li>"
    "<li>100% cơ sở Đoàn tổ chức sinh hoạt chuyên đề “Tuổi trẻ Bến Tre học tập và làm theo "
    "lời Bác”.</li>"
    "</ul>"
    '<p>Xem toàn văn báo cáo chính trị <a href="https://tinhdoanbentre.vn/dai-hoi-xi/'
    'bao-cao-chinh-tri" rel="noopener noreferrer">tại đây</a>.</p>'
    '<p style="text-align:right"><strong><em>Minh Thư</em></strong></p>'
)

NUMBERED_LIST_AND_TABLE = (
    "<p><strong>Kế hoạch triển khai Tháng Thanh niên năm 2027</strong></p>"
    "<ol>"
    "<li>Ra quân đồng loạt ngày 26/3;</li>"
    "<li>Tổ chức <u>Ngày chủ nhật xanh</u> tại 157 xã, phường;</li>"
    "<li>Tổng kết trước ngày 30/4.</li>"
    "</ol>"
    "<table><tbody>"
    "<tr><td><strong>Đơn vị</strong></td><td><strong>Số đoàn viên tham gia</strong></td></tr>"
    "<tr><td>Thành Đoàn Bến Tre</td><td>1.250</td></tr>"
    "<tr><td>Huyện Đoàn Châu Thành</td><td>980</td></tr>"
    "</tbody></table>"
    '<p>Nguồn: <a href="https://tinhdoanbentre.vn/thang-thanh-nien" '
    'rel="noopener noreferrer">Tỉnh Đoàn Bến Tre</a></p>'
)

FRAGMENT = (
    "<p>Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy:</p>"
    "<ul>"
    "<li>Quán triệt <strong>Chỉ thị số 35-CT/TW</strong> đến từng chi bộ;</li>"
    "<li>Báo cáo kết quả về Ban Tổ chức Tỉnh ủy trước ngày 15/01/2027.</li>"
    "</ul>"
    '<p style="text-align:center"><em>(Trích Công văn số 1234-CV/TU)</em></p>'
)

SAMPLES = [
    ("article.html", ARTICLE),
    ("numbered-list-and-table.html", NUMBERED_LIST_AND_TABLE),
    ("fragment-comment-markers.html", FRAGMENT),
]


@pytest.mark.parametrize(("name", "expected"), SAMPLES)
def test_a_word_paste_is_saved_as_plain_html(name, expected):
    assert clean_html(sample(name)) == expected


@pytest.mark.parametrize(("name", "expected"), SAMPLES)
def test_nothing_of_words_markup_is_left(name, expected):
    cleaned = clean_html(sample(name))
    for leftover in ("class=", "Mso", "mso-", "font", "color", "<o:p", "<span", "<div",
                     "lang=", "&nbsp;", "\xa0", "<!", "[if", "endif", "·", "§", "<b>", "<i>",
                     "<p></p>", "\r", "\n"):
        assert leftover not in cleaned, leftover
    # The only style left is a centred or right-aligned line.
    assert cleaned.count("style=") == expected.count('style="text-align:')


@pytest.mark.parametrize(("name", "expected"), SAMPLES)
def test_a_cleaned_paste_stays_the_same_when_saved_again(name, expected):
    assert clean_html(clean_html(sample(name))) == expected


def test_the_courier_o_bullet_of_a_second_level_goes_but_a_word_o_stays():
    html = (
        "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'>"
        "<![if !supportLists]><span style='font-family:\"Courier New\"'>"
        "<span style='mso-list:Ignore'>o<span style='font:7.0pt \"Times New Roman\"'>"
        "&nbsp;&nbsp; </span></span></span><![endif]>o đây là chữ o đầu dòng</p>"
    )
    assert clean_html(html) == "<ul><li>o đây là chữ o đầu dòng</li></ul>"


def test_list_markers_without_the_conditional_around_them():
    """Word for Mac writes the marker in a mso-list:Ignore span only."""
    html = (
        "<p class=MsoListParagraph style='margin-left:36pt;text-indent:-18pt;"
        "mso-list:l0 level1 lfo1'><span style='font-family:Symbol'>"
        "<span style='mso-list:Ignore'>·<span style='font:7.0pt \"Times New Roman\"'>"
        "&nbsp;&nbsp;&nbsp; </span></span></span>Đoàn viên</p>"
        "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'>"
        "<span style='mso-list:Ignore'>a)<span style='font:7.0pt'>&nbsp;</span></span>"
        "Thanh niên</p>"
    )
    # A change of kind at the same level starts a new list.
    assert clean_html(html) == "<ul><li>Đoàn viên</li></ul><ol><li>Thanh niên</li></ol>"


def test_a_paragraph_between_two_lists_keeps_them_apart():
    item = (
        "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
        "<span style='mso-list:Ignore'>·<span>&nbsp; </span></span><![endif]>{}</p>"
    )
    html = item.format("Một") + "<p class=MsoNormal>Giữa</p>" + item.format("Hai")
    assert clean_html(html) == "<ul><li>Một</li></ul><p>Giữa</p><ul><li>Hai</li></ul>"


def test_a_word_paste_is_still_sanitised():
    html = (
        "<p class=MsoNormal><a href=\"javascript:alert(1)\">bấm</a>"
        "<img src=x onerror=alert(1)><o:p></o:p></p>"
        "<![if !supportLists]><script>alert(2)</script><![endif]>"
        "<p class=MsoNormal>&lt;script&gt;alert(3)&lt;/script&gt;</p>"
    )
    cleaned = clean_html(html)
    assert "javascript" not in cleaned
    assert "onerror" not in cleaned
    assert "<script" not in cleaned
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in cleaned


def test_an_image_from_the_authors_computer_is_dropped_not_left_empty():
    html = (
        "<p class=MsoNormal><!--[if gte vml 1]><v:shape style='width:300pt'>"
        "<v:imagedata src=\"file:///C:/Users/A/clip_image001.jpg\"/></v:shape><![endif]-->"
        "<![if !vml]><img width=400 height=300 src=\"file:///C:/Users/A/clip_image002.jpg\" "
        "v:shapes=\"Picture_x0020_1\"><![endif]>Ảnh hội nghị</p>"
    )
    assert clean_html(html) == "<p>Ảnh hội nghị</p>"


def test_text_not_from_word_is_left_as_it_was():
    """CKEditor's own markup: an empty paragraph on purpose (inside the text: those before
    and after it go), a coloured span, a figure's classes and width are the allow-list's
    business only."""
    html = (
        "<p>Mở đầu.</p><p>&nbsp;</p>"
        '<p><span style="color:#c00000;">Đỏ</span></p>'
        '<figure class="image image-style-side" style="width:50%;"><img src="/media/a.jpg" '
        'alt="Ảnh"><figcaption>Chú thích</figcaption></figure>'
        "<p><b>đậm</b> <i>nghiêng</i></p>"
    )
    cleaned = clean_html(html)
    assert cleaned.startswith(
        '<p>Mở đầu.</p><p>&nbsp;</p><p><span style="color:#c00000">Đỏ</span></p>'
    )
    assert '<figure class="image image-style-side" style="width:50%">' in cleaned
    assert "<b>đậm</b> <i>nghiêng</i>" in cleaned


def test_a_figure_beside_a_word_paste_keeps_its_classes_and_size():
    html = (
        '<figure class="image image-style-side" style="width:50%;"><img src="/media/a.jpg" '
        'alt="Ảnh"><figcaption>Chú thích</figcaption></figure>'
        "<p class=MsoNormal style='color:red'>Đoạn từ Word<o:p></o:p></p>"
    )
    assert clean_html(html) == (
        '<figure class="image image-style-side" style="width:50%"><img src="/media/a.jpg" '
        'alt="Ảnh" loading="lazy" decoding="async"><figcaption>Chú thích</figcaption></figure>'
        "<p>Đoạn từ Word</p>"
    )


@pytest.mark.django_db
def test_an_article_body_pasted_from_word_is_saved_clean():
    article = ArticleFactory(body="<p>Nháp</p>")
    article.body = sample("article.html")
    article.save()
    article.refresh_from_db()
    assert article.body == ARTICLE
    Article.objects.filter(pk=article.pk).update(body=sample("fragment-comment-markers.html"))
    article.refresh_from_db()
    assert article.body == FRAGMENT
