"""python manage.py import_articles PATH... [--organization SLUG] [--category SLUG] [--publish]
[--dry-run]"""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from news.directive_links import DirectiveIndex
from news.importer.reading import collect_paths
from news.importer.service import (
    CREATED,
    DUPLICATE,
    FAILED,
    Outcome,
    Placement,
    Summary,
    import_file,
)
from news.models import Category
from organizations.models import Organization

PROGRESS_THRESHOLD = 20


class Command(BaseCommand):
    help = (
        "Nhập bài viết từ cổng cũ: bản chép dạng văn bản (.txt) và trang HTML đã lưu "
        "(.html, .htm). PATH là tệp hoặc thư mục (tìm cả thư mục con). Bài nhập vào ở dạng "
        "bản nháp, trừ khi có --publish. Nhập lại cùng một bài không tạo bản trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Tệp hoặc thư mục cần nhập.")
        parser.add_argument(
            "--organization", metavar="SLUG",
            help="Đường dẫn (slug) của tổ chức nhận mọi bài. Mặc định: theo dòng nguồn của bài.",
        )
        parser.add_argument(
            "--category", metavar="SLUG",
            help="Đường dẫn (slug) của chuyên mục nhận mọi bài. Mặc định: theo dòng chuyên mục "
            "của bài.",
        )
        parser.add_argument("--publish", action="store_true",
                            help="Đăng ngay các bài có ngày đăng (mặc định: bản nháp).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Chỉ đọc và in những gì sẽ nhập, không lưu gì.")

    def handle(self, *args, paths, organization=None, category=None, publish=False,
               dry_run=False, verbosity=1, **options):
        placement = Placement(
            organization=self._organization(organization),
            category=self._category(category),
        )
        files, missing = collect_paths(paths)
        summary = Summary([Outcome(path, FAILED, reason) for path, reason in missing])
        for outcome in summary.outcomes:
            self._report(outcome, dry_run=dry_run)
        index = DirectiveIndex.everything()
        show_bar = verbosity > 0 and len(files) > PROGRESS_THRESHOLD and sys.stderr.isatty()
        for path in tqdm(files, disable=not show_bar, unit=" tệp", file=sys.stderr, leave=False):
            outcome = import_file(path, placement=placement, publish=publish, dry_run=dry_run,
                                  index=index)
            summary.outcomes.append(outcome)
            if verbosity > 0 or outcome.status == FAILED:
                self._report(outcome, dry_run=dry_run)
        self._summarise(summary, placement, dry_run=dry_run)
        if summary.failed:
            raise CommandError(f"Có {len(summary.failed)} tệp không nhập được (xem ở trên).")

    def _organization(self, slug):
        if slug is None:
            return None
        found = Organization.objects.filter(slug=slug).first()
        if found is None:
            raise CommandError(
                f"Không có tổ chức nào có đường dẫn “{slug}”. Không nhập bài nào. Xem đường dẫn "
                "của các tổ chức trong trang quản trị, mục Tổ chức."
            )
        return found

    def _category(self, slug):
        if slug is None:
            return None
        found = Category.objects.filter(slug=slug).first()
        if found is None:
            raise CommandError(
                f"Không có chuyên mục nào có đường dẫn “{slug}”. Không nhập bài nào. Xem đường "
                "dẫn của các chuyên mục trong trang quản trị, mục Chuyên mục."
            )
        return found

    def _report(self, outcome: Outcome, *, dry_run: bool):
        if outcome.status == FAILED:
            self.stderr.write(f"Lỗi: {outcome.path}: {outcome.message}.")
            return
        parsed = outcome.parsed
        if outcome.status == DUPLICATE:
            where = f" (bài #{outcome.article.pk})" if outcome.article else ""
            if outcome.article is not None and outcome.article.is_trashed:
                where += " đang trong thùng rác; khôi phục bài nếu muốn dùng lại"
            self.stdout.write(f"Bỏ qua, đã nhập trước đó{where}: {outcome.path} — “{parsed.title}”")
            return
        when = (
            f"{parsed.published_at:%d/%m/%Y %H:%M}" if parsed.has_time
            else f"{parsed.published_at:%d/%m/%Y}" if parsed.published_at else "không rõ ngày"
        )
        category = outcome.category.name if outcome.category else "Tin tức (sẽ tạo)"
        details = [
            when, f"{len(parsed.paragraphs)} đoạn", f"{len(parsed.captions)} chú thích ảnh",
            f"chuyên mục {category}" + (" (mặc định)" if outcome.category_guessed else ""),
            f"tổ chức {outcome.organization.name}"
            + (" (mặc định)" if outcome.organization_guessed else ""),
        ]
        if parsed.source:
            details.append(f"nguồn {parsed.source}")
        if outcome.directives:
            details.append("văn bản " + ", ".join(outcome.directives))
        if outcome.unresolved:
            details.append("văn bản chưa có trên cổng " + ", ".join(outcome.unresolved))
        details += outcome.notes
        verb = "Sẽ nhập" if dry_run else (
            "Đã nhập và đăng" if outcome.article.status == "published" else "Đã nhập bản nháp"
        )
        self.stdout.write(f"{verb}: {outcome.path} — “{parsed.title}” ({'; '.join(details)})")

    def _summarise(self, summary: Summary, placement: Placement, *, dry_run: bool):
        created, duplicates = summary.count(CREATED), summary.count(DUPLICATE)
        failed = len(summary.failed)
        self.stdout.write("")
        if dry_run:
            self.stdout.write("Chạy thử: không lưu gì.")
        self.stdout.write(
            f"Tổng kết: {len(summary.outcomes)} tệp; "
            f"{'sẽ nhập' if dry_run else 'đã nhập'} {created} bài; "
            f"bỏ qua {duplicates} bài đã có; lỗi {failed} tệp."
        )
        categories, organizations = summary.defaults_used()
        for name, count in categories.items():
            self.stdout.write(
                f"{count} bài không khớp chuyên mục nào trên cổng nên vào chuyên mục mặc định "
                f"“{name}” (chọn chuyên mục khác bằng --category)."
            )
        for name, count in organizations.items():
            self.stdout.write(
                f"{count} bài không ghi rõ đơn vị nên được gán cho tổ chức mặc định “{name}” "
                "(chọn tổ chức khác bằng --organization)."
            )
        linked = sum(len(outcome.directives) for outcome in summary.outcomes
                     if outcome.status == CREATED)
        unresolved = {code for outcome in summary.outcomes if outcome.status == CREATED
                      for code in outcome.unresolved}
        self.stdout.write(
            f"Văn bản chỉ đạo {'sẽ gắn' if dry_run else 'đã gắn'} vào bài: {linked}; văn bản được "
            f"nhắc nhưng chưa có trên cổng: {len(unresolved)}"
            + (f" ({', '.join(sorted(unresolved))})." if unresolved else ".")
        )
