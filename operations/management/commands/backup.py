"""`manage.py backup` (`make backup`): database and media files in one dated archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from operations.backup import BackupError, create_backup, describe, read_manifest


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và tệp media vào một tệp cong-YYYYmmdd-HHMMSS.tar.gz "
        "(mặc định trong BACKUP_DIR). / Back up the database and the media files into one "
        "dated archive."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=None,
            help="Thư mục ghi bản sao lưu / where to write the archive (default: BACKUP_DIR).",
        )
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, output_dir, database, **options):
        output_dir = output_dir or Path(settings.BACKUP_DIR)
        self.stdout.write(f"Cơ sở dữ liệu / database: {describe(connections[database])}")
        try:
            archive = create_backup(output_dir=output_dir, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = read_manifest(archive)
        size_mb = archive.stat().st_size / 1024 / 1024
        self.stdout.write(
            f"Đã sao lưu / backed up: {manifest['database']['engine']} "
            f"({sum(manifest['counts'].values())} bản ghi / rows), "
            f"{len(manifest['media'])} tệp media / media files."
        )
        self.stdout.write(self.style.SUCCESS(f"{archive} ({size_mb:.1f} MB)"))
        where = manifest.get("media_storage", "local:")
        if not where.startswith("local:"):
            self.stdout.write(
                self.style.WARNING(
                    f"Tệp media nằm trong kho đối tượng ({where}), không có trong bản sao lưu: "
                    "bucket cần bật versioning hoặc sao chép sang nơi khác. / Media are in object "
                    "storage and not in the archive: keep the bucket versioned or replicated."
                )
            )
