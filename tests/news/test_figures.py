"""Figures in an article's text (news/figures.py): found in reading order, numbered when
shown whatever the editor typed, library photos shown from their renditions with their
credit, the article's ImageUse rows kept in step with its text, and the cached page renewed
when a photo it shows changes."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from factories import ArticleFactory
from figure_samples import figure, library_figure, library_image

from news.figures import figures_in, library_file_name, library_images_in, render_body
from news.models import ImageUse
from news.services import article_save

pytestmark = pytest.mark.django_db


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def figures_html(html: str) -> list[str]:
    """The figures of the text (not the cover shown above it)."""
    return re.findall(r'<figure(?! class="article-cover")[^>]*>.*?</figure>', html, flags=re.S)


def edit(article, **changes):
    article.refresh_from_db()
    for name, value in changes.items():
        setattr(article, name, value)
    return article_save(article=article).article


# Reading figures ----------------------------------------------------------------------------


def test_figures_are_read_in_order_with_caption_only_and_foreign_photos():
    body = (
        "<p>Mở đầu.</p>"
        + figure("/media/editor/2024/05/cu.jpg", "Ảnh tải lên trước đây", alt="Ảnh cũ")
        + "<p>Giữa bài.</p>"
        + figure("", "Quang cảnh hội nghị (ảnh đã mất khi chuyển trang)")
        + figure("https://baochinhphu.vn/anh.jpg", None, alt="Ảnh từ trang khác")
    )

    figures = figures_in(body)

    assert [(f.position, f.src, f.caption, f.alt) for f in figures] == [
        (1, "/media/editor/2024/05/cu.jpg", "Ảnh tải lên trước đây", "Ảnh cũ"),
        (2, "", "Quang cảnh hội nghị (ảnh đã mất khi chuyển trang)", ""),
        (3, "https://baochinhphu.vn/anh.jpg", "", "Ảnh từ trang khác"),
    ]


def test_a_typed_number_is_not_part_of_the_caption_even_in_its_own_markup():
    body = (
        figure("/a.jpg", "Hình 3: Lễ ra quân")
        + figure("/b.jpg", "<strong>Ảnh 2.</strong> Đoàn viên <em>tình nguyện</em> dọn rác")
        + figure("/c.jpg", "hình 12 - Trao quà")
        # Decomposed letters, as some Vietnamese keyboards type them.
        + figure("/d.jpg", "Hi\u0300nh 4: Tuyên dương")
        + figure("/e.jpg", "Ảnh: Minh Thư")  # a credit, not a number
    )

    assert [f.caption for f in figures_in(body)] == [
        "Lễ ra quân", "Đoàn viên tình nguyện dọn rác", "Trao quà", "Tuyên dương",
        "Ảnh: Minh Thư",
    ]


def test_a_table_or_a_video_in_a_figure_is_not_a_numbered_figure():
    body = (
        '<figure class="table"><table><tr><td>1</td></tr></table>'
        "<figcaption>Bảng kết quả</figcaption></figure>"
        '<figure class="media"><oembed url="https://www.youtube.com/watch?v=x"></oembed></figure>'
        + figure("/a.jpg", "Lễ ra quân")
    )

    assert [(f.position, f.caption) for f in figures_in(body)] == [(1, "Lễ ra quân")]
    assert 'id="hinh-1"' in render_body(body).html
    assert "Hình 2" not in render_body(body).html


def test_a_library_photo_is_known_by_its_file_name_wherever_its_address_points():
    name = "library/images/2026/12/3f0c9a.jpg"
    assert library_file_name(f"/media/{name}") == name
    assert library_file_name(f"https://cdn.example.vn/cong/{name}?v=2") == name
    rendition = f"/media/renditions/{name}/figure-800.webp"
    assert library_file_name(rendition) == name
    assert library_file_name(f"/media/renditions/{name}/card-320-f95x50.jpg") == name
    assert library_file_name("/media/editor/2026/12/3f0c9a.jpg") is None
    assert library_file_name("") is None


def test_a_file_named_like_a_rendition_is_still_the_image_itself():
    """Only an address under renditions/ loses its last part: "photo-12.jpg" is a name."""
    name = "library/images/demo/photo-12.jpg"
    assert library_file_name(f"/media/{name}") == name
    assert library_file_name(f"/media/renditions/{name}/figure-480.jpg") == name


def test_library_images_are_read_in_one_query_whatever_their_number():
    images = [library_image(size=(400, 300)) for _ in range(4)]
    body = "".join(library_figure(image, f"Ảnh {n}") for n, image in enumerate(images))
    body += figure("/media/editor/cu.jpg", "Ảnh cũ")

    with CaptureQueriesContext(connection) as queries:
        found = library_images_in(body)
        rendered = render_body(body)

    assert set(found) == {image.file.name for image in images}
    assert len(queries) == 2  # one each: library_images_in, then render_body
    assert rendered.figure_count == 5
    assert rendered.image_ids == tuple(sorted(image.pk for image in images))


def test_a_body_without_library_photos_costs_no_query():
    body = "<p>Chữ.</p>" + figure("/media/editor/cu.jpg", "Ảnh cũ") + figure("", "Chỉ chú thích")
    with CaptureQueriesContext(connection) as queries:
        rendered = render_body(body)
    assert len(queries) == 0
    assert rendered.figure_count == 2


def test_rendering_never_changes_what_lies_outside_the_figures():
    image = library_image(size=(400, 300))
    before = '<p class="lead">Mở &amp; đầu\n<a href="/x">liên kết</a></p>\n<ul><li>Một</li></ul>\n'
    after = "\n<h2>Mục hai</h2><p>Kết &lt;thúc&gt;.</p>"
    body = before + library_figure(image, "Lễ ra quân") + after

    html = str(render_body(body).html)

    assert html.startswith(before)
    assert html.endswith(after)


# The article page ----------------------------------------------------------------------------


def test_figures_between_paragraphs_are_numbered_in_reading_order_and_renumbered_when_moved(
    client,
):
    rally = library_image(caption="Lễ ra quân", credit="Minh Thư")
    first = library_figure(rally, "Hình 2: Lễ ra quân chiến dịch")
    second = figure("", "Đoàn viên dọn vệ sinh bãi biển")
    article = ArticleFactory(body=f"<p>Một.</p>{first}<p>Hai.</p>{second}<p>Ba.</p>")

    shown = figures_html(page(client, article))
    assert 'id="hinh-1"' in shown[0]
    assert "Lễ ra quân chiến dịch" in shown[0]
    assert '<span class="figure-number">Hình 1:</span> Lễ ra quân chiến dịch' in shown[0]
    assert "Hình 2: Lễ" not in shown[0]
    assert 'id="hinh-2"' in shown[1]
    assert '<span class="figure-number">Hình 2:</span> Đoàn viên dọn vệ sinh' in shown[1]

    edit(article, body=f"<p>Một.</p>{second}<p>Hai.</p>{first}<p>Ba.</p>")

    shown = figures_html(page(client, article))
    assert '<span class="figure-number">Hình 1:</span> Đoàn viên dọn vệ sinh' in shown[0]
    assert '<span class="figure-number">Hình 2:</span> Lễ ra quân chiến dịch' in shown[1]
    article.refresh_from_db()
    assert "Hình 1" not in article.body  # the stored text is never numbered
    assert "figure-number" not in article.body


def test_a_library_photo_is_shown_from_its_renditions_lazily_after_the_first(client):
    photos = [library_image(size=(1600, 1000)), library_image(size=(1200, 900))]
    article = ArticleFactory(body=(
        "<p>Một.</p>" + library_figure(photos[0], "Lễ ra quân")
        + "<p>Hai.</p>" + library_figure(photos[1], "Trao quà", alt="Bí thư trao quà")
    ))

    shown = figures_html(page(client, article))

    one = photos[0].picture
    assert (
        f'<source type="image/webp" srcset="{one.webp[0].url} 480w, {one.webp[1].url} 800w, '
        f'{one.webp[2].url} 1200w"'
    ) in shown[0]
    first_img = re.search(r"<img [^>]*>", shown[0]).group(0)
    assert f'src="{one.fallback(800).url}"' in first_img
    assert 'width="800" height="500"' in first_img
    assert 'loading="eager" fetchpriority="high"' in first_img
    assert 'alt="Lễ ra quân"' in first_img  # no alt typed, none in the library: the caption
    second_img = re.search(r"<img [^>]*>", shown[1]).group(0)
    assert 'width="800" height="600"' in second_img
    assert 'loading="lazy"' in second_img
    assert 'alt="Bí thư trao quà"' in second_img
    assert photos[0].file.url not in "".join(shown)  # never the upload itself


def test_with_a_cover_every_photo_of_the_text_is_lazy(client):
    photo = library_image(size=(900, 600))
    article = ArticleFactory(body=library_figure(photo, "Lễ ra quân"), cover=library_image())
    img = re.search(r"<img [^>]*>", figures_html(page(client, article))[0]).group(0)
    assert 'loading="lazy"' in img


def test_alt_and_credit_come_from_the_library_when_the_text_gives_none(client):
    credited = library_image(alt_text="Đoàn viên xếp hàng trước tỉnh ủy", credit="Minh Thư")
    named = library_image(credit="Hữu Phước")
    article = ArticleFactory(body=(
        library_figure(credited, "Lễ ra quân")
        + library_figure(named, "Trao quà. Ảnh: Hữu Phước")
    ))

    shown = figures_html(page(client, article))

    assert 'alt="Đoàn viên xếp hàng trước tỉnh ủy"' in shown[0]
    assert 'Lễ ra quân <span class="figure-credit">(Ảnh: Minh Thư)</span>' in shown[0]
    assert "figure-credit" not in shown[1]  # the caption names the photographer already


def test_a_foreign_photo_and_a_caption_only_figure_keep_their_markup_and_are_numbered(client):
    article = ArticleFactory(body=(
        figure("/media/editor/2024/05/cu.jpg", None, alt="Ảnh cũ")
        + figure("", "Ảnh 7: Quang cảnh hội nghị")
    ))

    shown = figures_html(page(client, article))

    assert re.search(r'<img src="/media/editor/2024/05/cu.jpg" alt="Ảnh cũ"[^>]*loading="lazy"',
                     shown[0])
    assert '<figcaption><span class="figure-number">Hình 1</span></figcaption>' in shown[0]
    assert "<img" not in shown[1]
    assert '<span class="figure-number">Hình 2:</span> Quang cảnh hội nghị' in shown[1]
    assert "Ảnh 7" not in shown[1]


def test_a_caption_keeps_its_own_markup_and_stays_escaped(client):
    article = ArticleFactory(body=figure(
        "/media/editor/a.jpg",
        '<strong>Hình 1:</strong> Đồng chí <a href="https://bentre.gov.vn">Bí thư</a> '
        "&lt;phát biểu&gt;",
    ))

    shown = figures_html(page(client, article))[0]

    assert (
        '<span class="figure-number">Hình 1:</span> Đồng chí '
        '<a href="https://bentre.gov.vn" rel="noopener noreferrer">Bí thư</a> &lt;phát biểu&gt;'
    ) in shown
    assert "<strong></strong>" not in shown


# Where library images are used -----------------------------------------------------------------


def uses(article) -> set[tuple[int, bool]]:
    return set(ImageUse.objects.filter(article=article).values_list("image_id", "as_cover"))


def test_image_uses_follow_the_text_on_create_edit_and_removal():
    first, second = library_image(), library_image()
    article = ArticleFactory(body="<p>Chữ.</p>" + library_figure(first, "Một"))
    assert uses(article) == {(first.pk, False)}

    edit(article, body=library_figure(first, "Một") + library_figure(second, "Hai")
         + library_figure(first, "Lại một"))
    assert uses(article) == {(first.pk, False), (second.pk, False)}
    assert ImageUse.objects.filter(article=article).count() == 2

    edit(article, body=library_figure(second, "Hai"))
    assert uses(article) == {(second.pk, False)}

    edit(article, body="<p>Không còn ảnh.</p>")
    assert uses(article) == set()


def test_a_save_that_leaves_the_text_alone_keeps_the_uses():
    image = library_image()
    article = ArticleFactory(body=library_figure(image, "Một"))
    article.title = "Tiêu đề mới"
    article_save(article=article, update_fields=["title", "updated_at"])
    assert uses(article) == {(image.pk, False)}


def test_a_restored_version_brings_its_uses_back():
    from news.services import article_restore_version

    image = library_image()
    article = ArticleFactory(body=library_figure(image, "Một"))
    edit(article, body="<p>Bỏ ảnh.</p>")
    assert uses(article) == set()

    oldest = article.history.order_by("history_date", "history_id").first()
    article_restore_version(article=article, version=oldest)

    assert uses(article) == {(image.pk, False)}


def test_the_stored_text_keeps_what_figures_need():
    image = library_image()
    src = settings.MEDIA_URL + image.file.name
    article = ArticleFactory(body=(
        f'<figure class="image"><img src="{src}" alt="Lễ ra quân" width="1600" height="1000">'
        "<figcaption>Lễ <em>ra quân</em></figcaption></figure>"
    ))
    article.refresh_from_db()
    assert f'<img src="{src}" alt="Lễ ra quân" width="1600" height="1000"' in article.body
    assert "<figcaption>Lễ <em>ra quân</em></figcaption>" in article.body


# The page cache ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("page_cache_on")
def test_a_change_to_a_library_photo_renews_the_pages_that_show_it(
    client, django_capture_on_commit_callbacks
):
    image = library_image(credit="Minh Thư")
    article = ArticleFactory(body=library_figure(image, "Lễ ra quân"))
    other = ArticleFactory(body="<p>Không có ảnh.</p>")
    assert "(Ảnh: Minh Thư)" in page(client, article)
    page(client, other)
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        image.credit = "Hữu Phước"
        image.save()

    response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "(Ảnh: Hữu Phước)" in response.content.decode()
    assert client.get(other.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_figure_with_a_picture_of_its_own_is_numbered_and_kept_as_it_is():
    own = (
        '<figure class="image"><picture><source srcset="/media/editor/a.webp" type="image/webp">'
        '<img src="/media/editor/a.jpg" alt="Ảnh"></picture><figcaption>Lễ ra quân</figcaption>'
        "</figure>"
    )

    html = str(render_body(own).html)

    assert [f.src for f in figures_in(own)] == ["/media/editor/a.jpg"]
    assert '<picture><source srcset="/media/editor/a.webp" type="image/webp">' in html
    assert html.count("<picture>") == 1
    assert '<span class="figure-number">Hình 1:</span> Lễ ra quân' in html
