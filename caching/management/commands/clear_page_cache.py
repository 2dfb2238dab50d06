"""Make every cached page stale, e.g. after deploying new templates or static files."""

from django.core.management.base import BaseCommand

from caching import page_cache


class Command(BaseCommand):
    help = (
        "Làm mới toàn bộ trang đã lưu trong bộ nhớ đệm (chạy sau khi cập nhật phiên bản mới). "
        "Chỉ tác dụng trên mọi máy chủ khi bộ nhớ đệm dùng chung (Redis)."
    )

    def handle(self, *args, **options):
        page_cache.invalidate_now([page_cache.LAYOUT, page_cache.CONTENT])
        self.stdout.write("Đã làm mới các trang lưu trong bộ nhớ đệm.")
