"""python manage.py load_demo [--articles N]: demo content for a fresh installation."""

import sys

from django.core.management.base import BaseCommand, CommandError

from demo.loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: cơ cấu tổ chức, cán bộ, chuyên mục, văn bản chỉ đạo, ảnh minh họa, "
        "bài viết và tài khoản quản trị. Chạy lại nhiều lần không tạo trùng; tăng --articles "
        "thì chỉ thêm các bài còn thiếu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=int, default=60, metavar="N",
            help="Số bài viết mẫu đã đăng cần có (mặc định 60).",
        )
        parser.add_argument(
            "--port", type=int, default=None, metavar="PORT",
            help="Số port của máy chủ chạy thử, chỉ để in địa chỉ các cổng (make run truyền PORT).",
        )

    def handle(self, *args, articles, port=None, verbosity=1, **options):
        if articles < 0:
            raise CommandError("--articles phải là số không âm.")
        loader = DemoLoader(
            progress=verbosity > 0 and sys.stderr.isatty(),
            log=self.stdout.write if verbosity > 0 else None,
        )
        report = loader.load(articles=articles, port=port)
        for line in report.lines():
            self.stdout.write(line)
