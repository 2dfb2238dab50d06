"""Search (/tim-kiem/): diacritic-insensitive matching, ranking, directive references,
filters, pagination, unusable queries, safe snippets and a fixed number of queries.

Every test runs on the configured database: SQLite by default (the LIKE fallback)
and PostgreSQL with DATABASE_URL (the full-text index); the expectations are the same.
"""

import re
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from factories import (
    ArticleFactory,
    CategoryFactory,
    DirectiveFactory,
    LibraryImageFactory,
    OrganizationFactory,
    figure_html,
)

from news import search
from news.models import Article, Directive
from news.search import search_articles, search_directives, search_organizations
from news.search_query import (
    EMPTY_MESSAGE,
    MAX_QUERY_LENGTH,
    PUNCTUATION_MESSAGE,
    SHORT_MESSAGE,
    TRUNCATED_NOTICE,
    parse_query,
)
from news.search_snippet import highlight, snippet
from news.services import article_save
from organizations.models import Organization

pytestmark = pytest.mark.django_db

URL = "/tim-kiem/"
NEUTRAL_SUMMARY = "Tin hoạt động trong tuần."
NEUTRAL_BODY = "<p>Nội dung chi tiết được cập nhật sau.</p>"


@pytest.fixture
def category():
    return CategoryFactory(name="Hoạt động", slug="hoat-dong")


@pytest.fixture
def organization():
    return OrganizationFactory(name="Văn phòng Tỉnh ủy", short_name="VPTU")


@pytest.fixture
def make(category, organization):
    """A published article with neutral text except what the test gives; hours_ago sets its date."""

    def make_article(title, *, hours_ago=1, **fields):
        fields.setdefault("summary", NEUTRAL_SUMMARY)
        fields.setdefault("body", NEUTRAL_BODY)
        fields.setdefault("category", category)
        fields.setdefault("organization", organization)
        fields.setdefault("published_at", timezone.now() - timedelta(hours=hours_ago))
        return ArticleFactory(title=title, **fields)

    return make_article


def get(client, q=None, **params):
    if q is not None:
        params["q"] = q
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def found(response) -> list[str]:
    return [article.title for article in response.context["page_obj"]]


def page_html(response) -> str:
    return response.content.decode()


def results_section(response) -> str:
    page = page_html(response)
    start = page.find('<section class="search-block" aria-labelledby="search-articles">')
    assert start >= 0, "no article results section"
    return page[start:page.find("</section>", start)]


# Diacritics ---------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["tre em", "trẻ em", "TRẺ EM", "Tre Em"])
def test_children_found_with_or_without_diacritics(client, make, query):
    wanted = make("Chăm sóc trẻ em vùng lũ")
    make("Cây tre xanh bên bờ sông")  # only one of the two words

    assert found(get(client, query)) == [wanted.title]


def test_tinh_doan_finds_tinh_doan(client, make):
    wanted = make("Tỉnh Đoàn Bến Tre ra quân chiến dịch hè")
    make("Huyện ủy Ba Tri họp định kỳ")

    assert found(get(client, "tinh doan")) == [wanted.title]


def test_d_without_stroke_finds_d_with_stroke_and_its_look_alike(client, make):
    party = make("Đảng bộ xã Phú Túc tổng kết năm")
    eth = make("Ðảng ủy khối doanh nghiệp sơ kết", hours_ago=2)  # Ð (eth) from old encodings
    make("Hội Nông dân xã họp mặt")

    assert set(found(get(client, "dang"))) == {party.title, eth.title}


def test_words_in_summary_body_and_html_are_found(client, make):
    in_summary = make("Tin thứ nhất", summary="Phong trào Dân vận khéo lan tỏa.")
    in_body = make(
        "Tin thứ hai", body="<p>Mô hình <strong>dân vận</strong> <em>khéo</em> ở xã.</p>"
    )
    make("Tin thứ ba")

    assert set(found(get(client, "dan van kheo"))) == {in_summary.title, in_body.title}


def test_an_inline_tag_inside_a_word_does_not_split_it(client, make):
    wanted = make("Tin có chữ đầu in đậm", body="<p><b>Đ</b>ảng viên tiêu biểu</p>")

    assert found(get(client, "dang vien")) == [wanted.title]


def test_last_word_may_be_unfinished(client, make):
    wanted = make("Đẩy mạnh công tác tuyên truyền miệng")
    make("Tuyên dương gương tốt")

    assert found(get(client, "tuyen truy")) == [wanted.title]


