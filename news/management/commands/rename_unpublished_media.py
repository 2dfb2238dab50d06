"""Give the covers of articles that are not public yet names nobody can guess.

Uploads get random names since images/uploads.py; files stored before kept the name they
were uploaded with (articles/covers/2026/12/bia-hoi-nghi.jpg), so the photos of an
embargoed story could be found by guessing. For every article readers cannot see yet
(draft, waiting for review, scheduled for later, archived), each cover (a library image that
no public article shows) whose name is not random yet is, one at a time:

1. copied to a random name (the folders and extension of a new upload);
2. given renditions under that name; if the copy or the renditions fail, the copy is
   removed and nothing else changes;
3. switched to the new name on its row (the original name is kept for the admin); the
   article and its revisions point at the library image, which stays the same;
4. only then the old file and its renditions are deleted, unless another row or revision
   still shows them (a published article sharing the photo): those are kept.

Published articles keep their files: their addresses are public already. Running it again
does nothing more; --dry-run lists what would be renamed.

The captioned photos under an article (the retired ArticleImage) were renamed by this command too
until news migration 0021 made them library images shown in the article's text; a
figure's address is now written in the text, so an installation that cares runs this
command before upgrading past that migration.
"""

import posixpath

from django.core.files.base import File
from django.core.management.base import BaseCommand

from core.validators import detected_extension
from images.rendition_tracking import REGISTRY, discard
from images.uploads import clean_original_name, is_unguessable, name_extension
from library.models import CARD_RENDITIONS as LIBRARY_CARD_RENDITIONS
from library.models import FIGURE_RENDITIONS as LIBRARY_FIGURE_RENDITIONS
from library.models import LibraryImage
from news.models import Article, ImageUse


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
        "Đổi tên ngẫu nhiên cho ảnh đại diện của các bài chưa đăng "
        "(tệp tải lên trước khi có tên ngẫu nhiên), để không ai đoán được địa chỉ của chúng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ liệt kê các tệp sẽ được đổi tên."
        )

    def handle(self, *args, dry_run=False, **options):
        self.verbosity = options["verbosity"]
        self.counts = {"renamed": 0, "kept": 0, "failed": 0}
        # Articles in the trash are not public either.
        unpublished = Article.all_objects.exclude(
            pk__in=Article.objects.published().values("pk")
        )
        published = Article.objects.published()
        covers = (
            LibraryImage.objects.filter(pk__in=unpublished.values("cover_id"))
            .exclude(pk__in=published.filter(cover__isnull=False).values("cover_id"))
            .exclude(pk__in=ImageUse.objects.filter(article__in=published).values("image_id"))
            .order_by("pk")
        )
        for image in covers.only(
            "pk", "file", "renditions", "card_renditions", "original_name", "focal_x", "focal_y"
        ):
            if not is_unguessable(image.file.name):
                self.rename((LIBRARY_CARD_RENDITIONS, LIBRARY_FIGURE_RENDITIONS), image,
                            "original_name", dry_run=dry_run)
        self.report(dry_run)

    def say(self, message, style=None):
        if self.verbosity > 0:
            self.stdout.write(style(message) if style else message)

    def rename(self, trackeds, row, original_field, *, dry_run):
        """Rename `row`'s file, making the renditions of each of `trackeds` (its image
        field's descriptions) under the new name."""
        tracked = trackeds[0]
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
        descriptions = {
            each.description_field: each.render_source(new, each.focal_of(row)) for each in trackeds
        }
        if any(description.get("failed") for description in descriptions.values()):
            for description in descriptions.values():
                discard(description, storage)
            storage.delete(new)
            self.failed(old, "không tạo được bản thu nhỏ (ảnh hỏng?)")
            return
        # 3. The row.
        original = getattr(row, original_field) or clean_original_name(posixpath.basename(old))
        changes = {tracked.field: new, original_field: original}
        updated = type(row)._default_manager.filter(pk=row.pk, **{tracked.field: old}).update(
            **changes, **descriptions
        )
        if not updated:  # changed meanwhile (an editor replaced the photo): leave it be
            for description in descriptions.values():
                discard(description, storage)
            storage.delete(new)
            self.failed(old, "bài vừa được sửa trong lúc đổi tên; hãy chạy lại lệnh")
            return
        # 4. The old file and renditions, unless something still shows them.
        for each in trackeds:
            discard(getattr(row, each.description_field) or {}, storage)
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
