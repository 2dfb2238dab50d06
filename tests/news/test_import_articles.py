"""import_articles: the shared legacy samples, HTML pages, other layouts, bad files, dry runs."""

import re
import unicodedata
from datetime import date, datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from factories import CategoryFactory, DirectiveFactory, OrganizationFactory, image_bytes

from news.importer.service import Placement, import_file
from news.models import Article, Category, Directive, UnresolvedDirectiveReference

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "legacy"
TINH_DOAN = SAMPLES / "tinh-doan-hoi-nghi-can-bo.txt"
BAN_DAN_VAN = SAMPLES / "ban-dan-van-lam-viec.txt"

needs_samples = pytest.mark.skipif(
    not TINH_DOAN.exists(), reason=f"the shared legacy samples are not at {SAMPLES}"
)


@pytest.fixture
def portal():
    """A portal like the one the samples come from: categories, organisations, directives."""
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre", short_name="Tỉnh ủy")
    politburo = OrganizationFactory(name="Bộ Chính trị")
    secretariat = OrganizationFactory(name="Ban Bí thư")
    data = {
        "news": CategoryFactory(name="Tin tức", slug="tin-tuc", order=10),
        "party": CategoryFactory(name="Các ban xây dựng Đảng", slug="cac-ban-xay-dung-dang"),
        "youth": CategoryFactory(name="Hoạt động Đoàn", slug="hoat-dong-doan"),
        "province": province,
        "mass_mobilisation": OrganizationFactory(parent=province, name="Ban Dân vận Tỉnh ủy",
                                                 short_name="BDV Tỉnh ủy"),
        "youth_union": OrganizationFactory(name="Tỉnh Đoàn Bến Tre", short_name="Tỉnh Đoàn",
                                           slug="tinh-doan-ben-tre"),
    }
    for key, doc_type, code, issued_on, issuer in [
        ("09-NQ/TW", Directive.DocumentType.RESOLUTION, "09-NQ/TW", date(2011, 12, 9), politburo),
        ("43-KL/TW", Directive.DocumentType.CONCLUSION, "43-KL/TW", date(2019, 1, 7), secretariat),
        ("42-CT/TW", Directive.DocumentType.DIRECTIVE, "42-CT/TW", date(2015, 3, 24), secretariat),
    ]:
        directive = DirectiveFactory.build(doc_type=doc_type, issued_on=issued_on, issuer=issuer)
        directive.set_code(code)
        directive.save()
        data[key] = directive
    return data


def run(*args, expect_error=False):
    out, err = StringIO(), StringIO()
    if expect_error:
        with pytest.raises(CommandError) as error:
            call_command("import_articles", *map(str, args), stdout=out, stderr=err)
        return out.getvalue(), err.getvalue(), error.value
    call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), None


def paragraphs(article):
    return re.findall(r"<p>(.*?)</p>", article.body, flags=re.S)


def captions(article):
    return re.findall(r'<p class="caption"><em>(.*?)</em></p>', article.body, flags=re.S)


def link_to(directive):
    return f'<a href="{directive.get_absolute_url()}" class="directive-link"'


@needs_samples
def test_youth_union_sample(portal):
    out, _, _ = run(TINH_DOAN)
    article = Article.objects.get()
    assert article.title == (
        "Hội nghị tập huấn cán bộ Đoàn chủ chốt về thực hiện Nghị quyết số 09-NQ/TW và "
        "chương trình an sinh cho thanh thiếu nhi năm 2019"
    )
    assert article.published_at == datetime(2019, 3, 21, 0, 0, tzinfo=VN)
    assert article.status == Article.Status.DRAFT
    assert len(paragraphs(article)) == 3
    assert paragraphs(article)[0].startswith("Sáng ngày 19/3/2019, Ban Thường vụ Tỉnh Đoàn")
    assert captions(article) == [
        "Quang cảnh Hội nghị tập huấn tại Hội trường Tỉnh Đoàn",
        "Báo cáo viên trao đổi với cán bộ Đoàn cấp xã",
    ]
    for dropped in ("Trang chủ", "Văn phòng điện tử", "Thống kê", "•", "Hình 1"):
        assert dropped not in article.body
    assert article.category == portal["news"]  # its "Tin tức" line
    directive = portal["09-NQ/TW"]
    assert list(article.directives.all()) == [directive]
    assert article.body.count("directive-link") == 1
    assert f"{link_to(directive)} rel=\"noopener noreferrer\">Nghị quyết số 09-NQ/TW</a>" in (
        article.body
    )
    assert "Đã nhập bản nháp" in out
    assert "3 đoạn; 2 chú thích ảnh" in out