def test_editing_an_article_updates_what_finds_it(client, make):
    article = make("Hội nghị sơ kết quý một")

    article.title = "Hội thao truyền thống"
    article_save(article=article)

    assert found(get(client, "so ket")) == []
    assert found(get(client, "hoi thao")) == [article.title]


# Ranking ------------------------------------------------------------------------------------


def test_query_with_diacritics_ranks_the_exact_spelling_first(client, make):
    # The unaccented twin is newer, so date order alone would put it first.
    dang = make("Đang triển khai kế hoạch mùa khô", hours_ago=1)
    party = make("Đảng bộ triển khai kế hoạch mùa khô", hours_ago=5)

    assert found(get(client, "Đảng")) == [party.title, dang.title]
    assert found(get(client, "đang")) == [dang.title, party.title]


def test_accented_phrase_in_summary_also_ranks_first(client, make):
    other = make("Kế hoạch mới", summary="Tre em đường làng.", hours_ago=1)
    exact = make("Kế hoạch năm", summary="Chăm lo cho trẻ em nghèo.", hours_ago=9)

    assert found(get(client, "trẻ em")) == [exact.title, other.title]


def test_title_match_ranks_above_body_match(client, make):
    in_body = make("Tin tổng hợp", body="<p>Nói về chuyển đổi số ở cơ sở.</p>", hours_ago=1)
    in_title = make("Chuyển đổi số trong cơ quan Đảng", hours_ago=48)

    assert found(get(client, "chuyen doi so")) == [in_title.title, in_body.title]


def test_equal_matches_are_newest_first(client, make):
    older = make("Hội nghị sơ kết lần một", hours_ago=10)
    newer = make("Hội nghị sơ kết lần hai", hours_ago=2)

    assert found(get(client, "hoi nghi so ket")) == [newer.title, older.title]


def test_only_the_newest_window_is_ranked_and_the_count_says_more(client, make, monkeypatch):
    monkeypatch.setattr(search, "RESULT_WINDOW", 3)
    titles = [make(f"Đại hội chi đoàn số {n}", hours_ago=n).title for n in range(1, 6)]

    response = get(client, "dai hoi chi doan")

    assert found(response) == titles[:4]  # the window plus one, which says "more"
    assert "Tìm thấy hơn 3 kết quả" in page_html(response)


# Directives ---------------------------------------------------------------------------------


@pytest.fixture
def directives():
    """Chỉ thị 20-CT/TW and look-alikes that must not come first."""
    wanted = DirectiveFactory(
        number="20", symbol="CT/TW", issued_on=date(2012, 11, 5),
        title=(
            "Về tăng cường sự lãnh đạo của Đảng đối với công tác chăm sóc, giáo dục và bảo vệ "
            "trẻ em"
        ),
    )
    issuer = wanted.issuer
    resolution = DirectiveFactory(
        doc_type=Directive.DocumentType.RESOLUTION, number="20", symbol="NQ/TW",
        issued_on=date(2022, 6, 16), issuer=issuer, is_key=True,
        title="Về tiếp tục đổi mới, phát triển kinh tế tập thể",
    )
    conclusion = DirectiveFactory(
        doc_type=Directive.DocumentType.CONCLUSION, number="01", symbol="KL/TW",
        issued_on=date(2024, 5, 18), issuer=issuer, is_key=True,
        title="Tiếp tục thực hiện chỉ thị số 20 về chăm sóc trẻ em",
    )
    return {"wanted": wanted, "resolution": resolution, "conclusion": conclusion}


@pytest.mark.parametrize(
    "query",
    ["20-CT/TW", "20/CT-TW", "20 CT/TW", "chỉ thị 20", "Chỉ thị số 20-CT/TW", "CT 20", "ct-20",
     "chi thi so 20", "CHI THI 20"],
)
def test_directive_in_any_common_form_comes_first(client, directives, query):
    response = get(client, query)

    shown = response.context["directives"]
    assert shown
    assert shown[0] == directives["wanted"]
    assert shown[0].is_named_in_query
    assert directives["resolution"] not in shown[:1]
    assert directives["wanted"].get_absolute_url() in page_html(response)


def test_directive_found_by_words_of_its_title_without_diacritics(directives):
    shown = search_directives(query="kinh te tap the")

    assert shown == [directives["resolution"]]
    assert not shown[0].is_named_in_query


