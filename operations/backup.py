"""Backups: one dated archive with a consistent database dump and every media file.

    create_backup(output_dir=...)  -> Path of var/backups/cong-YYYYmmdd-HHMMSS.tar.gz
    restore_backup(archive=..., force=False) -> RestoreSummary

The archive holds manifest.json, the database (database.dump, PostgreSQL's custom
format, or database.sqlite3) and media/ with the uploads. The manifest records the
date, the database engine, the applied migrations, the number of rows of every model
and each media file with its size and SHA-256; restore checks the files against it
before touching anything and the restored rows and files against it afterwards.

Consistency: on PostgreSQL, pg_dump runs on a snapshot exported by a REPEATABLE READ
transaction in which the rows are also counted, so the counts describe exactly the
dump. On SQLite the online backup API copies the database as of one moment, and the
rows are counted in that copy. Media files are read after the database: an upload
made meanwhile is in the archive without its row, never the other way round.

Restore goes into an empty database (no tables) unless force is set, in which case
the tables of the target are dropped first. Media files from the archive are written
into MEDIA_ROOT; other files there are left alone.

Media in a bucket (MEDIA_STORAGE=s3) are not copied into the archive: the bucket keeps
them, with its own versioning or replication (docs/deployment.md). The manifest then
says where they are, and a restore of an archive that does hold media files is refused
while media go to a bucket: restore with MEDIA_STORAGE=local, then copy the folder to
the bucket.
"""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_DIR = "media"
DUMP_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
ARCHIVE_NAME = re.compile(r"^cong-\d{8}-\d{6}(-\d+)?\.tar\.gz$")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is shown to the operator."""


@dataclass(frozen=True)
class RestoreSummary:
    engine: str
    created_at: str
    rows: int
    media_files: int
    migrations_behind: list[str]


# Backup -------------------------------------------------------------------------


def create_backup(*, output_dir: Path, using: str = "default", now: datetime | None = None) -> Path:
    connection = connections[using]
    engine = _engine(connection)
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(output_dir, 0o700)  # the archive holds password hashes and personal data
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    work = Path(tempfile.mkdtemp(prefix=".cong-backup-", dir=output_dir))
    try:
        dump = work / DUMP_FILES[engine]
        if engine == "postgresql":
            details = _dump_postgresql(connection, dump)
        else:
            details = _dump_sqlite(connection, dump)
        if not details["migrations"]:
            raise BackupError(
                f"Cơ sở dữ liệu {describe(connection)} chưa có bảng nào: kiểm tra DATABASE_URL. / "
                f"The database {describe(connection)} has no tables: check DATABASE_URL."
            )
        media = _media_entries(Path(settings.MEDIA_ROOT)) if media_on_local_disk() else []
        manifest = {
            "format": FORMAT,
            "application": "cong",
            "created_at": timezone.localtime(now or timezone.now()).isoformat(),
            "django": django.get_version(),
            "database": {
                "engine": engine,
                "file": dump.name,
                "size": dump.stat().st_size,
                "sha256": _sha256(dump),
                **details["database"],
            },
            "migrations": details["migrations"],
            "counts": details["counts"],
            "media": [
                {"path": path, "size": size, "sha256": digest} for path, size, digest, _ in media
            ],
            "media_storage": media_storage_description(),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
        archive = _free_name(output_dir, f"cong-{stamp}")
        partial = archive.with_name(archive.name + ".part")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            tar.add(dump, arcname=dump.name)
            for path, _, _, source in media:
                tar.add(source, arcname=f"{MEDIA_DIR}/{path}", recursive=False)
        os.chmod(partial, 0o600)
        partial.rename(archive)
        return archive
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _free_name(directory: Path, base: str) -> Path:
    candidate, number = directory / f"{base}.tar.gz", 1
    while candidate.exists():
        number += 1
        candidate = directory / f"{base}-{number}.tar.gz"
    return candidate


def _dump_postgresql(connection, target: Path) -> dict:
    server = _server_major(connection)
    pg_dump = _pg_program("pg_dump", server)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
            env=_pg_env(connection),
            what="pg_dump",
        )
        tables = set(connection.introspection.table_names(cursor))
        counts = _count_rows(cursor, connection.ops.quote_name, tables)
        migrations = _applied_migrations(cursor, tables)
    return {
        "database": {"server_version": server, "pg_dump": _program_version(pg_dump)},
        "counts": counts,
        "migrations": migrations,
    }


def _dump_sqlite(connection, target: Path) -> dict:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        tables = {
            row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        counts = _count_rows(cursor, lambda name: '"' + name.replace('"', '""') + '"', tables)
        migrations = _applied_migrations(cursor, tables)
    finally:
        copy.close()
    return {
        "database": {"sqlite": sqlite3.sqlite_version},
        "counts": counts,
        "migrations": migrations,
    }


def _media_entries(root: Path) -> list[tuple[str, int, str, Path]]:
    if not root.is_dir():
        return []
    entries = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            entries.append(
                (path.relative_to(root).as_posix(), path.stat().st_size, _sha256(path), path)
            )
    return entries


# Restore ------------------------------------------------------------------------


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.getmember(MANIFEST)
            return json.load(tar.extractfile(member))
    except FileNotFoundError:
        raise BackupError(
            f"Không tìm thấy tệp sao lưu / backup file not found: {archive}"
        ) from None
    except (tarfile.TarError, KeyError, OSError, ValueError) as error:
        raise BackupError(
            f"{archive} không phải bản sao lưu của Cổng, hoặc đã hỏng / "
            f"is not a Cổng backup, or is damaged ({error})."
        ) from None


def restore_backup(*, archive: Path, force: bool = False, using: str = "default") -> RestoreSummary:
    archive = Path(archive)
    manifest = read_manifest(archive)
    if manifest.get("format") != FORMAT or manifest.get("application") != "cong":
        raise BackupError(
            f"{archive}: định dạng sao lưu không được hỗ trợ / unsupported backup format."
        )
    connection = connections[using]
    engine = _engine(connection)
    if manifest["database"]["engine"] != engine:
        raise BackupError(
            f"Bản sao lưu là của {manifest['database']['engine']}, "
            f"cơ sở dữ liệu đích là {engine}. / "
            f"The backup is a {manifest['database']['engine']} dump; "
            f"the target database is {engine}."
        )
    behind = _check_migrations(manifest, connection, force=force)
    if manifest["media"] and not media_on_local_disk():
        raise BackupError(
            f"Bản sao lưu có {len(manifest['media'])} tệp media nhưng media của cấu hình này nằm "
            f"trong kho đối tượng ({media_storage_description()}), không khôi phục. Hãy khôi phục "
            "với MEDIA_STORAGE=local và DJANGO_MEDIA_ROOT là một thư mục trống, rồi chép thư mục "
            "đó lên bucket (aws s3 sync, mc mirror, rclone). / The archive holds media files but "
            "media go to object storage here: restore with MEDIA_STORAGE=local into an empty "
            "DJANGO_MEDIA_ROOT, then copy that folder to the bucket."
        )
    media_root = Path(settings.MEDIA_ROOT)
    work = Path(tempfile.mkdtemp(prefix=".cong-restore-", dir=archive.resolve().parent))
    try:
        _extract(archive, work, manifest)
        _check_target_is_empty(connection, media_root, work, manifest, force=force)
        dump = work / manifest["database"]["file"]
        if engine == "postgresql":
            _restore_postgresql(connection, dump, manifest, force=force)
        else:
            _restore_sqlite(connection, dump)
        _restore_media(work / MEDIA_DIR, media_root, manifest)
        _verify_database(connection, manifest)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return RestoreSummary(
        engine=engine,
        created_at=manifest["created_at"],
        rows=sum(manifest["counts"].values()),
        media_files=len(manifest["media"]),
        migrations_behind=behind,
    )


def _extract(archive: Path, work: Path, manifest: dict) -> None:
    """Unpack into `work` (the "data" filter refuses absolute paths, .. and links) and
    check every file against the manifest before anything is restored."""
    expected = {
        manifest["database"]["file"]: (manifest["database"]["size"], manifest["database"]["sha256"])
    }
    for entry in manifest["media"]:
        expected[f"{MEDIA_DIR}/{entry['path']}"] = (entry["size"], entry["sha256"])
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(
            f"Không giải nén được {archive} / cannot unpack the archive: {error}"
        ) from None
    found = {
        relative
        for path in work.rglob("*")
        if path.is_file() and (relative := path.relative_to(work).as_posix()) != MANIFEST
    }
    missing = sorted(set(expected) - found)
    unexpected = sorted(found - set(expected))
    damaged = [
        name
        for name, (size, digest) in expected.items()
        if name in found
        and ((work / name).stat().st_size != size or _sha256(work / name) != digest)
    ]
    if missing or unexpected or damaged:
        problems = [
            f"thiếu / missing: {', '.join(missing)}" if missing else "",
            f"thừa / unexpected: {', '.join(unexpected)}" if unexpected else "",
            f"sai nội dung / checksum mismatch: {', '.join(damaged)}" if damaged else "",
        ]
        raise BackupError(
            "Bản sao lưu không khớp với manifest.json, không khôi phục / "
            "the archive does not match its manifest, nothing restored: "
            + "; ".join(p for p in problems if p)
        )


def _check_migrations(manifest: dict, connection, *, force: bool) -> list[str]:
    """Migrations the code knows but the backup lacks (run `migrate` after restoring).
    A backup from newer code (migrations this code lacks) is refused without force."""
    loader = MigrationLoader(None, ignore_no_migrations=True, load=True)
    known = {f"{app}.{name}" for app, name in loader.disk_migrations}
    in_backup = {f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names}
    newer = sorted(in_backup - known)
    if newer and not force:
        raise BackupError(
            "Bản sao lưu được tạo bởi phiên bản Cổng mới hơn mã nguồn này (migration lạ: "
            f"{', '.join(newer[:5])}). Hãy cập nhật mã nguồn trước, hoặc đặt FORCE=1 (--force). / "
            "The backup comes from a newer version of Cổng; upgrade the code first, "
            "or set FORCE=1 (--force)."
        )
    return sorted(known - in_backup)


def _check_target_is_empty(
    connection, media_root: Path, work: Path, manifest: dict, *, force: bool
):
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if tables and not force:
        raise BackupError(
            f"Cơ sở dữ liệu đích đã có dữ liệu ({len(tables)} bảng). Hãy khôi phục vào một cơ sở "
            "dữ liệu mới, trống, hoặc đặt FORCE=1 (--force) để xóa toàn bộ và thay bằng "
            "bản sao lưu. / "
            f"The target database is not empty ({len(tables)} tables). Restore into an empty "
            "database, or set FORCE=1 (--force) to drop everything in it and replace it "
            "with the backup."
        )
    if force:
        return
    clashes = [
        entry["path"]
        for entry in manifest["media"]
        if (media_root / entry["path"]).is_file()
        and _sha256(media_root / entry["path"]) != entry["sha256"]
    ]
    if clashes:
        raise BackupError(
            f"Thư mục media đã có {len(clashes)} tệp khác nội dung với bản sao lưu "
            f"(ví dụ {clashes[0]}). "
            "Hãy dùng thư mục media trống, hoặc đặt FORCE=1 (--force) để ghi đè. / "
            f"MEDIA_ROOT already holds {len(clashes)} different files with the same names; "
            "use an empty media directory, or set FORCE=1 (--force) to overwrite them."
        )


def _restore_postgresql(connection, dump: Path, manifest: dict, *, force: bool) -> None:
    server = _server_major(connection)
    pg_restore = _pg_program("pg_restore", server)
    dumped_with = manifest["database"].get("pg_dump", 0)
    if _program_version(pg_restore) < dumped_with:
        raise BackupError(
            f"pg_restore {_program_version(pg_restore)} không đọc được bản dump của pg_dump "
            f"{dumped_with}; cài postgresql-client-{dumped_with} hoặc đặt PG_BIN_DIR. / "
            f"pg_restore is older than the pg_dump that wrote the backup."
        )
    if force:
        _drop_everything(connection)
    connection.close()
    _run(
        [
            pg_restore,
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ],
        env=_pg_env(connection),
        what="pg_restore",
    )


def _drop_everything(connection) -> None:
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        views = _views(cursor)
        for table in connection.introspection.table_names(cursor, include_views=True):
            kind = "VIEW" if table in views else "TABLE"
            cursor.execute(f"DROP {kind} IF EXISTS {connection.ops.quote_name(table)} CASCADE")
        cursor.execute(
            "SELECT sequence_name FROM information_schema.sequences "
            "WHERE sequence_schema = current_schema()"
        )
        for (sequence,) in cursor.fetchall():
            cursor.execute(f"DROP SEQUENCE IF EXISTS {connection.ops.quote_name(sequence)} CASCADE")


def _views(cursor) -> set[str]:
    cursor.execute("SELECT viewname FROM pg_views WHERE schemaname = current_schema()")
    return {row[0] for row in cursor.fetchall()}


def _restore_sqlite(connection, dump: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()


def _restore_media(source: Path, media_root: Path, manifest: dict) -> None:
    for entry in manifest["media"]:
        target = media_root / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / entry["path"], target)
        os.chmod(target, settings.FILE_UPLOAD_PERMISSIONS or 0o644)
        if _sha256(target) != entry["sha256"]:
            raise BackupError(
                f"Ghi tệp media không đúng / media file written wrongly: {entry['path']}"
            )


def _verify_database(connection, manifest: dict) -> None:
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        counts = _count_rows(cursor, connection.ops.quote_name, tables, models=manifest["counts"])
    known = _models()
    wrong = {
        label: (expected, counts.get(label))
        for label, expected in manifest["counts"].items()
        if label in known and counts.get(label) != expected
    }
    if wrong:
        details = ", ".join(
            f"{label}: {got} ≠ {expected}" for label, (expected, got) in wrong.items()
        )
        raise BackupError(
            f"Số bản ghi sau khi khôi phục không khớp / row counts differ after restore: {details}"
        )


# Shared helpers ---------------------------------------------------------------------


def media_on_local_disk() -> bool:
    return isinstance(storages["default"], FileSystemStorage)


def media_storage_description() -> str:
    """Where uploads live, for the manifest and the operator: a folder or a bucket."""
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        return f"local:{settings.MEDIA_ROOT}"
    bucket = getattr(storage, "bucket_name", None)
    return f"s3:{bucket}" if bucket else type(storage).__name__


def describe(connection) -> str:
    """Which database this is, for the operator (never the password)."""
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite {params['NAME']}"
    host = params.get("HOST") or "localhost"
    port = f":{params['PORT']}" if params.get("PORT") else ""
    return f"{connection.display_name} {params['NAME']} @ {host}{port}"


def _engine(connection) -> str:
    if connection.vendor == "postgresql":
        return "postgresql"
    if connection.vendor == "sqlite":
        return "sqlite"
    raise BackupError(
        f"Chưa hỗ trợ sao lưu {connection.vendor} / {connection.vendor} is not supported."
    )


def _models() -> dict[str, str]:
    """model label -> table, for every table Django manages (many-to-many tables too)."""
    return {
        model._meta.label: model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def _count_rows(cursor, quote, tables: set[str], models: dict | None = None) -> dict[str, int]:
    all_models = _models()
    labels = models.keys() if models is not None else all_models.keys()
    counts = {}
    for label in sorted(labels):
        table = all_models.get(label)
        if table is None or table not in tables:
            continue
        # A table of an installed model (_models()), quoted by the database backend.
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608
        counts[label] = cursor.fetchone()[0]
    return counts


def _applied_migrations(cursor, tables: set[str]) -> dict[str, list[str]]:
    if "django_migrations" not in tables:
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _server_major(connection) -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def _pg_program(name: str, server_major: int) -> str:
    """pg_dump/pg_restore matching the server: PG_BIN_DIR, else Debian's versioned
    directory for the server's major version, else the one on PATH."""
    candidates = []
    if bin_dir := os.environ.get("PG_BIN_DIR"):
        candidates.append(Path(bin_dir) / name)
    candidates.append(Path(f"/usr/lib/postgresql/{server_major}/bin/{name}"))
    if found := shutil.which(name):
        candidates.append(Path(found))
    for candidate in candidates:
        usable = candidate.is_file() and os.access(candidate, os.X_OK)
        if usable and _program_version(str(candidate)) >= server_major:
            return str(candidate)
    raise BackupError(
        f"Không tìm thấy {name} phiên bản {server_major} trở lên "
        f"(máy chủ PostgreSQL {server_major}). "
        f"Cài postgresql-client-{server_major} hoặc đặt PG_BIN_DIR. / "
        f"No {name} of version {server_major} or newer found: install postgresql-client-"
        f"{server_major} or set PG_BIN_DIR."
    )


def _program_version(program: str) -> int:
    output = subprocess.run([program, "--version"], capture_output=True, text=True).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(match.group(1)) if match else 0


def _pg_env(connection) -> dict[str, str]:
    """libpq's environment variables for the connection, so no password is on a command line."""
    params = connection.settings_dict
    env = dict(os.environ)
    for variable, value in (
        ("PGHOST", params.get("HOST")),
        ("PGPORT", params.get("PORT")),
        ("PGUSER", params.get("USER")),
        ("PGPASSWORD", params.get("PASSWORD")),
        ("PGDATABASE", params.get("NAME")),
    ):
        if value:
            env[variable] = str(value)
    options = params.get("OPTIONS", {})
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
        ("passfile", "PGPASSFILE"),
        ("service", "PGSERVICE"),
        ("connect_timeout", "PGCONNECT_TIMEOUT"),
    ):
        if options.get(option):
            env[variable] = str(options[option])
    return env


def _run(command: list[str], *, env: dict, what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            f"{what} thất bại / failed (exit {result.returncode}): {result.stderr.strip()}"
        )