@needs_samples
def test_party_board_sample(portal):
    out, _, _ = run(BAN_DAN_VAN)
    article = Article.objects.get()
    assert article.title == (
        "Ban Dân vận Tỉnh ủy làm việc với Đảng ủy khối Doanh nghiệp về công tác dân vận năm 2023"
    )
    assert article.published_at == datetime(2023, 9, 15, 8, 30, tzinfo=VN)
    assert article.category == portal["party"]
    assert article.organization == portal["mass_mobilisation"]
    assert article.source == "Ban Dân vận Tỉnh ủy"
    assert captions(article) == ["Đoàn làm việc chụp ảnh lưu niệm"]
    assert len(paragraphs(article)) == 3
    assert paragraphs(article)[-1].endswith("trong thời gian tới./.")
    for dropped in ("Các tin khác", "Trang đầu", "12345", "Màu chữ", "Cỡ chữ",
                    "Ban Tổ chức Tỉnh ủy triển khai", "(12/09/2023)", "Các ban xây dựng Đảng"):
        assert dropped not in article.body
    conclusion = portal["43-KL/TW"]
    assert list(article.directives.all()) == [conclusion]
    assert article.body.count(link_to(conclusion)) == 1
    assert "Kết luận số 43/KL-TW" in article.body  # the second spelling stays plain text
    assert list(UnresolvedDirectiveReference.objects.values_list("code", flat=True)) == [
        "23-QĐ/TW"
    ]
    assert "văn bản chưa có trên cổng 23-QĐ/TW" in out


@needs_samples
def test_publish_keeps_the_old_date_and_reimport_creates_nothing(portal):
    out, _, _ = run(SAMPLES, "--publish")
    assert Article.objects.count() == 2
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.PUBLISHED}
    assert Article.objects.filter(published_at=datetime(2023, 9, 15, 8, 30, tzinfo=VN)).exists()
    assert "đã nhập 2 bài" in out

    before = list(Article.objects.values_list("pk", "body", "status"))
    out, _, _ = run(SAMPLES, TINH_DOAN)
    assert list(Article.objects.values_list("pk", "body", "status")) == before
    assert out.count("Bỏ qua, đã nhập trước đó") == 2
    assert "Tổng kết: 2 tệp; đã nhập 0 bài; bỏ qua 2 bài đã có; lỗi 0 tệp." in out


@needs_samples
def test_dry_run_imports_nothing_but_says_what_it_would_do(portal):
    out, _, _ = run(SAMPLES, "--dry-run")
    assert Article.objects.count() == 0
    assert not UnresolvedDirectiveReference.objects.exists()
    assert "Chạy thử: không lưu gì." in out
    assert "Sẽ nhập: " in out
    assert "“Ban Dân vận Tỉnh ủy làm việc với Đảng ủy khối" in out
    assert "15/09/2023 08:30" in out
    assert "21/03/2019;" in out
    assert "văn bản 43-KL/TW" in out
    assert "văn bản 09-NQ/TW" in out
    assert "Tổng kết: 2 tệp; sẽ nhập 2 bài; bỏ qua 0 bài đã có; lỗi 0 tệp." in out


def directives_reported(outcome):
    return sorted(outcome.directives), sorted(outcome.unresolved)


def dry_run_then_import(path):
    """What a dry run reports for `path`, then what importing it links (the same placement)."""
    dry = import_file(path, placement=Placement(), dry_run=True)
    assert not Article.objects.exists()
    real = import_file(path, placement=Placement())
    stored = (
        sorted(real.article.directives.values_list("number", "symbol")),
        sorted(real.article.unresolved_directive_references.values_list("code", flat=True)),
    )
    return dry, real, stored