def test_zero_padded_numbers_match_either_way():
    nine = DirectiveFactory(
        doc_type=Directive.DocumentType.RESOLUTION, number="09", symbol="NQ/TW",
        title="Về xây dựng đội ngũ trí thức",
    )

    assert search_directives(query="nghị quyết 9")[0] == nine
    assert search_directives(query="NQ 09")[0] == nine
    assert search_directives(query="9-NQ/TW")[0] == nine


def test_articles_linked_to_the_named_directive_come_first(client, make, directives):
    # The words in its title would rank this one first, but it is not about the directive.
    mentions = make("Lớp học 20 giờ về CT và TW", hours_ago=1)
    mentions.directives.clear()
    linked = make(
        "Quán triệt văn bản về bảo vệ thiếu nhi", hours_ago=30,
        body="<p>Thực hiện Chỉ thị số 20-CT/TW của Bộ Chính trị.</p>",
    )
    linked.directives.set([directives["wanted"]])

    assert found(get(client, "20-CT/TW")) == [linked.title, mentions.title]
    assert found(get(client, "CT 20")) == [linked.title, mentions.title]


def test_a_linked_draft_is_never_found(client, make, directives):
    draft = make("Bản nháp quán triệt Chỉ thị 20-CT/TW", status=Article.Status.DRAFT,
                 published_at=None)
    draft.directives.set([directives["wanted"]])

    assert found(get(client, "20-CT/TW")) == []


# Only what readers may see ------------------------------------------------------------------


def test_drafts_pending_archived_and_future_articles_are_never_found(client, make):
    visible = make("Ngày hội thanh niên khởi nghiệp")
    make("Ngày hội thanh niên bản nháp", status=Article.Status.DRAFT, published_at=None)
    make("Ngày hội thanh niên chờ duyệt", status=Article.Status.PENDING, published_at=None)
    make("Ngày hội thanh niên lưu trữ", status=Article.Status.ARCHIVED)
    make("Ngày hội thanh niên hẹn giờ", published_at=timezone.now() + timedelta(hours=2))

    response = get(client, "ngay hoi thanh nien")

    assert found(response) == [visible.title]
    page = page_html(response)
    for word in ("bản nháp", "chờ duyệt", "lưu trữ", "hẹn giờ"):
        assert word not in page
    assert list(search_articles(query="ngay hoi thanh nien")) == [visible]


# Captions -----------------------------------------------------------------------------------


def test_captions_are_found_and_follow_edits_and_deletion(client, make):
    photo = LibraryImageFactory()
    article = make(
        "Tin ảnh cuối tuần",
        body=NEUTRAL_BODY + figure_html(photo, caption="Lễ ra quân Mùa hè xanh"),
    )

    response = get(client, "mua he xanh")
    assert found(response) == [article.title]
    assert "<mark>Mùa</mark> <mark>hè</mark> <mark>xanh</mark>" in results_section(response)

    article.body = NEUTRAL_BODY + figure_html(photo, caption="Đại biểu dự lễ")
    article_save(article=article)
    assert found(get(client, "mua he xanh")) == []
    assert found(get(client, "dai bieu du le")) == [article.title]

    article.body = NEUTRAL_BODY
    article_save(article=article)
    assert found(get(client, "dai bieu du le")) == []


# Filters ------------------------------------------------------------------------------------


def test_filters_by_category_organisation_and_dates(client, make, category, organization):
    other_category = CategoryFactory(name="Xây dựng Đảng")
    other_organization = OrganizationFactory(name="Huyện ủy Giồng Trôm")
    now = timezone.localtime()
    recent = make("Sinh hoạt chi bộ tháng này", hours_ago=1)
    old = make("Sinh hoạt chi bộ năm trước", published_at=now - timedelta(days=400))
    elsewhere = make("Sinh hoạt chi bộ ở huyện", category=other_category,
                     organization=other_organization, hours_ago=2)

    assert set(found(get(client, "sinh hoat chi bo"))) == {recent.title, old.title, elsewhere.title}
    assert set(found(get(client, "sinh hoat chi bo", category=category.pk))) == {
        recent.title, old.title}
    assert found(get(client, "sinh hoat chi bo", organization=other_organization.pk)) == [
        elsewhere.title]
    since = (now - timedelta(days=30)).strftime("%d/%m/%Y")
    assert set(found(get(client, "sinh hoat chi bo", date_from=since))) == {
        recent.title, elsewhere.title}
    until = (now - timedelta(days=300)).strftime("%d/%m/%Y")
    assert found(get(client, "sinh hoat chi bo", date_to=until)) == [old.title]
    # The last day is included whole, in the portal's time zone.
    day = old.published_at.astimezone(timezone.get_current_timezone()).strftime("%d/%m/%Y")
    assert found(get(client, "sinh hoat chi bo", date_from=day, date_to=day)) == [old.title]


