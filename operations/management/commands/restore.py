"""`manage.py restore FILE` (`make restore FILE=...`): a backup into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from operations.backup import BackupError, describe, restore_backup


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu của `manage.py backup` vào cơ sở dữ liệu trống và MEDIA_ROOT. "
        "/ Restore a backup made by `manage.py backup` into an empty database and MEDIA_ROOT."
    )
    # The target is empty: checks that read the database have nothing to look at.
    requires_system_checks = ()

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="cong-YYYYmmdd-HHMMSS.tar.gz")
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Xóa mọi bảng của cơ sở dữ liệu đích và ghi đè tệp media trùng tên. / Drop every "
                "table of the target database and overwrite media files of the same name."
            ),
        )
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, archive, force, database, **options):
        self.stdout.write(f"Khôi phục vào / restoring into: {describe(connections[database])}")
        try:
            summary = restore_backup(archive=archive, force=force, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục / restored: bản sao lưu lúc {summary.created_at} "
                f"({summary.engine}, {summary.rows} bản ghi / rows, "
                f"{summary.media_files} tệp media / media files), đã kiểm tra khớp manifest."
            )
        )
        if summary.migrations_behind:
            self.stdout.write(
                self.style.WARNING(
                    f"Bản sao lưu thiếu {len(summary.migrations_behind)} migration của mã nguồn "
                    "này: chạy `python manage.py migrate`. / The backup predates "
                    f"{len(summary.migrations_behind)} migrations: run `manage.py migrate`."
                )
            )
