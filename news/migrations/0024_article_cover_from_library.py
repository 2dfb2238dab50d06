"""Article covers become images of the library (library.LibraryImage).

Each stored cover file becomes one library image (the same stored file, not copied), of the
organisation of the first article showing it; a file that articles of several organisations
show (the demo's pool of photos) is shared with every organisation. Its card copies are the
article's (their description names the file, which does not change); the figure-sized copies
are made by `manage.py make_renditions` when wanted. A file no longer in the storage, or not
readable as an image, becomes nothing (its articles showed a broken picture): the migration
lists them. The alternative text stays empty: the
article's title does not describe the photo, and a wrong description is worse than none
for a reader who cannot see it. Publishing asks for it (news.workflow).

Every article and every version of an article (simple_history) then points at its image, so
the history, comparison and restore keep the cover; an article's cover is recorded as a use
of the image (news.ImageUse). Going back restores the file names from the images.
"""

from collections import defaultdict

import django.db.models.deletion
from django.core.files.images import get_image_dimensions
from django.db import migrations, models
from django.db.models.signals import post_init


def _dimensions(storage, name):
    try:
        with storage.open(name, "rb") as file:
            return get_image_dimensions(file)
    except Exception:  # a missing or unreadable file
        return None, None


def covers_to_library(apps, schema_editor):
    Article = apps.get_model("news", "Article")
    HistoricalArticle = apps.get_model("news", "HistoricalArticle")
    ImageUse = apps.get_model("news", "ImageUse")
    LibraryImage = apps.get_model("library", "LibraryImage")
    Organization = apps.get_model("organizations", "Organization")
    file_field = LibraryImage._meta.get_field("file")
    # The sizes are measured below, once per file.
    post_init.disconnect(file_field.update_dimension_fields, sender=LibraryImage)
    storage = file_field.storage

    # Each file: who shows it (articles first, then versions), and what the first row knows.
    firsts = {}
    organizations = defaultdict(set)
    rows = Article._default_manager.exclude(cover_image="").order_by("pk").values_list(
        "cover_image", "organization_id", "cover_original_name", "cover_renditions",
        "author_id", "created_at",
    )
    for name, organization_id, original, renditions, author_id, created_at in rows.iterator():
        firsts.setdefault(name, (organization_id, original, renditions, author_id, created_at))
        organizations[name].add(organization_id)
    existing = set(Organization.objects.values_list("pk", flat=True))
    history = HistoricalArticle._default_manager.exclude(cover_image="").order_by("history_id")
    for name, organization_id, original, author_id, date in history.values_list(
        "cover_image", "organization_id", "cover_original_name", "author_id", "history_date",
    ).iterator():
        if name in firsts or organization_id not in existing:
            continue
        firsts[name] = (organization_id, original, {}, author_id, date)
        organizations[name].add(organization_id)

    images, unreadable = {}, []
    for name, (organization_id, original, renditions, author_id, uploaded_at) in firsts.items():
        width, height = _dimensions(storage, name)
        if width is None:
            # Gone from the storage (pages showed a broken picture), or not an image: a
            # library image needs its size, or every page loading it would read the file.
            unreadable.append(name)
            continue
        image = LibraryImage(
            file=name, original_name=original, width=width, height=height,
            organization_id=organization_id, is_shared=len(organizations[name]) > 1,
            uploaded_by_id=author_id, uploaded_at=uploaded_at,
            card_renditions=renditions if (renditions or {}).get("source") == name else {},
        )
        image.save()
        images[name] = image.pk

    if unreadable:
        print(f"\n  {len(unreadable)} ảnh đại diện không đọc được, bài bỏ ảnh đó: "
              + ", ".join(sorted(unreadable)[:20]))
    for name, image_id in images.items():
        Article._default_manager.filter(cover_image=name).update(cover_id=image_id)
        HistoricalArticle._default_manager.filter(cover_image=name).update(cover_id=image_id)
    ImageUse.objects.bulk_create(
        [
            ImageUse(article_id=article_id, image_id=image_id, as_cover=True)
            for article_id, image_id in Article._default_manager.filter(cover__isnull=False)
            .values_list("pk", "cover_id").iterator()
        ],
        ignore_conflicts=True,
    )


def covers_from_library(apps, schema_editor):
    Article = apps.get_model("news", "Article")
    HistoricalArticle = apps.get_model("news", "HistoricalArticle")
    ImageUse = apps.get_model("news", "ImageUse")
    LibraryImage = apps.get_model("library", "LibraryImage")
    images = LibraryImage.objects.filter(pk__in=Article._default_manager.values("cover_id"))
    for image in images.only("pk", "file", "original_name", "card_renditions"):
        Article._default_manager.filter(cover_id=image.pk).update(
            cover_image=image.file.name, cover_original_name=image.original_name,
            cover_renditions=image.card_renditions,
        )
    for image in LibraryImage.objects.filter(
        pk__in=HistoricalArticle._default_manager.values("cover_id")
    ).only("pk", "file", "original_name"):
        HistoricalArticle._default_manager.filter(cover_id=image.pk).update(
            cover_image=image.file.name, cover_original_name=image.original_name,
        )
    # The library images stay: they may have been used elsewhere since.
    ImageUse.objects.filter(as_cover=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("library", "0001_initial"),
        ("news", "0023_directive_document"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="cover",
            field=models.ForeignKey(
                blank=True, help_text="Ảnh hiện ở danh sách tin và khi chia sẻ bài lên mạng xã hội.",
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="library.libraryimage", verbose_name="ảnh đại diện",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="cover",
            field=models.ForeignKey(
                blank=True, db_constraint=False,
                help_text="Ảnh hiện ở danh sách tin và khi chia sẻ bài lên mạng xã hội.",
                null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                to="library.libraryimage", verbose_name="ảnh đại diện",
            ),
        ),
        migrations.RunPython(covers_to_library, covers_from_library, elidable=False),
        migrations.RemoveField(model_name="article", name="cover_image"),
        migrations.RemoveField(model_name="article", name="cover_original_name"),
        migrations.RemoveField(model_name="article", name="cover_renditions"),
        migrations.RemoveField(model_name="historicalarticle", name="cover_image"),
        migrations.RemoveField(model_name="historicalarticle", name="cover_original_name"),
    ]