def test_filter_labels_are_vietnamese(client):
    page = page_html(get(client, "tre em"))

    for label in ("Chuyên mục", "Đơn vị", "Từ ngày", "Đến ngày"):
        assert f">{label}</label>" in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"category": "abc"}, "Chuyên mục đã chọn không có."),
        ({"category": "999999"}, "Chuyên mục đã chọn không có."),
        ({"category": "99999999999999999999999"}, "Chuyên mục đã chọn không có."),
        ({"organization": "-1"}, "Đơn vị đã chọn không có."),
        ({"date_from": "32/13/2024"}, "Ngày không đúng dạng dd/mm/yyyy"),
        ({"date_to": "hôm qua"}, "Ngày không đúng dạng dd/mm/yyyy"),
        ({"date_from": "01/01/0001"}, "Hãy chọn một ngày từ 01/01/1900"),
        ({"date_to": "31/12/9999"}, "Hãy chọn một ngày từ 01/01/1900"),
        ({"date_from": "10/05/2025", "date_to": "01/05/2025"}, "“Đến ngày” phải sau"),
    ],
)
def test_invalid_filters_get_a_vietnamese_message_and_are_ignored(client, make, params, message):
    article = make("Tập huấn nghiệp vụ công tác Đảng")

    response = get(client, "tap huan nghiep vu", **params)

    assert message in page_html(response)
    assert "Giá trị lọc không hợp lệ chưa được áp dụng" in page_html(response)
    assert found(response) == [article.title]


# Pagination ---------------------------------------------------------------------------------


def test_results_are_paginated_like_the_news_lists(client, make):
    titles = [make(f"Thi đua yêu nước đợt {n:02d}", hours_ago=n).title for n in range(1, 26)]

    first = get(client, "thi dua yeu nuoc")
    second = get(client, "thi dua yeu nuoc", page=2)
    nonsense = get(client, "thi dua yeu nuoc", page="abc")

    assert found(first) == titles[:20]
    assert found(second) == titles[20:]
    # A page number past the last is no page of the results (news.list_views.forgiving_page).
    assert client.get("/tim-kiem/", {"q": "thi dua yeu nuoc", "page": 3}).status_code == 404
    assert found(nonsense) == titles[:20]
    assert "Tìm thấy 25 kết quả" in page_html(first)
    assert 'href="?q=thi+dua+yeu+nuoc&amp;page=2"' in page_html(first)


# Unusable queries ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", EMPTY_MESSAGE),
        ("     ", EMPTY_MESSAGE),
        ("\x00", EMPTY_MESSAGE),
        ("a", SHORT_MESSAGE),
        ("đ", SHORT_MESSAGE),
        ("!!! ??? ...", PUNCTUATION_MESSAGE),
        ("&|!:*()<>", PUNCTUATION_MESSAGE),
    ],
)
def test_unusable_queries_get_a_clear_message(client, make, query, message):
    make("Tin bất kỳ")

    response = get(client, query)

    assert message in page_html(response)
    assert "Tìm thấy" not in page_html(response)


def test_no_query_at_all_gets_the_empty_message(client):
    assert EMPTY_MESSAGE in page_html(get(client))


@pytest.mark.parametrize(
    ("query", "finds"),
    [
        ("tre & em", True),
        ("tre | em", True),
        ("!tre:* (em)", True),
        ("tre <-> em", True),
        ("tre%em", True),
        ("tre_em", True),
        ("tre\x00em", True),
        ("😀 trẻ em 😀", True),
        ("ｔｒｅ ｅｍ", True),  # noqa: RUF001 (full-width letters on purpose)
        ("tre & em | !dang:* (<->)", False),
        ("' OR 1=1 --", False),
        ("'; DROP TABLE news_article; --", False),
        ("\\x00 %_ \\", False),
        ("a:* & b:*", False),
    ],
)
def test_operator_sql_and_odd_characters_are_just_words(client, make, query, finds):
    article = make("Chăm sóc trẻ em")

    response = get(client, query)

    assert found(response) == ([article.title] if finds else [])
    assert Article.objects.filter(pk=article.pk).exists()


