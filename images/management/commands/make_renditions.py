"""Make the renditions of images that do not have them yet (or, with --all, of every image).

Saving an image has the task worker make its renditions; this command is for
images stored before renditions existed (after upgrading), after the rendition
sizes changed, or whose file could not be read, or whose renditions were made for another
focal point. Rows sharing a file (and focal point) get one set, made once.
"""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from caching import page_cache
from images.rendition_tracking import REGISTRY, discard
from images.renditions import focal_point
from images.tasks import having_values


class Command(BaseCommand):
    help = "Tạo các bản ảnh thu nhỏ (WebP và JPEG) cho ảnh chưa có; --all để tạo lại tất cả."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--missing-only", dest="everything", action="store_false", default=False,
            help="Chỉ ảnh chưa có bản thu nhỏ (mặc định).",
        )
        which.add_argument(
            "--all", dest="everything", action="store_true",
            help="Tạo lại bản thu nhỏ của mọi ảnh.",
        )

    def handle(self, *args, everything=False, **options):
        show_bar = options["verbosity"] > 0
        made = failed = 0
        for tracked in REGISTRY:
            rows = tracked.rows() if everything else tracked.rows_missing_renditions()
            focal = tracked.focal if tracked.uses_focal else ()
            sources = list(rows.values_list(tracked.field, *focal).order_by().distinct())
            for source, *point in tqdm(
                sources, desc=str(tracked.label), unit=" ảnh", disable=not show_bar or not sources,
                file=sys.stderr, leave=False,
            ):
                description = tracked.render_source(source, focal_point(*point) if point else None)
                # Every row showing this file (around this focal point) gets the same description.
                same = rows.filter(having_values(focal, point), **{tracked.field: source})
                replaced = list(same.values_list(tracked.description_field, flat=True))
                same.update(**{tracked.description_field: description})
                # Renditions made for another focal point go, unless a row still shows them.
                for old in replaced:
                    if old and old != description:
                        discard(old, tracked.storage)
                if not description.get("failed"):
                    made += 1
                else:
                    failed += 1
        if made:
            page_cache.invalidate(page_cache.LAYOUT)  # cached pages were made without them
        self.stdout.write(f"Đã tạo bản thu nhỏ cho {made} ảnh.")
        if failed:
            self.stdout.write(self.style.WARNING(
                f"{failed} ảnh không đọc được (tệp thiếu hoặc hỏng); xem nhật ký để biết tệp nào."
            ))