@needs_samples
@pytest.mark.parametrize("sample", [TINH_DOAN, BAN_DAN_VAN], ids=["tinh-doan", "ban-dan-van"])
def test_dry_run_reports_exactly_what_the_import_links(portal, sample):
    dry, real, stored = dry_run_then_import(sample)

    assert real.directives  # the samples name directives the portal has
    assert directives_reported(dry) == directives_reported(real)
    assert stored[1] == sorted(real.unresolved)
    assert len(stored[0]) == len(real.directives)


def test_dry_run_counts_a_missing_document_once_and_never_an_ambiguous_one(portal, tmp_path):
    """Two spellings of one document the portal lacks are one reference; a số ký hiệu that
    two issuers share is not linked and not a missing document, in a dry run as in an import."""
    for issuer in ("Huyện ủy Giồng Trôm", "Huyện ủy Mỏ Cày Nam"):
        directive = DirectiveFactory.build(
            doc_type=Directive.DocumentType.DECISION, issued_on=date(2020, 5, 4),
            issuer=OrganizationFactory(name=issuer),
        )
        directive.set_code("15-QĐ/HU")
        directive.save()
    page = tmp_path / "bai.txt"
    page.write_text(variant_page().replace(
        "Các mô hình được chọn",
        "Các cơ sở thực hiện Chỉ thị số 05-CT/TU và Chỉ thị số 05/CT-TU của Tỉnh ủy, "
        "Quyết định số 15-QĐ/HU. Các mô hình được chọn",
    ), encoding="utf-8")

    dry, real, stored = dry_run_then_import(page)

    assert directives_reported(real) == (["42-CT/TW"], ["05-CT/TU"])
    assert directives_reported(dry) == directives_reported(real)
    assert stored[1] == ["05-CT/TU"]


@needs_samples
def test_organization_and_category_options_win(portal):
    run(BAN_DAN_VAN, "--organization", "tinh-doan-ben-tre", "--category", "hoat-dong-doan")
    article = Article.objects.get()
    assert (article.organization, article.category) == (portal["youth_union"], portal["youth"])


@pytest.mark.parametrize(("option", "message"), [
    ("--organization", "Không có tổ chức nào có đường dẫn “khong-co”. Không nhập bài nào."),
    ("--category", "Không có chuyên mục nào có đường dẫn “khong-co”. Không nhập bài nào."),
])
def test_unknown_slug_stops_before_importing_anything(portal, tmp_path, option, message):
    page = tmp_path / "bai.txt"
    page.write_text(variant_page(), encoding="utf-8")
    _, _, error = run(page, option, "khong-co", expect_error=True)
    assert str(error).startswith(message)
    assert error.returncode == 1
    assert Article.objects.count() == 0


# -- pages of other shapes ---------------------------------------------------------


def variant_page(*, date_line="21/03/2019", category_line="Hoạt động Đoàn",
                 caption="Hình 1: Đại biểu tham quan mô hình thanh niên khởi nghiệp",
                 source="Tỉnh Đoàn Bến Tre", newline="\n", blank_lines=1):
    """A capture in the samples' shape with our own words, and the parts a test varies."""
    gap = newline * (blank_lines + 1)
    lines = [
        "Trang chủ Tin tức Văn bản Liên hệ",
        category_line,
        "Tỉnh Đoàn tuyên dương thanh niên khởi nghiệp tiêu biểu năm 2019",
        date_line,
        "In bài Gửi bài",
        "Chiều ngày 20/3/2019, Ban Thường vụ Tỉnh Đoàn tổ chức tuyên dương 20 thanh niên khởi "
        "nghiệp tiêu biểu, thực hiện Chỉ thị số 42-CT/TW của Ban Bí thư về giáo dục lý tưởng "
        "cách mạng cho thế hệ trẻ.",
        caption,
        "Các mô hình được chọn đều có doanh thu ổn định, tạo việc làm cho lao động tại địa "
        "phương và tham gia các hoạt động an sinh xã hội.",
        source,
        "Tin liên quan",
        "• Tỉnh Đoàn tổ chức hội trại tòng quân năm 2019 (10/02/2019)",
    ]
    return gap.join(line for line in lines if line is not None) + newline


def cp1258_bytes(text: str) -> bytes:
    """Text as old Windows tools saved it: Windows-1258 writes the tone as a separate mark."""
    shapes = {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn: part of the letter
    out = []
    for char in text:
        base, *marks = unicodedata.normalize("NFD", char)
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in shapes))
        out.append(letter + "".join(m for m in marks if m not in shapes))
    return "".join(out).encode("cp1258")