def test_a_thousand_characters_are_cut_with_a_notice(client, make):
    article = make("Chuyển đổi số")

    response = get(client, "chuyen doi so " + "x" * 1000)

    page = page_html(response)
    assert TRUNCATED_NOTICE in page
    assert found(response) == []  # the long word is part of the query
    assert len(response.context["query"].text) == MAX_QUERY_LENGTH
    assert found(get(client, "chuyen doi so " * 70)) == [article.title]


@pytest.mark.parametrize("raw", ["%ED%A0%80abc", "%FF%FE", "%C0%AF", "tr%E1%BA%BB%20em%00"])
def test_invalid_utf8_and_encoded_nul_in_the_url(client, raw):
    response = client.get(f"{URL}?q={raw}")

    assert response.status_code == 200


def test_lone_surrogates_and_control_characters_are_dropped(make):
    article = make("Trẻ em vui Tết")

    parsed = parse_query("\ud800tre\udfff em\x07\u200b")

    assert parsed.terms == ("tre", "em")
    assert list(search_articles(query=parsed)) == [article]
    assert search_directives(query=parsed) == []
    assert search_organizations(query=parsed) == []


# The page -----------------------------------------------------------------------------------


def test_result_page_shows_query_count_title_date_category_and_snippet(client, make, category):
    article = make(
        "Tỉnh Đoàn phát động Tháng Thanh niên",
        body="<p>Sáng nay, Tỉnh Đoàn Bến Tre phát động Tháng Thanh niên năm 2025.</p>",
        published_at=datetime(2025, 3, 1, 8, 30, tzinfo=timezone.get_current_timezone()),
    )

    response = get(client, "thang thanh nien")
    page = page_html(response)
    results = results_section(response)

    assert '<meta name="robots" content="noindex, follow">' in page
    assert 'value="thang thanh nien"' in page
    assert '<li aria-current="page">Tìm kiếm</li>' in page
    assert "Tìm thấy 1 kết quả" in results
    assert f'href="{article.get_absolute_url()}"' in results
    assert "<mark>Tháng</mark> <mark>Thanh</mark> <mark>niên</mark>" in results
    assert "01/03/2025" in results
    assert category.name in results


def test_no_results_says_so(client, make):
    make("Tin khác hẳn")

    response = get(client, "khong co tu nay")

    assert "Tìm thấy 0 kết quả" in page_html(response)
    assert "Không có tin bài nào chứa đủ các từ" in page_html(response)


def test_organisations_are_found_by_any_of_their_names(client):
    province = OrganizationFactory(
        name="Tỉnh ủy Bến Tre", name_en="Ben Tre Provincial Party Committee"
    )
    youth = Organization.objects.add_child(
        province, instance=Organization(name="Tỉnh Đoàn Bến Tre", short_name="Tỉnh Đoàn")
    )

    assert found_organizations(client, "tinh doan") == [youth.name]
    assert found_organizations(client, "provincial party") == [province.name]
    assert set(found_organizations(client, "ben tre")) == {province.name, youth.name}


def found_organizations(client, query):
    return [organization.name for organization in get(client, query).context["organizations"]]


# Escaping -----------------------------------------------------------------------------------


def test_snippets_never_carry_live_html_besides_mark(client, make):
    article = make(
        "An toàn <b>trẻ em</b> trên mạng",
        summary="Cảnh giác <script>alert('x')</script> với trẻ em",
        body="<p>Chuỗi &lt;script&gt;alert(1)&lt;/script&gt;, &lt;b&gt;đậm&lt;/b&gt; và "
        "&amp;lt;i&amp;gt; nói về trẻ em.</p><script>alert(2)</script><img src=x onerror=alert(3)>",
    )
    article.body += figure_html(LibraryImageFactory(), caption="<i>Trẻ em</i> \"dự\" lễ & vui")
    article_save(article=article)

    response = get(client, "tre em")
    results = results_section(response)

    assert found(response) == [article.title]
    tags = set(re.findall(r"</?[a-zA-Z][^>]*>", results))
    allowed = {"<mark>", "</mark>"}
    for tag in tags - allowed:
        assert re.fullmatch(
            r"</?(section|p|ol|li|h2|h3|a|time|nav|ul|span)( [^>]*)?>", tag
        ), f"unexpected tag in results: {tag}"
    assert "<script" not in results
    assert "<b>" not in results
    assert "<i>" not in results
    assert "onerror" not in results
    # Text shows as the reader typed it: "<script>", "<b>đậm</b>" and "&lt;i&gt;" as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in results
    assert "&lt;b&gt;đậm&lt;/b&gt;" in results
    assert "&amp;lt;i&amp;gt;" in results
    assert "An toàn &lt;b&gt;<mark>trẻ</mark> <mark>em</mark>&lt;/b&gt;" in results


