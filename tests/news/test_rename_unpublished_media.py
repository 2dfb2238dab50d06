"""manage.py rename_unpublished_media: files stored before random names, of articles readers
cannot see yet (their covers, library images, and their captioned photos), get random names;
renditions are made again, the rows follow (the articles and their revisions point at the
same library image), and the old files go only once nothing shows them. Real files on disk,
the real command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from factories import ArticleFactory, LibraryImageFactory, figure_html
from sample_files import jpeg_bytes

from images.renditions import rendition_names
from images.uploads import is_unguessable
from library.models import LibraryImage
from news.models import Article

pytestmark = pytest.mark.django_db

OLD_COVER = "articles/covers/2026/12/bia-hoi-nghi.jpg"


def stored(name: str, content: bytes) -> str:
    """A file as an older version stored it: under the uploader's name."""
    saved = default_storage.save(name, ContentFile(content))
    assert saved == name
    return name


def legacy_article(cover: str, **kwargs) -> Article:
    """An article whose cover was saved by an older version (the name is the file's own),
    moved into the library by the upgrade."""
    article = ArticleFactory(cover=LibraryImageFactory(file=cover, width=64, height=36), **kwargs)
    assert article.cover.card_renditions.get("source") == cover
    return article


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("rename_unpublished_media", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def draft(**kwargs):
    return {"status": Article.Status.DRAFT, "published_at": None, **kwargs}


def test_drafts_and_scheduled_articles_get_random_names_and_published_ones_keep_theirs(
    media_root,
):
    picture = jpeg_bytes(size=(800, 450))
    stored(OLD_COVER, picture)
    stored("articles/covers/2026/12/hen-gio.jpg", picture)
    stored("articles/covers/2026/11/da-dang.jpg", picture)
    embargoed = legacy_article(OLD_COVER, **draft())
    scheduled = legacy_article("articles/covers/2026/12/hen-gio.jpg",
                               published_at=timezone.now() + timedelta(days=2))
    published = legacy_article("articles/covers/2026/11/da-dang.jpg")
    old_renditions = rendition_names(embargoed.cover.card_renditions)
    published_before = (published.cover.file.name, published.cover.card_renditions)

    out, err = run()

    assert err == ""
    assert "Đã đổi tên 2 tệp của các bài chưa đăng." in out
    for article, old_name in ((embargoed, OLD_COVER),
                              (scheduled, "articles/covers/2026/12/hen-gio.jpg")):
        article.refresh_from_db()
        new = article.cover.file.name
        assert is_unguessable(new)
        assert new.startswith("library/images/")
        assert new.endswith(".jpg")
        assert f"{old_name} → {new}" in out
        assert (media_root / new).read_bytes() == picture
        assert not (media_root / old_name).exists()
        assert article.cover.original_name == old_name.rsplit("/", 1)[1]
        # Renditions made again, under the new name, and described on the row.
        assert article.cover.card_renditions["source"] == new
        assert all(
            (media_root / path).exists() for path in rendition_names(article.cover.card_renditions)
        )
        assert all(path.startswith(f"renditions/{new}/")
                   for path in rendition_names(article.cover.card_renditions))
        # Its revisions show the same library image, so restoring one shows the new file.
        assert set(article.history.values_list("cover_id", flat=True)) <= {None, article.cover_id}
    assert not any((media_root / path).exists() for path in old_renditions)
    # Not even an empty folder of renditions is left to confirm the old name.
    assert not list((media_root / "renditions").rglob("*bia-hoi-nghi*"))

    published.refresh_from_db()
    assert (published.cover.file.name, published.cover.card_renditions) == published_before
    assert (media_root / "articles/covers/2026/11/da-dang.jpg").exists()


def test_library_photos_in_a_draft_s_text_keep_their_names(media_root):
    # Their address is written in the text (news migration 0021): renaming the file would
    # leave the text pointing at nothing.
    name = stored("articles/images/2026/12/toan-canh.jpg", jpeg_bytes(size=(900, 600)))
    image = LibraryImageFactory()
    LibraryImage.objects.filter(pk=image.pk).update(file=name, width=900, height=600)
    ArticleFactory(**draft(), body=figure_html(LibraryImage.objects.get(pk=image.pk)))

    run()

    assert LibraryImage.objects.get(pk=image.pk).file.name == name
    assert (media_root / name).exists()


def test_a_file_a_published_article_shares_is_copied_not_moved(media_root):
    shared = stored("demo/photo-03.jpg", jpeg_bytes(size=(640, 360)))
    published = legacy_article(shared)
    embargoed = legacy_article(shared, **draft())

    out, _ = run()

    embargoed.refresh_from_db()
    published.refresh_from_db()
    assert is_unguessable(embargoed.cover.file.name)
    assert published.cover.file.name == shared
    assert (media_root / shared).exists()
    assert all(
        (media_root / path).exists() for path in rendition_names(published.cover.card_renditions)
    )
    assert "giữ tệp cũ" in out


def test_a_dry_run_changes_nothing(media_root, media_files):
    stored(OLD_COVER, jpeg_bytes())
    article = legacy_article(OLD_COVER, **draft())
    before = media_files()

    out, _ = run("--dry-run")

    assert f"Sẽ đổi tên: {OLD_COVER}" in out
    article.refresh_from_db()
    assert article.cover.file.name == OLD_COVER
    assert media_files() == before


def test_running_it_again_does_nothing(media_root, media_files):
    stored(OLD_COVER, jpeg_bytes())
    legacy_article(OLD_COVER, **draft())
    run()
    after_first = media_files()

    out, _ = run()

    assert "Đã đổi tên 0 tệp" in out
    assert media_files() == after_first


def test_a_missing_or_broken_file_is_left_as_it_is(media_root, media_files):
    stored(OLD_COVER, jpeg_bytes())
    missing = legacy_article(OLD_COVER, **draft())
    (media_root / OLD_COVER).unlink()
    stored("articles/covers/2026/12/hong.jpg", b"not an image at all")
    broken = legacy_article("articles/covers/2026/12/hong.jpg", **draft())
    before = media_files()

    _, err = run()

    assert f"Không đổi tên {OLD_COVER}" in err
    assert "Không đổi tên articles/covers/2026/12/hong.jpg" in err
    missing.refresh_from_db()
    broken.refresh_from_db()
    assert missing.cover.file.name == OLD_COVER
    assert broken.cover.file.name == "articles/covers/2026/12/hong.jpg"
    assert media_files() == before  # no copy left behind


def test_a_renamed_cover_keeps_its_focal_point_in_its_card_renditions():
    stored(OLD_COVER, jpeg_bytes(size=(1600, 600)))
    article = ArticleFactory(
        cover=LibraryImageFactory(file=OLD_COVER, focal_x=0.95, focal_y=0.5), **draft()
    )
    old = rendition_names(article.cover.card_renditions)
    assert all("-f95x50." in name for name in old)

    run()

    cover = LibraryImage.objects.get(pk=article.cover_id)
    assert is_unguessable(cover.file.name)
    assert cover.card_renditions["focal"] == [0.95, 0.5]
    names = rendition_names(cover.card_renditions)
    assert all(name.startswith(f"renditions/{cover.file.name}/") for name in names)
    assert all("-f95x50." in name for name in names)
    assert all(default_storage.exists(name) for name in names)
    assert not any(default_storage.exists(name) for name in old)
    assert "focal" not in cover.renditions
