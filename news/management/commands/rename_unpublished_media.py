"""Give the photos of articles that are not public yet names nobody can guess.

Uploads get random names since images/uploads.py; files stored before kept the name they
were uploaded with (articles/covers/2026/12/bia-hoi-nghi.jpg), so the photos of an
embargoed story could be found by guessing. For every article readers cannot see yet
(draft, waiting for review, scheduled for later, archived), each cover and captioned photo
whose name is not random yet is, one at a time:

1. copied to a random name (the folders and extension of a new upload);
2. given renditions under that name; if the copy or the renditions fail, the copy is
   removed and nothing else changes;
3. switched to the new name on its row, and on the article's revisions that show the same
   file, in one transaction (the original name is kept for the admin);
4. only then the old file and its renditions are deleted, unless another row or revision
   still shows them (a published article sharing the photo): those are kept.

Published articles keep their files: their addresses are public already. Running it again
does nothing more; --dry-run lists what would be renamed.
"""

import posixpath

from django.core.files.base import File
from django.core.management.base import BaseCommand
from django.db import transaction

from core.validators import detected_extension
from images.rendition_tracking import REGISTRY, discard
from images.uploads import clean_original_name, is_unguessable, name_extension
from news.models import COVER_RENDITIONS, FIGURE_RENDITIONS, Article, ArticleImage


def file_in_use(name: str) -> bool:
    """Whether any row or revision of an image field still shows the stored file `name`."""
    for tracked in REGISTRY:
        if tracked.model._default_manager.filter(**{tracked.field: name}).exists():
            return True
        history = getattr(tracked.model, "history", None)  # django-simple-history
        if history is not None and history.filter(**{tracked.field: name}).exists():
            return True
    return False


class Command(BaseCommand):
    help = (
        "Đổi tên ngẫu nhiên cho ảnh đại diện và ảnh có chú thích của các bài chưa đăng "
        "(tệp tải lên trước khi có tên ngẫu nhiên), để không ai đoán được địa chỉ của chúng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ liệt kê các tệp sẽ được đổi tên."
        )

    def handle(self, *args, dry_run=False, **options):
        self.verbosity = options["verbosity"]
        self.counts = {"renamed": 0, "kept": 0, "failed": 0}
        unpublished = Article.objects.exclude(pk__in=Article.objects.published().values("pk"))
        for article in unpublished.only("pk", "cover_image", "cover_renditions",
                                        "cover_original_name").order_by("pk"):
            if article.cover_image and not is_unguessable(article.cover_image.name):
                self.rename(COVER_RENDITIONS, article, "cover_original_name", article.pk,
                            dry_run=dry_run)
        images = ArticleImage.objects.filter(article__in=unpublished).order_by("pk")
        for image in images.only("pk", "article_id", "image", "renditions", "original_name"):
            if not is_unguessable(image.image.name):
                self.rename(FIGURE_RENDITIONS, image, "original_name", None, dry_run=dry_run)
        self.report(dry_run)

    def say(self, message, style=None):
        if self.verbosity > 0:
            self.stdout.write(style(message) if style else message)

    def rename(self, tracked, row, original_field, article_pk, *, dry_run):
        field = row._meta.get_field(tracked.field)
        storage = field.storage
        old = getattr(row, tracked.field).name
        if dry_run:
            self.say(f"Sẽ đổi tên: {old}")
            self.counts["renamed"] += 1
            return
        # 1. A copy under a random name.
        try:
            with storage.open(old, "rb") as source:
                extension = detected_extension(source) or name_extension(old)
                new = storage.save(
                    field.generate_filename(row, f"upload{extension}"), File(source, old),
                    max_length=field.max_length,
                )
        except Exception as error:  # a missing or unreadable file: nothing to do for it
            self.failed(old, f"không đọc được tệp ({error.__class__.__name__})")
            return
        # 2. Its renditions.
        description = tracked.render_source(new)
        if description.get("failed"):
            storage.delete(new)
            self.failed(old, "không tạo được bản thu nhỏ (ảnh hỏng?)")
            return
        # 3. The row and the article's revisions, together.
        original = getattr(row, original_field) or clean_original_name(posixpath.basename(old))
        changes = {tracked.field: new, original_field: original}
        with transaction.atomic():
            updated = type(row)._default_manager.filter(pk=row.pk, **{tracked.field: old}).update(
                **changes, **{tracked.description_field: description}
            )
            if updated and article_pk is not None:
                Article.history.filter(id=article_pk, **{tracked.field: old}).update(**changes)
        if not updated:  # changed meanwhile (an editor replaced the photo): leave it be
            discard(description, storage)
            storage.delete(new)
            self.failed(old, "bài vừa được sửa trong lúc đổi tên; hãy chạy lại lệnh")
            return
        # 4. The old file and renditions, unless something still shows them.
        discard(getattr(row, tracked.description_field) or {}, storage)
        if file_in_use(old):
            self.counts["kept"] += 1
            self.say(f"{old} → {new} (giữ tệp cũ: bài khác vẫn dùng)")
        else:
            storage.delete(old)
            self.say(f"{old} → {new}")
        self.counts["renamed"] += 1

    def failed(self, name, reason):
        self.counts["failed"] += 1
        self.stderr.write(self.style.WARNING(f"Không đổi tên {name}: {reason}. Tệp giữ nguyên."))

    def report(self, dry_run):
        renamed, kept, failed = (self.counts[key] for key in ("renamed", "kept", "failed"))
        if dry_run:
            self.stdout.write(f"Sẽ đổi tên {renamed} tệp của các bài chưa đăng (chạy thử).")
            return
        self.stdout.write(f"Đã đổi tên {renamed} tệp của các bài chưa đăng.")
        if kept:
            self.stdout.write(
                f"{kept} tệp cũ được giữ lại vì bài đã đăng hoặc phiên bản cũ vẫn dùng."
            )
        if failed:
            self.stdout.write(self.style.WARNING(f"{failed} tệp không đổi tên được (xem ở trên)."))
