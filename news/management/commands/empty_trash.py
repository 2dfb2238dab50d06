"""`manage.py empty_trash`: remove for good the articles in the trash longer than
TRASH_RETENTION_DAYS (news/trash.py). The task worker does it by itself when each one's
time is up; this command is the same sweep, for a nightly cron line as a safety net
(docs/deployment.md). Running it again removes nothing more."""

from django.conf import settings
from django.core.management.base import BaseCommand

from news import trash
from news.models import Article


class Command(BaseCommand):
    help = (
        "Xóa vĩnh viễn các bài viết đã nằm trong thùng rác quá TRASH_RETENTION_DAYS ngày "
        "(mặc định 30)."
    )

    def handle(self, *args, **options):
        days = settings.TRASH_RETENTION_DAYS
        removed = trash.empty_expired()
        waiting = Article.all_objects.trashed().count()
        self.stdout.write(
            f"Đã xóa vĩnh viễn {removed} bài viết nằm trong thùng rác quá {days} ngày; "
            f"còn {waiting} bài trong thùng rác (có thể khôi phục)."
        )
