"""`manage.py remove_unused_uploads [--days N] [--delete]`: the library's images and documents
that nothing uses (no article shows the image, no directive links the document), uploaded
more than N days ago (LIBRARY_UNUSED_DAYS, 90 by default). Lists them; with --delete removes
them and their files. An item that gains a use meanwhile is kept (docs/library.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from library import selectors, services
from library.models import LibraryDocument, LibraryImage


class Command(BaseCommand):
    help = (
        "Liệt kê (hoặc xóa, với --delete) ảnh và tài liệu trong thư viện không được dùng ở đâu "
        "và đã tải lên quá N ngày (mặc định LIBRARY_UNUSED_DAYS = 90)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None,
            help="Chỉ tính các tệp tải lên quá số ngày này (mặc định LIBRARY_UNUSED_DAYS).",
        )
        parser.add_argument(
            "--delete", action="store_true",
            help="Xóa hẳn các mục tìm thấy cùng tệp của chúng (mặc định chỉ liệt kê).",
        )

    def handle(self, *args, days=None, delete=False, **options):
        days = settings.LIBRARY_UNUSED_DAYS if days is None else days
        if days < 1:
            raise CommandError("Số ngày (--days) phải từ 1 trở lên.")
        for model, noun in ((LibraryImage, "ảnh"), (LibraryDocument, "tài liệu")):
            items = list(selectors.unused_older_than(model, days).select_related("organization"))
            if not items:
                self.stdout.write(f"Không có {noun} nào chưa dùng quá {days} ngày.")
                continue
            self.stdout.write(f"{len(items)} {noun} chưa dùng, tải lên quá {days} ngày:")
            for item in items:
                self.stdout.write(
                    f"  - {item} ({item.original_name}; {item.organization.name}; "
                    f"tải lên {item.uploaded_at:%d/%m/%Y})"
                )
            if not delete:
                continue
            with transaction.atomic():
                removed, kept = services.unused_remove(items=items)
            self.stdout.write(f"Đã xóa {removed} {noun} cùng tệp của chúng.")
            for name in kept:
                self.stdout.write(f"  Giữ lại “{name}”: vừa được dùng.")
        if not delete:
            self.stdout.write("Chưa xóa gì. Chạy lại với --delete để xóa các mục trên.")
