"""Move pending visit counts from the cache into the DailyVisit table."""

from django.core.management.base import BaseCommand

from visitors import statistics


class Command(BaseCommand):
    help = (
        "Ghi số lượt truy cập đang chờ trong bộ nhớ đệm vào cơ sở dữ liệu. Chỉ có tác dụng "
        "khi bộ nhớ đệm dùng chung (Redis); với bộ nhớ đệm cục bộ, tiến trình web tự ghi."
    )

    def handle(self, *args, **options):
        moved = statistics.flush()
        self.stdout.write(f"Đã ghi {moved} lượt truy cập vào cơ sở dữ liệu.")
