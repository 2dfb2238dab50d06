"""Backups when media are not on the server's disk (MEDIA_STORAGE=s3): the archive holds
the database only and says where the media are, and an archive that holds media files is
not restored into such a set-up (the files would land nowhere). Django's in-memory storage
stands in for the bucket: the backup only asks whether media are on the local disk."""

import io
import tarfile

import pytest
from django.core.management import call_command
from factories import ArticleFactory, LibraryImageFactory, image_file

from news.models import Article
from operations.backup import BackupError, create_backup, read_manifest, restore_backup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media_elsewhere(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def test_a_local_backup_says_its_media_are_in_the_archive(tmp_path, media_root):
    article = ArticleFactory(cover=LibraryImageFactory(file=image_file("anh.jpg")))
    manifest = read_manifest(create_backup(output_dir=tmp_path / "backups"))
    assert manifest["media_storage"] == f"local:{media_root}"
    assert any(entry["path"].endswith(article.cover.file.name) for entry in manifest["media"])


def test_with_media_in_object_storage_the_archive_holds_the_database_only(
    tmp_path, media_root, media_elsewhere
):
    ArticleFactory(cover=LibraryImageFactory(file=image_file("anh.jpg")))
    (media_root / "left-over.jpg").write_bytes(b"an old file on the disk")
    out = io.StringIO()

    call_command("backup", output_dir=tmp_path / "backups", stdout=out)

    (archive,) = (tmp_path / "backups").iterdir()
    manifest = read_manifest(archive)
    assert manifest["media"] == []
    assert manifest["media_storage"] == "InMemoryStorage"
    assert manifest["counts"]["news.Article"] == 1
    with tarfile.open(archive) as tar:
        assert not [name for name in tar.getnames() if name.startswith("media/")]
    assert "không có trong bản sao lưu" in out.getvalue()
    assert "versioned or replicated" in out.getvalue()


def test_an_archive_with_media_is_not_restored_while_media_go_to_a_bucket(
    tmp_path, media_root, settings
):
    ArticleFactory(cover=LibraryImageFactory(file=image_file("anh.jpg")))
    archive = create_backup(output_dir=tmp_path / "backups")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }

    with pytest.raises(BackupError, match="khôi phục với MEDIA_STORAGE=local") as refused:
        restore_backup(archive=archive, force=True)

    assert "copy that folder to the bucket" in str(refused.value)
    # Refused before anything was touched: the database still has its article.
    assert Article.objects.count() == 1