def test_snippet_and_highlight_escape_everything_but_their_marks():
    parsed = parse_query("tre em")

    cut = snippet('<img src=x onerror="x">' + " chữ" * 100 + " trẻ em & <b>", parsed)
    whole = highlight("<trẻ> em", parsed)

    assert str(whole) == "&lt;<mark>trẻ</mark>&gt; <mark>em</mark>"
    assert "<img" not in cut
    assert "&lt;img" not in cut
    assert cut.endswith("<mark>trẻ</mark> <mark>em</mark> &amp; &lt;b&gt;")
    assert cut.startswith("… ")


# Queries ------------------------------------------------------------------------------------


def count_queries(client, query) -> int:
    with CaptureQueriesContext(connection) as captured:
        get(client, query)
    return len(captured)


def test_the_page_runs_a_fixed_number_of_queries(
    client, make, directives, django_assert_max_num_queries
):
    get(client, "khoi dong")  # caches of the site's menus and counters are warm from here
    photo = LibraryImageFactory()
    for n in range(3):
        make(f"Tuổi trẻ học tập Chỉ thị 20 đợt {n}", hours_ago=n + 1,
             body=NEUTRAL_BODY + figure_html(photo, caption=f"Ảnh {n}"))
    few = {q: count_queries(client, q) for q in ("tuoi tre", "chỉ thị 20", "a")}

    for n in range(3, 40):
        article = make(f"Tuổi trẻ học tập Chỉ thị 20 đợt {n}", hours_ago=n + 1,
                       body=NEUTRAL_BODY + figure_html(photo, caption=f"Ảnh {n}"))
        article.directives.add(directives["wanted"])
    many = {q: count_queries(client, q) for q in ("tuoi tre", "chỉ thị 20", "a")}

    assert few == many
    with django_assert_max_num_queries(12):
        get(client, "chỉ thị 20", page=2)


# The query parser ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "symbol", "doc_types", "year"),
    [
        ("20-CT/TW", "20", "CTTW", ("chi_thi",), None),
        ("20/CT-TW", "20", "CTTW", ("chi_thi",), None),
        ("Chỉ thị số 20-CT/TW ngày 05/11/2012", "20", "CTTW", ("chi_thi",), None),
        ("chỉ thị 20", "20", "", ("chi_thi",), None),
        ("chi thi so 20", "20", "", ("chi_thi",), None),
        ("CT 20", "20", "CT", ("chi_thi",), None),
        ("Nghị định 42/2022/NĐ-CP", "42", "NDCP", ("nghi_dinh",), 2022),
        ("Quy định 367-QĐ/TWĐTN-VP", "367", "QDTWDTNVP", ("quy_dinh",), None),
        ("nghị quyết số 09", "9", "", ("nghi_quyet",), None),
    ],
)
def test_directive_references_are_recognised(text, number, symbol, doc_types, year):
    reference = parse_query(text).directive

    assert (reference.number_key, reference.symbol_key, reference.doc_types, reference.year) == (
        number, symbol, doc_types, year
    )


@pytest.mark.parametrize("text", ["tre em", "năm 2020", "20 đoàn viên", "tháng 5"])
def test_ordinary_queries_name_no_directive(text):
    assert parse_query(text).directive is None


def test_tsquery_is_built_from_words_only():
    assert parse_query("tre & em | !dang:*").tsquery() == "'tre' & 'em' & 'dang'"
    assert parse_query("tre & em | !dang").tsquery() == "'tre' & 'em' & 'dang':*"
    assert parse_query("chỉ thị 5").tsquery() == "'chi' & 'thi' & ('5' | '05')"
    assert parse_query("tre em ").tsquery() == "'tre' & 'em'"
