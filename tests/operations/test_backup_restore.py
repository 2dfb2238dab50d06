"""Backup and restore round trip on the test run's own database engine: articles with
images are backed up, restored by `manage.py restore` in a fresh process into a new empty
database (a throwaway PostgreSQL database, or a new SQLite file) and a new media folder,
and compared row by row and byte by byte."""

import hashlib
import json
import re
import sqlite3
import stat
import subprocess
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from factories import (
    ArticleFactory,
    LibraryImageFactory,
    figure_html,
    image_bytes,
    image_file,
)
from ops_servers import BASE_DIR, PYTHON, manage, pg_connect, production_env, throwaway_pg_database

from library.models import LibraryImage
from news.models import Article
from news.services import article_save
from operations.backup import BackupError, create_backup, read_manifest, restore_backup

pytestmark = pytest.mark.django_db(transaction=True)

BODY = "<p>Sáng 5/3, Ban Thường vụ Tỉnh Đoàn tổ chức hội nghị quán triệt Nghị quyết 57-NQ/TW.</p>"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def content(media_root):
    articles = [
        ArticleFactory(title="Hội nghị quán triệt Nghị quyết", body=BODY),
        ArticleFactory(title="Tuổi trẻ ra quân tình nguyện hè", summary="Chiến dịch hè 2025."),
        ArticleFactory(title="Bài nháp chưa đăng", status=Article.Status.DRAFT, published_at=None),
    ]
    photos = [
        LibraryImageFactory(caption="Quang cảnh hội nghị"),
        LibraryImageFactory(caption="Đoàn viên ra quân", file=image_file("ra-quan.png", "PNG")),
        LibraryImageFactory(caption="Ảnh lớn", file=image_file("anh-lon.jpg", size=(1600, 1200))),
    ]
    for article, photo in zip([articles[0], articles[1], articles[1]], photos, strict=True):
        article.body += figure_html(photo)
        article_save(article=article)
    return articles


@pytest.fixture
def archive(content, tmp_path):
    call_command("backup", output_dir=tmp_path / "backups", verbosity=0)
    (archive,) = (tmp_path / "backups").iterdir()
    return archive


def source_rows():
    articles = sorted(Article.objects.values_list("slug", "title", "summary", "body", "status"))
    images = sorted(LibraryImage.objects.values_list("file", "caption"))
    return articles, images


def restored_rows(query):
    articles = sorted(
        tuple(row) for row in query("SELECT slug, title, summary, body, status FROM news_article")
    )
    images = sorted(
        tuple(row) for row in query("SELECT file, caption FROM library_libraryimage")
    )
    return articles, images


@pytest.fixture
def empty_target(tmp_path):
    """(environment for manage.py, function running SQL on the target) of a new empty
    database of the run's engine, and an empty media folder."""
    media = tmp_path / "restored-media"
    media.mkdir()
    if connection.vendor == "postgresql":
        with throwaway_pg_database(connection.settings_dict, "restore") as (name, url):
            env = production_env(tmp_path, DATABASE_URL=url, DJANGO_MEDIA_ROOT=str(media))

            def query(sql):
                with pg_connect(connection.settings_dict, name) as target:
                    return target.execute(sql).fetchall()

            yield env, query, media
    else:
        path = tmp_path / "restored.sqlite3"
        env = production_env(
            tmp_path, DATABASE_URL=f"sqlite:///{path}", DJANGO_MEDIA_ROOT=str(media)
        )

        def query(sql):
            with sqlite3.connect(path) as target:
                return target.execute(sql).fetchall()

        yield env, query, media


def test_archive_is_dated_private_and_described_by_its_manifest(archive, media_root, content):
    assert re.fullmatch(r"cong-\d{8}-\d{6}\.tar\.gz", archive.name)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    manifest = read_manifest(archive)
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["counts"]["news.Article"] == 3
    assert manifest["counts"]["library.LibraryImage"] == 3
    assert manifest["counts"]["news.ImageUse"] == 3
    assert "0001_initial" in manifest["migrations"]["news"]
    on_disk = {
        path.relative_to(media_root).as_posix(): sha256(path.read_bytes())
        for path in media_root.rglob("*")
        if path.is_file()
    }
    # The three uploads and their renditions, which the backup keeps with them.
    assert len([path for path in on_disk if not path.startswith("renditions/")]) == 3
    assert any(path.startswith("renditions/") for path in on_disk)
    assert {entry["path"]: entry["sha256"] for entry in manifest["media"]} == on_disk
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert names == {"manifest.json", manifest["database"]["file"]} | {
        f"media/{path}" for path in on_disk
    }