def import_text(tmp_path, text, *args, name="bai.txt", encoding="utf-8"):
    page = tmp_path / name
    data = cp1258_bytes(text) if encoding == "cp1258" else text.encode(encoding)
    page.write_bytes(data)
    out, _err, _error = run(page, *args, expect_error=False)
    return Article.objects.get(legacy_key__isnull=False, title__startswith="Tỉnh Đoàn tuyên"), out


def test_crlf_bom_and_extra_blank_lines(portal, tmp_path):
    text = "\ufeff" + variant_page(newline="\r\n", blank_lines=3)
    article, _ = import_text(tmp_path, text, encoding="utf-8")
    assert article.title == "Tỉnh Đoàn tuyên dương thanh niên khởi nghiệp tiêu biểu năm 2019"
    assert "\r" not in article.body
    assert captions(article) == ["Đại biểu tham quan mô hình thanh niên khởi nghiệp"]
    assert len(paragraphs(article)) == 2
    assert (article.category, article.source) == (portal["youth"], "Tỉnh Đoàn Bến Tre")
    assert article.organization == portal["youth_union"]
    assert list(article.directives.all()) == [portal["42-CT/TW"]]
    assert "Tin liên quan" not in article.body
    assert "hội trại" not in article.body


@pytest.mark.parametrize("encoding", ["cp1258", "utf-16", "utf-8-sig"])
def test_other_encodings(portal, tmp_path, encoding):
    article, _out = import_text(tmp_path, variant_page(), encoding=encoding)
    assert article.title == "Tỉnh Đoàn tuyên dương thanh niên khởi nghiệp tiêu biểu năm 2019"
    assert "Ban Thường vụ Tỉnh Đoàn" in article.body
    assert captions(article) == ["Đại biểu tham quan mô hình thanh niên khởi nghiệp"]


@pytest.mark.parametrize(("date_line", "expected", "has_time"), [
    ("21/03/2019", datetime(2019, 3, 21, 0, 0, tzinfo=VN), False),
    ("Thứ Năm, 21/03/2019 - 08:30", datetime(2019, 3, 21, 8, 30, tzinfo=VN), True),
    ("21/03/2019 08:30:00PM", datetime(2019, 3, 21, 20, 30, tzinfo=VN), True),
    ("Ngày đăng: 21-3-2019 | 14h05", datetime(2019, 3, 21, 14, 5, tzinfo=VN), True),
    ("Cập nhật lúc 07:15, 21.03.2019", datetime(2019, 3, 21, 7, 15, tzinfo=VN), True),
    ("Ngày 21 tháng 3 năm 2019", datetime(2019, 3, 21, 0, 0, tzinfo=VN), False),
])
def test_date_styles(portal, tmp_path, date_line, expected, has_time):
    article, out = import_text(tmp_path, variant_page(date_line=date_line))
    assert article.published_at == expected
    assert (expected.strftime("%d/%m/%Y %H:%M") if has_time else "21/03/2019;") in out
    assert date_line not in article.body
    assert article.published_date_only is not has_time


def test_missing_date_stays_a_draft_even_with_publish(portal, tmp_path):
    article, out = import_text(tmp_path, variant_page(date_line=None), "--publish")
    assert article.published_at is None
    assert article.status == Article.Status.DRAFT
    assert "không thấy ngày đăng: nhập dạng bản nháp" in out


def test_no_category_line_uses_the_named_default(portal, tmp_path):
    article, out = import_text(tmp_path, variant_page(category_line=None, source="Minh Thư"))
    assert article.category == portal["news"]
    assert article.author_name == "Minh Thư"
    assert article.source == ""
    assert "1 bài không khớp chuyên mục nào trên cổng nên vào chuyên mục mặc định “Tin tức”" in out
    assert article.organization == portal["province"]
    assert "được gán cho tổ chức mặc định “Tỉnh ủy Bến Tre”" in out


def test_portal_without_categories_gets_one(tmp_path):
    OrganizationFactory(name="Tỉnh ủy Bến Tre")
    article, _out = import_text(tmp_path, variant_page())
    assert article.category.name == "Tin tức"
    assert Category.objects.count() == 1


