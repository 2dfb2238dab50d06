"""python manage.py link_directives [--dry-run]: re-link every article to the directives it
names."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from news.directive_links import DirectiveIndex, link_article_directives
from news.models import Article

BATCH_SIZE = 500
PROGRESS_THRESHOLD = 200


class Command(BaseCommand):
    help = (
        "Tìm trong mọi bài viết các văn bản được nhắc tới (Chỉ thị số 20-CT/TW, Nghị quyết "
        "09-NQ/TW…), gắn văn bản vào bài, tạo liên kết ở lần nhắc đầu tiên và cập nhật danh "
        "sách văn bản được nhắc nhưng chưa có. Chạy sau khi thêm văn bản mới."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true",
            help="Chỉ đếm và in kết quả, không lưu thay đổi nào.",
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        index = DirectiveIndex.everything()
        total = Article.objects.count()
        articles = links = attached = ambiguous = 0
        unresolved: set[str] = set()
        unresolved_mentions = 0
        show_bar = verbosity > 0 and total > PROGRESS_THRESHOLD and sys.stderr.isatty()
        last_pk = 0
        with tqdm(total=total, disable=not show_bar, unit=" bài", file=sys.stderr,
                  leave=False) as bar:
            while True:
                batch = list(
                    Article.objects.filter(pk__gt=last_pk).order_by("pk")
                    .only("pk", "title", "summary", "body", "organization_id")[:BATCH_SIZE]
                )
                if not batch:
                    break
                for article in batch:
                    result = link_article_directives(article=article, index=index,
                                                     dry_run=dry_run)
                    articles += 1
                    links += len(result.linked)
                    attached += len(result.attached)
                    ambiguous += len(result.ambiguous)
                    unresolved_mentions += len(result.unresolved)
                    unresolved.update(mention.key for mention in result.unresolved)
                bar.update(len(batch))
                last_pk = batch[-1].pk

        if dry_run:
            self.stdout.write("Chạy thử: không lưu thay đổi nào.")
        self.stdout.write(
            f"Số bài: {articles}. Số liên kết mới: {links}. Số văn bản mới gắn vào bài: "
            f"{attached}. Số tham chiếu chưa có văn bản: {unresolved_mentions} "
            f"({len(unresolved)} văn bản khác nhau)."
        )
        if ambiguous:
            self.stdout.write(
                f"Có {ambiguous} lần nhắc không gắn được vì nhiều văn bản cùng số; hãy chọn "
                "văn bản liên quan bằng tay trong các bài đó."
            )