def test_round_trip_into_a_new_empty_database(archive, media_root, empty_target):
    env, query, restored_media = empty_target
    result = manage(env, "restore", str(archive), check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Đã khôi phục" in result.stdout

    assert restored_rows(query) == source_rows()
    assert query("SELECT COUNT(*) FROM news_article")[0][0] == 3
    for image, _caption in source_rows()[1]:
        assert (restored_media / image).read_bytes() == (media_root / image).read_bytes()
    # The restored database is complete: no migration is missing.
    assert manage(env, "migrate", "--check", check=False).returncode == 0

    # A second restore into the now full database is refused, in both languages ...
    again = manage(env, "restore", str(archive), check=False)
    assert again.returncode != 0
    assert "Cơ sở dữ liệu đích đã có dữ liệu" in again.stderr
    assert "The target database is not empty" in again.stderr
    assert "FORCE=1" in again.stderr
    # ... unless forced, which replaces the content.
    changed = manage(
        env,
        "shell",
        "-c",
        "from news.models import Article; Article.objects.filter(status='draft').delete()",
    )
    assert changed.returncode == 0
    forced = manage(env, "restore", "--force", str(archive), check=False)
    assert forced.returncode == 0, forced.stderr
    assert restored_rows(query) == source_rows()


def test_a_damaged_archive_is_refused_before_anything_is_written(archive, tmp_path, empty_target):
    env, query, restored_media = empty_target
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    manifest = json.loads((unpacked / "manifest.json").read_text())
    victim = unpacked / "media" / manifest["media"][0]["path"]
    victim.write_bytes(image_bytes(color=(0, 0, 0)))  # same name, other picture
    damaged = tmp_path / "cong-20250101-000000.tar.gz"
    with tarfile.open(damaged, "w:gz") as tar:
        for path in sorted(unpacked.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=path.relative_to(unpacked).as_posix())

    result = manage(env, "restore", str(damaged), check=False)
    assert result.returncode != 0
    assert "checksum mismatch" in result.stderr
    assert manifest["media"][0]["path"] in result.stderr
    assert not list(restored_media.rglob("*"))
    tables = (
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        if connection.vendor == "postgresql"
        else "SELECT name FROM sqlite_master WHERE type = 'table'"
    )
    assert query(tables) == []


def test_a_file_that_is_not_a_backup_gets_a_clear_message(tmp_path):
    bogus = tmp_path / "cong-20250101-000000.tar.gz"
    bogus.write_bytes(b"not a tar file")
    with pytest.raises(BackupError, match="không phải bản sao lưu của Cổng"):
        restore_backup(archive=bogus)
    with pytest.raises(BackupError, match="backup file not found"):
        restore_backup(archive=tmp_path / "missing.tar.gz")


def test_two_backups_in_the_same_second_do_not_overwrite_each_other(content, tmp_path):
    now = timezone.now()
    first = create_backup(output_dir=tmp_path, now=now)
    second = create_backup(output_dir=tmp_path, now=now)
    assert first != second
    assert first.exists()
    assert second.exists()
    assert Path(second).name.endswith("-2.tar.gz")


def test_make_backup_and_restore_from_the_command_line(tmp_path):
    """The Makefile targets as an operator types them, on a quickstart-style SQLite setup."""
    env = production_env(tmp_path)
    for key in ("DJANGO_SECRET_KEY", "DJANGO_SETTINGS_MODULE", "PYTHONPATH"):
        env.pop(key)  # the quickstart: no key, debug mode chosen by the Makefile
    manage(env | {"DJANGO_DEBUG": "1"}, "migrate", "--noinput", "-v0")
    backup = subprocess.run(
        ["make", "-s", f"PY={PYTHON}", "backup"],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert backup.returncode == 0, backup.stdout + backup.stderr
    (archive,) = (tmp_path / "var" / "backups").glob("cong-*.tar.gz")
    assert str(archive) in backup.stdout

    missing = subprocess.run(
        ["make", "-s", f"PY={PYTHON}", "restore"],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert missing.returncode != 0
    assert "make restore FILE=" in missing.stderr

    target = env | {"DJANGO_VAR_DIR": str(tmp_path / "var2")}
    restore = subprocess.run(
        ["make", "-s", f"PY={PYTHON}", "restore", f"FILE={archive}"],
        env=target,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert restore.returncode == 0, restore.stdout + restore.stderr
    refused = subprocess.run(
        ["make", "-s", f"PY={PYTHON}", "restore", f"FILE={archive}"],
        env=target,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0
    forced = subprocess.run(
        ["make", "-s", f"PY={PYTHON}", "restore", f"FILE={archive}", "FORCE=1"],
        env=target,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert forced.returncode == 0, forced.stderr


def test_a_database_without_tables_is_not_backed_up(tmp_path):
    env = production_env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    result = manage(env, "backup", "--output-dir", str(tmp_path / "backups"), check=False)
    assert result.returncode != 0
    assert "has no tables: check DATABASE_URL" in result.stderr
    assert not list((tmp_path / "backups").glob("*.tar.gz"))