@pytest.mark.parametrize("caption", [
    "Hình 1: Đại biểu tham quan mô hình thanh niên khởi nghiệp của anh Nguyễn Văn An\n"
    "tại xã Tân Thạch, huyện Châu Thành",
    "• Hình 1: Đại biểu tham quan mô hình thanh niên khởi nghiệp của anh Nguyễn Văn An\n"
    "Xã Tân Thạch, huyện Châu Thành",
    "Đại biểu tham quan mô hình thanh niên khởi nghiệp của anh Nguyễn Văn An\n"
    "Xã Tân Thạch, huyện Châu Thành",
])
def test_caption_wrapped_onto_a_second_line(portal, tmp_path, caption):
    article, _ = import_text(tmp_path, variant_page(caption=caption))
    [text] = captions(article)
    assert text.startswith("Đại biểu tham quan mô hình thanh niên khởi nghiệp của anh")
    assert text.endswith(" Tân Thạch, huyện Châu Thành")
    assert len(paragraphs(article)) == 2


def test_another_portal_layout_date_above_title_and_source_line(portal, tmp_path):
    text = "\n".join([
        "CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN ĐOÀN",
        "Trang chủ | Giới thiệu | Tin tức | Liên hệ",
        "Lượt truy cập: 1.234.567",
        "Thứ Hai, 01/04/2024 09:00",
        "Huyện Đoàn Chợ Lách ra mắt công trình thắp sáng đường quê",
        "A A A",
        "Tối 31/3, Huyện Đoàn Chợ Lách phối hợp Đoàn xã Long Thới ra mắt công trình thanh niên",
        "thắp sáng đường quê dài 2 km, với 60 bóng đèn năng lượng mặt trời.",
        "Công trình có tổng kinh phí 45 triệu đồng do đoàn viên và nhà hảo tâm đóng góp.",
        "Ảnh: Hoàng Vũ",
        "Nguồn: Báo Đồng Khởi",
        "« 1 2 3 »",
        "Tin cùng chuyên mục",
        "Huyện Đoàn tổ chức ngày hội việc làm (20/03/2024)",
    ])
    (tmp_path / "khac.txt").write_text(text, encoding="utf-8")
    run(tmp_path / "khac.txt")
    article = Article.objects.get()
    assert article.title == "Huyện Đoàn Chợ Lách ra mắt công trình thắp sáng đường quê"
    assert article.published_at == datetime(2024, 4, 1, 9, 0, tzinfo=VN)
    assert article.source == "Báo Đồng Khởi"
    assert paragraphs(article) == [
        "Tối 31/3, Huyện Đoàn Chợ Lách phối hợp Đoàn xã Long Thới ra mắt công trình thanh niên "
        "thắp sáng đường quê dài 2 km, với 60 bóng đèn năng lượng mặt trời.",
        "Công trình có tổng kinh phí 45 triệu đồng do đoàn viên và nhà hảo tâm đóng góp.",
    ]
    assert captions(article) == ["Ảnh: Hoàng Vũ"]
    for dropped in ("Lượt truy cập", "A A A", "«", "ngày hội việc làm", "CỔNG THÔNG TIN"):
        assert dropped not in article.body


