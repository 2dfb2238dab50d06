"""manage.py rename_unpublished_media: files stored before random names, of articles readers
cannot see yet, get random names; renditions are made again, rows and revisions follow, and
the old files go only once nothing shows them. Real files on disk, the real command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from factories import ArticleFactory, ArticleImageFactory
from sample_files import jpeg_bytes

from images.renditions import rendition_names
from images.uploads import is_unguessable
from news.models import Article, ArticleImage

pytestmark = pytest.mark.django_db

OLD_COVER = "articles/covers/2026/12/bia-hoi-nghi.jpg"


def stored(name: str, content: bytes) -> str:
    """A file as an older version stored it: under the uploader's name."""
    saved = default_storage.save(name, ContentFile(content))
    assert saved == name
    return name


def legacy_article(cover: str, **kwargs) -> Article:
    """An article whose cover was saved by an older version: the name is the file's own."""
    article = ArticleFactory(**kwargs)
    article.cover_image = cover
    article.save()  # renditions made, revision kept, as then
    assert article.cover_renditions["source"] == cover
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
    old_renditions = rendition_names(embargoed.cover_renditions)
    published_before = (published.cover_image.name, published.cover_renditions)

    out, err = run()

    assert err == ""
    assert "Đã đổi tên 2 tệp của các bài chưa đăng." in out
    for article, old_name in ((embargoed, OLD_COVER),
                              (scheduled, "articles/covers/2026/12/hen-gio.jpg")):
        article.refresh_from_db()
        new = article.cover_image.name
        assert is_unguessable(new)
        assert new.startswith("articles/covers/")
        assert new.endswith(".jpg")
        assert f"{old_name} → {new}" in out
        assert (media_root / new).read_bytes() == picture
        assert not (media_root / old_name).exists()
        assert article.cover_original_name == old_name.rsplit("/", 1)[1]
        # Renditions made again, under the new name, and described on the row.
        assert article.cover_renditions["source"] == new
        assert all(
            (media_root / path).exists() for path in rendition_names(article.cover_renditions)
        )
        assert all(path.startswith(f"renditions/{new}/")
                   for path in rendition_names(article.cover_renditions))
        # Its revisions show the new name, so restoring one brings back a file that exists.
        assert set(article.history.values_list("cover_image", flat=True)) <= {"", new}
    assert not any((media_root / path).exists() for path in old_renditions)
    # Not even an empty folder of renditions is left to confirm the old name.
    assert not list((media_root / "renditions").rglob("*bia-hoi-nghi*"))

    published.refresh_from_db()
    assert (published.cover_image.name, published.cover_renditions) == published_before
    assert (media_root / "articles/covers/2026/11/da-dang.jpg").exists()


def test_captioned_photos_of_a_draft_are_renamed(media_root):
    stored("articles/images/2026/12/toan-canh.jpg", jpeg_bytes(size=(900, 600)))
    image = ArticleImageFactory(article=ArticleFactory(**draft()), caption="Toàn cảnh")
    ArticleImage.objects.filter(pk=image.pk).update(
        image="articles/images/2026/12/toan-canh.jpg", original_name=""
    )
    image.refresh_from_db()
    image.save()  # renditions of the old file, as an older version made them

    run()

    image.refresh_from_db()
    assert is_unguessable(image.image.name)
    assert image.original_name == "toan-canh.jpg"
    assert image.renditions["source"] == image.image.name
    assert not (media_root / "articles/images/2026/12/toan-canh.jpg").exists()


def test_a_file_a_published_article_shares_is_copied_not_moved(media_root):
    shared = stored("demo/photo-03.jpg", jpeg_bytes(size=(640, 360)))
    published = legacy_article(shared)
    embargoed = legacy_article(shared, **draft())

    out, _ = run()

    embargoed.refresh_from_db()
    published.refresh_from_db()
    assert is_unguessable(embargoed.cover_image.name)
    assert published.cover_image.name == shared
    assert (media_root / shared).exists()
    assert all((media_root / path).exists() for path in rendition_names(published.cover_renditions))
    assert "giữ tệp cũ" in out


def test_a_dry_run_changes_nothing(media_root, media_files):
    stored(OLD_COVER, jpeg_bytes())
    article = legacy_article(OLD_COVER, **draft())
    before = media_files()

    out, _ = run("--dry-run")

    assert f"Sẽ đổi tên: {OLD_COVER}" in out
    article.refresh_from_db()
    assert article.cover_image.name == OLD_COVER
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
    broken = ArticleFactory(**draft())
    Article.objects.filter(pk=broken.pk).update(cover_image="articles/covers/2026/12/hong.jpg")
    before = media_files()

    _, err = run()

    assert f"Không đổi tên {OLD_COVER}" in err
    assert "Không đổi tên articles/covers/2026/12/hong.jpg" in err
    missing.refresh_from_db()
    broken.refresh_from_db()
    assert missing.cover_image.name == OLD_COVER
    assert broken.cover_image.name == "articles/covers/2026/12/hong.jpg"
    assert media_files() == before  # no copy left behind
