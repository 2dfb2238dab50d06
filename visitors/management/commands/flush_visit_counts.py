"""Copy the day counters of visits and page views from the cache into the DailyVisit table."""

from django.core.management.base import BaseCommand

from visitors import statistics


class Command(BaseCommand):
    help = (
        "Ghi số lượt truy cập và lượt xem trang đang đếm trong bộ nhớ đệm vào cơ sở dữ liệu. "
        "Chỉ có tác dụng khi bộ nhớ đệm dùng chung (Redis); với bộ nhớ đệm cục bộ, tiến trình "
        "web tự ghi."
    )

    def handle(self, *args, **options):
        days = statistics.flush()
        self.stdout.write(f"Đã ghi số lượt truy cập của {days} ngày vào cơ sở dữ liệu.")