# -- saved HTML pages -------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Tỉnh Đoàn ra quân Chiến dịch Thanh niên tình nguyện hè 2024 - Cổng TTĐT Tỉnh Đoàn</title>
<meta property="og:title" content="Tỉnh Đoàn ra quân Chiến dịch Thanh niên tình nguyện hè 2024">
<meta property="article:published_time" content="2024-06-02T07:45:00+07:00">
<meta property="og:url" content="https://tinhdoan.example.vn/tin-tuc/ra-quan-he-2024.html">
<script>alert('xss-head')</script><style>body{color:red}</style>
</head><body onload="alert('xss-body')">
<div id="wrapper"><div class="header"><div class="menu"><ul><li><a href="/">Trang chủ</a></li>
<li><a href="/gioi-thieu">Giới thiệu</a></li><li>Liên hệ</li></ul></div></div>
<div class="row"><div class="col-left"><div class="box thongke"><h3>Thống kê</h3>
<p>Lượt truy cập: 123456</p></div></div>
<div class="col-main"><div class="breadcrumb"><a href="/">Trang chủ</a> »
<a href="/hoat-dong-doan">Hoạt động Đoàn</a></div>
<div class="news-detail"><div><div>
  <h1 class="title">Tỉnh Đoàn ra quân Chiến dịch Thanh niên tình nguyện hè 2024</h1>
  <div class="date">Chủ nhật, 02/06/2024 - 07:45</div>
  <div class="tools">Màu chữ Cỡ chữ <a href="javascript:window.print()">In bài</a></div>
  <div class="news-content">
   <p><strong>Sáng ngày 01/6/2024, Ban Thường vụ Tỉnh Đoàn tổ chức Lễ ra quân Chiến dịch Thanh
   niên tình nguyện hè năm 2024.</strong></p>
   <div><div><p>Chiến dịch triển khai theo tinh thần Chỉ thị số 42-CT/TW của Ban Bí thư
   <a href="javascript:alert(1)" onclick="steal()">xem chi tiết</a>, với nhiều công trình.</p>
   </div></div>
   <figure><img src="/uploads/2024/ra-quan.jpg" onerror="alert('img')" alt="Lễ ra quân">
   <figcaption>Các đại biểu thực hiện nghi thức ra quân</figcaption></figure>
   <p>Đoàn viên, thanh niên sửa chữa nhà nhân ái, làm đường giao thông nông thôn và tổ chức
   sân chơi cho thiếu nhi trong suốt mùa hè.<img src="x" onerror="alert(2)"></p>
   <p style="text-align:center"><em>Thanh niên tình nguyện dọn vệ sinh môi trường</em></p>
   <p>Chiến dịch kéo dài đến hết tháng 8/2024 với hơn 5.000 lượt đoàn viên tham gia.
   <iframe src="https://evil.example.com/x"></iframe><svg onload="alert(3)"></svg></p>
   <table><tr><td onmouseover="alert(4)">Huyện</td><td>Số công trình</td></tr>
   <tr><td>Chợ Lách</td><td>12</td></tr></table>
   <p><a href="https://thanhnien.example.vn/" style="background:url(javascript:alert(5))">Báo
   Thanh Niên</a> đưa tin.</p>
   <p>Minh Thư</p>
  </div>
  <div class="share">Chia sẻ: Facebook Zalo</div>
  <div class="other-news"><h3>Các tin khác</h3><ul><li><a href="/a">Tin cũ (01/06/2024)</a>
  </li></ul></div>
