"""Figures in the comparison of two versions (news/version_compare.py), through the admin's
comparison page: each figure as a reader sees it (a small picture, its number, its caption),
a changed caption marked word by word, a photo added, removed or replaced, and a change of
markup alone not shown as a change."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories import CategoryFactory, OrganizationFactory, member
from figure_samples import figure, library_figure, library_image

from accounts.roles import REPORTER
from news.models import Article
from news.services import article_save

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]


@pytest.fixture
def reporter():
    province = OrganizationFactory(name="Tỉnh ủy Bến Tre")
    user = member(REPORTER, province, username="phongvien", last_name="Trần", first_name="Thư")
    user.organization = province
    return user


def write(reporter, body) -> Article:
    article = Article(
        title="Tuổi trẻ Bến Tre ra quân", summary="Sapo.", body=body,
        organization=reporter.organization, category=CategoryFactory(), author=reporter,
    )
    article._history_user = reporter
    return article_save(article=article, by=reporter).article


def rewrite(article, reporter, body) -> None:
    article.refresh_from_db()
    article.body = body
    article._history_user = reporter
    article_save(article=article, by=reporter)


def compare(client, reporter, article, **query) -> str:
    older, newer = article.history.order_by("history_date", "history_id")
    client.force_login(reporter)
    url = reverse("admin:news_article_compare", args=[article.pk])
    extra = "".join(f"&{key}={value}" for key, value in query.items())
    response = client.get(f"{url}?from={older.history_id}&to={newer.history_id}{extra}")
    assert response.status_code == 200
    return response.content.decode()


def body_section(page: str) -> str:
    return re.search(r'<section class="field-change field-body">.*?</section>', page, re.S).group(0)


def figure_changes(page: str) -> list[str]:
    """The figures' blocks of the body's comparison, each from its opening tag to the next."""
    pieces = body_section(page).split('<div class="block-change ')[1:]
    return [f'<div class="block-change {piece}' for piece in pieces
            if "kind-figure" in piece.split(">", 1)[0]]


def test_a_changed_caption_is_marked_word_by_word_beside_the_picture(client, reporter):
    photo = library_image(size=(1600, 1000))
    article = write(
        reporter, "<p>Mở đầu.</p>" + library_figure(photo, "Đoàn viên ra quân sáng chủ nhật")
    )
    rewrite(article, reporter,
            "<p>Mở đầu.</p>" + library_figure(photo, "Đoàn viên ra quân chiều thứ bảy"))

    page = compare(client, reporter, article)

    [change] = figure_changes(page)
    assert "op-change" in change
    assert "<del>sáng chủ nhật</del>" in change
    assert "<ins>chiều thứ bảy</ins>" in change
    assert change.count('<span class="figure-number">Hình 1:</span>') == 2
    # The picture previewed from its smallest rendition, never the upload itself.
    thumbnail = photo.picture.jpeg[0].url
    assert change.count(f'<img class="version-picture" src="{thumbnail}"') == 2
    assert photo.file.url not in page
    assert "Ảnh đã bỏ" not in change
    assert "Ảnh mới" not in change


def test_a_replaced_photo_shows_the_old_picture_and_the_new(client, reporter):
    old, new = library_image(size=(800, 600)), library_image(size=(900, 600))
    article = write(reporter, library_figure(old, "Lễ ra quân"))
    rewrite(article, reporter, library_figure(new, "Lễ ra quân"))

    side = figure_changes(compare(client, reporter, article))
    inline = figure_changes(compare(client, reporter, article, view="inline"))

    assert len(side) == 1
    assert "op-replace" in side[0]
    old_cell, new_cell = re.findall(r'<div class="cell (?:old|new)">.*?</div>', side[0], re.S)
    assert "Ảnh đã bỏ" in old_cell
    assert old.picture.jpeg[0].url in old_cell
    assert "Ảnh mới" in new_cell
    assert new.picture.jpeg[0].url in new_cell
    assert "<del>" not in side[0]
    assert "<ins>" not in side[0]
    pictures = re.search(r'<span class="figure-pictures">.*?</span>\s*\n', inline[0], re.S).group(0)
    assert pictures.index(old.picture.jpeg[0].url) < pictures.index(new.picture.jpeg[0].url)
    assert "Ảnh đã thay" in inline[0]


def test_an_added_and_a_removed_figure_are_marked_so(client, reporter):
    kept = figure("/media/editor/2024/giu.jpg", "Ảnh giữ nguyên")
    dropped = figure("/media/editor/2024/bo.jpg", "Ảnh bị bỏ")
    added = library_figure(library_image(), "Ảnh thêm vào")
    article = write(reporter, f"<p>Một.</p>{dropped}<p>Hai.</p>{kept}")
    rewrite(article, reporter, f"<p>Một.</p><p>Hai.</p>{kept}<p>Ba.</p>{added}")

    changes = figure_changes(compare(client, reporter, article))

    removed = next(change for change in changes if "op-delete" in change)
    assert "Ảnh đã bỏ" in removed
    assert "<del>Ảnh bị bỏ</del>" in removed
    assert 'src="/media/editor/2024/bo.jpg"' in removed
    inserted = next(change for change in changes if "op-insert" in change)
    assert "Ảnh mới" in inserted
    assert "<ins>Ảnh thêm vào</ins>" in inserted
    assert '<span class="figure-number">Hình 2:</span>' in inserted
    assert not any("op-change" in change or "op-replace" in change for change in changes)


def test_a_change_of_markup_alone_is_not_a_change(client, reporter):
    photo = library_image()
    src = photo.file.url
    article = write(reporter, (
        f'<figure class="image"><img src="{src}" alt="Lễ ra quân">'
        "<figcaption>Lễ ra quân</figcaption></figure>"
    ))
    rewrite(article, reporter, (
        f'<figure class="image image-style-side image_resized" style="width:50%;">'
        f'<img src="{src}" alt="Lễ ra quân" width="1600" height="1000">'
        "<figcaption><span>Lễ ra quân</span></figcaption></figure>"
    ))

    section = body_section(compare(client, reporter, article))

    assert "<ins>" not in section
    assert "<del>" not in section
    assert "op-change" not in section
    assert "op-replace" not in section
    assert "1 đoạn không đổi" in section


def test_a_changed_description_of_the_photo_is_shown(client, reporter):
    photo = library_image()
    article = write(reporter, library_figure(photo, "Lễ ra quân", alt="Đoàn viên xếp hàng"))
    rewrite(article, reporter, library_figure(photo, "Lễ ra quân", alt="Đoàn viên xếp hàng dài"))

    [change] = figure_changes(compare(client, reporter, article))

    assert "Mô tả ảnh" in change
    assert "<ins> dài</ins>" in change


def test_a_caption_only_figure_that_gets_its_photo_back_is_a_replaced_photo(client, reporter):
    photo = library_image()
    article = write(reporter, figure("", "Quang cảnh hội nghị"))
    rewrite(article, reporter, library_figure(photo, "Quang cảnh hội nghị"))

    [change] = figure_changes(compare(client, reporter, article))

    assert "op-replace" in change
    assert "Không có ảnh (chỉ còn chú thích)" in change
    assert photo.picture.jpeg[0].url in change


def test_the_library_photos_of_both_versions_are_read_in_one_query(client, reporter):
    def queries_with(count):
        photos = [library_image(size=(300, 200)) for _ in range(count)]
        article = write(reporter, "".join(
            library_figure(photo, f"Lễ ra quân {n}") for n, photo in enumerate(photos)
        ))
        rewrite(article, reporter, "".join(
            library_figure(photo, f"Lễ ra quân đợt {n}") for n, photo in enumerate(photos)
        ))
        compare(client, reporter, article)  # the session and permissions warmed up
        with CaptureQueriesContext(connection) as queries:
            page = compare(client, reporter, article)
        assert page.count("<ins>đợt ") == count
        return len(queries)

    assert queries_with(1) == queries_with(4)
