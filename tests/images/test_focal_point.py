"""The 16:9 copies of a library photo are cut around its focal point (focal_x, focal_y):
the crop follows it, the copies' names change with it, the figure copies ignore it."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from factories import ArticleFactory, LibraryImageFactory
from PIL import Image

from images.renditions import CARD, FIGURE, focal_point, render, rendition_names
from library.models import CARD_RENDITIONS, LibraryImage

pytestmark = pytest.mark.django_db

# 1600×600, white but for a red square at the far right: a centred 16:9 crop (1067 wide,
# from x=266) misses it; a crop around x=0.95 ends at the right edge and holds it.
SIZE = (1600, 600)
RED_SQUARE = (1450, 225, 1600, 375)
ON_THE_SQUARE = (0.95, 0.5)


def red_square_photo(name="quang-truong.png") -> ContentFile:
    image = Image.new("RGB", SIZE, (255, 255, 255))
    image.paste((220, 0, 0), RED_SQUARE)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=name)


def red_pixels(data: bytes) -> int:
    with Image.open(io.BytesIO(data)) as image:
        rgb = image.convert("RGB")
        return sum(1 for r, g, b in rgb.get_flattened_data() if r > 180 and g < 70 and b < 70)


def stored(name: str) -> bytes:
    with default_storage.open(name, "rb") as file:
        return file.read()


def jpeg_names(description: dict) -> list[str]:
    return [name for _, _, name in description["jpeg"]]


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_crop_holds_the_focal_point_and_a_centred_crop_does_not():
    centred = render(red_square_photo(), CARD)
    around = render(red_square_photo(), CARD, focal=ON_THE_SQUARE)
    assert [(w, h, fmt) for w, h, fmt, _ in around] == [(w, h, fmt) for w, h, fmt, _ in centred]
    assert (centred[0][0], centred[0][1]) == (320, 180)
    for _, _, _, data in centred:
        assert red_pixels(data) == 0
    for width, _, _, data in around:
        # The square is 150 of the crop's 1067 pixels high and wide: about 2 % of its area.
        assert red_pixels(data) > width * width * 9 / 16 * 0.015


def test_a_point_beyond_what_the_image_allows_gives_the_crop_at_that_edge():
    at_the_edge = render(red_square_photo(), CARD, focal=(1.0, 0.0))
    nearly = render(red_square_photo(), CARD, focal=(0.8, 0.5))
    # x=0.8 (1280) would centre a crop reaching past the right edge: it is clamped there.
    assert [data for *_, data in at_the_edge] == [data for *_, data in nearly]
    assert red_pixels(at_the_edge[0][3]) > 0


def test_the_figure_is_not_cropped_whatever_the_focal_point():
    assert render(red_square_photo(), FIGURE, focal=(0.1, 0.9)) == render(
        red_square_photo(), FIGURE
    )


def test_focal_points_are_kept_to_whole_percents_and_centred_when_missing():
    assert focal_point(None, None) is None
    assert focal_point(0.954, None) == (0.95, 0.5)
    assert focal_point(0.006, 1.2) == (0.01, 1.0)


def test_without_a_focal_point_the_card_renditions_keep_their_plain_names():
    image = LibraryImageFactory(file=red_square_photo())
    names = jpeg_names(image.card_renditions)
    folder = f"renditions/{image.file.name}"
    assert names == [f"{folder}/card-{width}.jpg" for width in (320, 480, 640, 960)]
    assert "focal" not in image.card_renditions
    assert all(red_pixels(stored(name)) == 0 for name in names)


def test_a_photo_uploaded_with_a_focal_point_is_cropped_around_it():
    image = LibraryImageFactory(file=red_square_photo(), focal_x=0.95, focal_y=0.5)
    description = LibraryImage.objects.get(pk=image.pk).card_renditions
    assert description["focal"] == [0.95, 0.5]
    names = jpeg_names(description)
    assert names == [
        f"renditions/{image.file.name}/card-{width}-f95x50.jpg" for width in (320, 480, 640, 960)
    ]
    assert all(red_pixels(stored(name)) > 0 for name in names)
    # The figure's copies have no focal point in their names or description.
    assert "focal" not in image.renditions
    assert all("-f" not in name for name in rendition_names(image.renditions))


def test_changing_the_focal_point_makes_new_renditions_under_new_names_and_the_page_shows_them(
    client, django_capture_on_commit_callbacks
):
    image = LibraryImageFactory(file=red_square_photo())
    article = ArticleFactory(cover=image)
    centred = rendition_names(image.card_renditions)
    figure = dict(image.renditions)
    figure_files = {name: stored(name) for name in rendition_names(figure)}
    news_list = html(client.get("/tin-tuc/"))
    assert centred[0] in news_list  # card-320.jpg, the <img>'s src

    with django_capture_on_commit_callbacks(execute=True):
        image.focal_x, image.focal_y = ON_THE_SQUARE
        image.save()

    image.refresh_from_db()
    moved = rendition_names(image.card_renditions)
    assert image.card_renditions["focal"] == [0.95, 0.5]
    assert not set(moved) & set(centred)
    assert all(default_storage.exists(name) for name in moved)
    assert all(red_pixels(stored(name)) > 0 for name in jpeg_names(image.card_renditions))
    # The centred copies nobody shows any more are gone.
    assert not any(default_storage.exists(name) for name in centred)
    # The figure's copies are the same files, untouched.
    assert image.renditions == figure
    assert {name: stored(name) for name in rendition_names(figure)} == figure_files

    news_list = html(client.get("/tin-tuc/"))
    card = article.__class__.objects.get(pk=article.pk).cover_picture
    img = re.search(r'<img src="[^"]*/card-320-f95x50\.jpg"[^>]*>', news_list)
    assert img, news_list
    assert card.jpeg[0].url in img.group(0)
    assert f'<source type="image/webp" srcset="{card.webp[0].url} 320w, ' in news_list
    assert "-f95x50.webp" in card.webp[0].url
    for name in centred:
        assert f"/{name}" not in news_list

    # Another point, other names again; the previous point's copies go.
    with django_capture_on_commit_callbacks(execute=True):
        image.focal_x = 0.05
        image.save(update_fields=["focal_x"])
    image.refresh_from_db()
    again = rendition_names(image.card_renditions)
    assert all("-f5x50." in name for name in again)
    assert not any(default_storage.exists(name) for name in moved)
    assert all(red_pixels(stored(name)) == 0 for name in jpeg_names(image.card_renditions))


def test_saving_without_changing_the_focal_point_makes_nothing_again():
    image = LibraryImageFactory(file=red_square_photo(), focal_x=0.95, focal_y=0.5)
    description = dict(image.card_renditions)
    first = stored(jpeg_names(description)[0])
    image.caption = "Quảng trường trung tâm"
    image.focal_x = 0.951  # the same whole percent: the same crop
    image.save()
    image.refresh_from_db()
    assert image.card_renditions == description
    assert stored(jpeg_names(description)[0]) == first


def test_removing_the_focal_point_brings_the_centred_names_back(
    django_capture_on_commit_callbacks,
):
    image = LibraryImageFactory(file=red_square_photo(), focal_x=0.95, focal_y=0.5)
    around = rendition_names(image.card_renditions)
    with django_capture_on_commit_callbacks(execute=True):
        image.focal_x = image.focal_y = None
        image.save()
    image.refresh_from_db()
    assert "focal" not in image.card_renditions
    assert jpeg_names(image.card_renditions)[0].endswith("/card-320.jpg")
    assert not any(default_storage.exists(name) for name in around)


def test_renditions_another_row_shows_with_its_own_point_are_kept(
    django_capture_on_commit_callbacks,
):
    first = LibraryImageFactory(file=red_square_photo())
    # A second row showing the very same file, centred too.
    second = LibraryImageFactory(file=first.file.name)
    centred = rendition_names(first.card_renditions)
    assert rendition_names(second.card_renditions) == centred

    with django_capture_on_commit_callbacks(execute=True):
        first.focal_x, first.focal_y = ON_THE_SQUARE
        first.save()
    assert all(default_storage.exists(name) for name in centred)
    second.refresh_from_db()
    assert rendition_names(second.card_renditions) == centred

    # Once the second row shows the same point, the centred copies are nobody's.
    with django_capture_on_commit_callbacks(execute=True):
        second.focal_x, second.focal_y = ON_THE_SQUARE
        second.save()
    second.refresh_from_db()
    first.refresh_from_db()
    assert rendition_names(second.card_renditions) == rendition_names(first.card_renditions)
    assert not any(default_storage.exists(name) for name in centred)
    assert all(default_storage.exists(name) for name in rendition_names(first.card_renditions))


def test_make_renditions_counts_a_description_of_another_focal_point_as_missing():
    moved = LibraryImageFactory(file=red_square_photo(name="a.png"))
    kept = LibraryImageFactory(file=red_square_photo(name="b.png"), focal_x=0.95, focal_y=0.5)
    centred = rendition_names(moved.card_renditions)
    kept_description = dict(kept.card_renditions)
    # The point changed without the save that would have had the renditions made.
    LibraryImage.objects.filter(pk=moved.pk).update(focal_x=0.95, focal_y=0.5)
    assert list(CARD_RENDITIONS.rows_missing_renditions()) == [
        LibraryImage.objects.get(pk=moved.pk)
    ]

    call_command("make_renditions", "--missing-only", stdout=io.StringIO(), verbosity=0)

    moved.refresh_from_db()
    assert moved.card_renditions["focal"] == [0.95, 0.5]
    assert all(red_pixels(stored(name)) > 0 for name in jpeg_names(moved.card_renditions))
    assert not any(default_storage.exists(name) for name in centred)
    assert LibraryImage.objects.get(pk=kept.pk).card_renditions == kept_description
    assert not CARD_RENDITIONS.rows_missing_renditions().exists()


def test_the_worker_reads_the_focal_point_from_the_row(database_tasks):
    image = LibraryImageFactory(file=red_square_photo())
    database_tasks()
    image.refresh_from_db()
    centred = jpeg_names(image.card_renditions)

    image.focal_x, image.focal_y = ON_THE_SQUARE
    image.save()
    assert LibraryImage.objects.get(pk=image.pk).card_renditions == {}
    # Changed again before the worker ran, without a save: the worker crops for this one.
    LibraryImage.objects.filter(pk=image.pk).update(focal_x=0.9)
    database_tasks()

    image.refresh_from_db()
    assert image.card_renditions["focal"] == [0.9, 0.5]
    assert all(name.endswith("-f90x50.jpg") for name in jpeg_names(image.card_renditions))
    assert not any(default_storage.exists(name) for name in centred)