</div></div></div></div></div>
<div class="footer">Bản quyền thuộc Tỉnh Đoàn</div></div></body></html>
"""


def test_html_page_with_nested_layout_and_xss(portal, tmp_path):
    (tmp_path / "trang.html").write_text(HTML_PAGE, encoding="utf-8")
    run(tmp_path / "trang.html")
    article = Article.objects.get()
    assert article.title == "Tỉnh Đoàn ra quân Chiến dịch Thanh niên tình nguyện hè 2024"
    assert article.published_at == datetime(2024, 6, 2, 7, 45, tzinfo=VN)
    assert article.category == portal["youth"]  # from the breadcrumb
    assert article.author_name == "Minh Thư"
    body = article.body
    for payload in ("alert", "onerror", "onload", "onclick", "onmouseover", "javascript:",
                    "<script", "<svg", "evil.example.com", "url(", "<style"):
        assert payload not in body.lower()
    for dropped in ("Trang chủ", "Thống kê", "Lượt truy cập", "Màu chữ", "Chia sẻ",
                    "Các tin khác", "Tin cũ", "Bản quyền", "02/06/2024", "Minh Thư"):
        assert dropped not in body
    assert body.count("<h1") == 0
    assert article.title not in body
    assert ('<img src="https://tinhdoan.example.vn/uploads/2024/ra-quan.jpg" alt="Lễ ra quân" '
            'loading="lazy" decoding="async">' in body)
    assert "<figcaption>Các đại biểu thực hiện nghi thức ra quân</figcaption>" in body
    assert 'src="x"' not in body
    assert "tinhdoan.example.vn/tin-tuc/x" not in body
    assert captions(article) == ["Thanh niên tình nguyện dọn vệ sinh môi trường"]
    assert "<td>Chợ Lách</td>" in body
    assert '<a href="https://thanhnien.example.vn/" rel="noopener noreferrer">' in body
    assert list(article.directives.all()) == [portal["42-CT/TW"]]
    assert link_to(portal["42-CT/TW"]) in body


def test_html_page_without_meta_tags_finds_title_and_date_in_the_text(portal, tmp_path):
    page = """<html><head><title>Hội thi Tin học trẻ năm 2023 | Huyện Đoàn</title></head>
    <body><div id="main"><div class="content">
    <h2>Hội thi Tin học trẻ năm 2023</h2><p><i>Cập nhật: 15/05/2023 10:20</i></p>
    <div class="journal-content-article">
    <p>Ngày 14/5/2023, Huyện Đoàn tổ chức Hội thi Tin học trẻ với sự tham gia của 80 thí sinh
    đến từ các trường trung học cơ sở và trung học phổ thông trên địa bàn.</p>
    <p>Kết quả, Ban Tổ chức trao 3 giải nhất, 5 giải nhì và 8 giải ba cho các thí sinh.</p>
    </div></div></div></body></html>"""
    (tmp_path / "thi.htm").write_bytes(cp1258_bytes(page))
    run(tmp_path / "thi.htm")
    article = Article.objects.get()
    assert article.title == "Hội thi Tin học trẻ năm 2023"
    assert article.published_at == datetime(2023, 5, 15, 10, 20, tzinfo=VN)
    assert len(paragraphs(article)) == 2
    assert "Cập nhật" not in article.body


# -- bad input --------------------------------------------------------------------


def test_bad_files_are_reported_and_the_rest_imports(portal, tmp_path):
    folder = tmp_path / "cong-cu"
    (folder / "con").mkdir(parents=True)
    (folder / "con" / "tot.txt").write_text(variant_page(), encoding="utf-8")
    (folder / "rong.txt").write_bytes(b"")
    (folder / "trang.txt").write_bytes(b"  \n\r\n  ")
    (folder / "anh.txt").write_bytes(image_bytes("PNG"))
    (folder / "nhi-phan.txt").write_bytes(b"abc\x00\x01\x02def" * 50)
    (folder / "bang-ma.txt").write_bytes(b"Ti\x81u \x8a\x8d\x8e\x8f\x90 \x9a\x9d\x9e" * 10)
    (folder / "chi-menu.txt").write_text("Trang chủ Giới thiệu Liên hệ\nThống kê\n",
                                         encoding="utf-8")
    (folder / "ghi-chu.md").write_text("không phải bài", encoding="utf-8")
    out, err, error = run(folder, tmp_path / "khong-ton-tai.txt", expect_error=True)

    assert Article.objects.count() == 1
    assert error.returncode == 1
    assert str(error) == "Có 7 tệp không nhập được (xem ở trên)."
    expected = {
        "rong.txt": "tệp rỗng",
        "trang.txt": "tệp rỗng",
        "anh.txt": "đây là ảnh PNG, không phải văn bản",
        "nhi-phan.txt": "tệp nhị phân (có byte NUL), không phải văn bản",
        "bang-ma.txt": "không nhận ra bảng mã (đã thử UTF-8, UTF-16 và Windows-1258)",
        "chi-menu.txt": "không có nội dung nào ngoài menu và các ô bên lề",
        "khong-ton-tai.txt": "không tồn tại",
    }
    for name, message in expected.items():
        assert re.search(rf"^Lỗi: \S*{re.escape(name)}: {re.escape(message)}\.$", err, re.M), name
    assert "ghi-chu.md" not in out + err
    assert "Tổng kết: 8 tệp; đã nhập 1 bài; bỏ qua 0 bài đã có; lỗi 7 tệp." in out


def test_a_page_without_a_title(portal, tmp_path):
    page = tmp_path / "khong-tieu-de.txt"
    page.write_text("21/03/2019\nMột dòng.\n", encoding="utf-8")
    _, err, _error = run(page, expect_error=True)
    assert f"Lỗi: {page}: không tìm thấy tiêu đề bài viết." in err
    assert Article.objects.count() == 0


def test_a_folder_without_pages(tmp_path):
    OrganizationFactory()
    (tmp_path / "anh.jpg").write_bytes(image_bytes())
    _, err, _error = run(tmp_path, expect_error=True)
    assert "thư mục không có tệp .txt, .html hoặc .htm nào" in err
