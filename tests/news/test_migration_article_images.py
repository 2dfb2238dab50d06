"""An installation with "Ảnh có chú thích" (news.ArticleImage) upgrades without losing a photo:
news 0021 makes each stored file a library image, puts the photos as figures at the end of
the article's text (and of its kept versions, so a restore keeps them) and records where
each image is shown; 0022 removes the model. Migrating back gives the rows back."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from factories import OrganizationFactory, image_bytes
from migration_steps import migrate

from news.search_document import article_document

BEFORE = [("news", "0020_imageuse"), ("library", "0001_initial")]
AFTER = [("news", "0022_remove_articleimage")]

FIRST_BODY = "<p>Sáng 12/5, Tỉnh Đoàn ra quân.</p>"
BODY = FIRST_BODY + "<p>Hơn 300 đoàn viên tham gia.</p>"
# Columns a migration of the figures must leave as they are (the body aside).
KEPT = [
    "title", "slug", "summary", "status", "published_at", "updated_at", "created_at",
    "version", "search_document", "organization_id", "category_id", "cover_image",
]


def stored(name: str, size) -> str:
    return default_storage.save(name, ContentFile(image_bytes(size=size)))


def rendered(name: str) -> dict:
    """A figure's renditions description, as the task worker writes it."""
    return {
        "source": name, "kind": "figure", "width": 480, "height": 360,
        "jpeg": [[480, 360, f"renditions/{name}/figure-480.jpg"]],
        "webp": [[480, 360, f"renditions/{name}/figure-480.webp"]],
    }


def keep_version(HistoricalArticle, article, *, body, when, kind="~"):
    """A revision of `article` as django-simple-history writes it, with `body`."""
    values = {
        field.attname: getattr(article, field.attname)
        for field in HistoricalArticle._meta.fields
        if not field.attname.startswith("history_") and hasattr(article, field.attname)
    }
    values["body"] = body
    return HistoricalArticle.objects.create(
        **values, history_date=when, history_type=kind, history_change_reason=None,
    )


def figure(src: str, alt: str, caption: str = "") -> str:
    """A figure as the text holds it after the migration (cleaned like every body)."""
    caption_html = f"<figcaption>{caption}</figcaption>" if caption else ""
    return (
        f'<figure class="image"><img src="{src}" alt="{alt}" loading="lazy" decoding="async">'
        f"{caption_html}</figure>"
    )


@dataclass
class Installation:
    """What the previous release holds: three articles, five captioned photos, revisions."""

    youth: object
    report: object  # three photos, two revisions
    plain: object  # no photo
    meeting: object  # a photo another organisation shows too, and a photo whose file is lost
    first_version: object
    files: dict[str, str]
    before: dict


def previous_release(old) -> Installation:
    Article = old.get_model("news", "Article")
    HistoricalArticle = old.get_model("news", "HistoricalArticle")
    ArticleImage = old.get_model("news", "ArticleImage")
    youth = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    board = OrganizationFactory(name="Ban Tuyên giáo Tỉnh ủy")
    # The release's own model: today's has columns (Category.portal) this schema lacks.
    category = old.get_model("news", "Category").objects.create(name="Tin tức", slug="tin-tuc")

    def article(title, slug, organization, body=BODY):
        return Article._base_manager.create(
            title=title, slug=slug, summary="Tóm tắt.", body=body, status="published",
            published_at=timezone.now(), organization_id=organization.pk,
            category_id=category.pk,
            search_document=article_document(title=title, summary="Tóm tắt.", body=body),
        )

    report = article("Tuổi trẻ ra quân tình nguyện hè", "ra-quan", youth)
    plain = article("Thông báo lịch tiếp công dân", "lich-tiep", board, "<p>Lịch.</p>")
    meeting = article("Hội nghị sơ kết", "so-ket", board)

    opening = stored("articles/images/2026/05/le-ra-quan.jpg", size=(64, 48))
    planting = stored("articles/images/2026/05/trong-cay.png", size=(40, 30))
    children = stored("articles/images/2026/05/thieu-nhi.jpg", size=(30, 40))
    lost = "articles/images/2026/05/da-mat.jpg"  # its file is gone
    # Created out of order: the figures follow `order`, not the ids.
    ArticleImage.objects.create(
        article_id=report.pk, image=planting, original_name="trồng cây.png",
        caption="", alt_text="Đoàn viên trồng cây bên đường", order=2,
        renditions=rendered("articles/images/other.jpg"),  # stale: of another file
    )
    ArticleImage.objects.create(
        article_id=report.pk, image=opening, original_name="IMG_0012.JPG",
        caption="Lễ ra quân", alt_text="", order=1, renditions=rendered(opening),
    )
    ArticleImage.objects.create(
        article_id=report.pk, image=children, original_name="thieu-nhi.jpg",
        caption='<i>Trẻ em</i> "vui" & khỏe', alt_text="Thiếu nhi nhận quà", order=3,
    )
    # Another organisation shows the same file, and a photo whose file is lost.
    ArticleImage.objects.create(
        article_id=meeting.pk, image=opening, caption="Quang cảnh", order=1,
        renditions=rendered(opening),
    )
    ArticleImage.objects.create(
        article_id=meeting.pk, image=lost, caption="Ảnh đã mất", order=2,
    )
    for each in (report, plain, meeting):  # as the previous release kept them
        captions = ArticleImage.objects.filter(article_id=each.pk).order_by("order")
        Article._base_manager.filter(pk=each.pk).update(search_document=article_document(
            title=each.title, summary=each.summary, body=each.body,
            captions=captions.values_list("caption", flat=True),
        ))
    earlier = timezone.now() - timedelta(days=3)
    first = keep_version(HistoricalArticle, report, body=FIRST_BODY, when=earlier, kind="+")
    keep_version(HistoricalArticle, report, body=BODY, when=earlier + timedelta(days=1))
    before = {row["pk"]: row for row in Article._base_manager.values("pk", *KEPT)}
    return Installation(
        youth=youth, report=report, plain=plain, meeting=meeting, first_version=first,
        files={"opening": opening, "planting": planting, "children": children, "lost": lost},
        before=before,
    )


REPORT_FIGURES = (
    figure("/media/articles/images/2026/05/le-ra-quan.jpg", "Lễ ra quân", "Lễ ra quân")
    + figure("/media/articles/images/2026/05/trong-cay.png", "Đoàn viên trồng cây bên đường")
    + figure("/media/articles/images/2026/05/thieu-nhi.jpg", "Thiếu nhi nhận quà",
             "&lt;i&gt;Trẻ em&lt;/i&gt; \"vui\" &amp; khỏe")
)


@pytest.mark.django_db(transaction=True)
def test_captioned_photos_become_library_figures_at_the_end_of_the_text_and_come_back():
    try:
        old = migrate(BEFORE).loader.project_state(BEFORE).apps
        installation = previous_release(old)
        new = migrate(AFTER).loader.project_state(AFTER).apps
        check_figures_in_the_text(new, installation)
        check_library_images_and_uses(new, installation)
        check_versions_keep_the_figures(new, installation)
        previous = migrate(BEFORE).loader.project_state(BEFORE).apps
        check_rows_come_back(previous, installation)
    finally:
        # Later tests run on an empty database, as the rest of the suite expects.
        migrate(None)
        from library.models import LibraryImage
        from news.models import Article, Category
        from organizations.models import Organization

        Article.history.all().delete()
        Article.all_objects.all().delete()
        LibraryImage.objects.all().delete()
        Category.objects.all().delete()
        Organization.objects.all().delete()


def check_figures_in_the_text(new, installation):
    Article = new.get_model("news", "Article")
    report, plain, meeting = installation.report, installation.plain, installation.meeting
    lost = installation.files["lost"]
    with pytest.raises(LookupError):
        new.get_model("news", "ArticleImage")
    # Every photo, caption and alternative text, in order, at the end of the text.
    assert Article._base_manager.get(pk=report.pk).body == BODY + REPORT_FIGURES
    assert Article._base_manager.get(pk=plain.pk).body == "<p>Lịch.</p>"
    assert Article._base_manager.get(pk=meeting.pk).body == (
        BODY
        + figure("/media/articles/images/2026/05/le-ra-quan.jpg", "Quang cảnh", "Quang cảnh")
        + figure(f"/media/{lost}", "Ảnh đã mất", "Ảnh đã mất")
    )
    # Nothing else changed: no new version, same update time and search document,
    # which already held the captions the text holds now.
    after = {row["pk"]: row for row in Article._base_manager.values("pk", *KEPT)}
    assert after == installation.before
    for row in Article._base_manager.all():
        assert row.search_document == article_document(
            title=row.title, summary=row.summary, body=row.body
        )


def check_library_images_and_uses(new, installation):
    LibraryImage = new.get_model("library", "LibraryImage")
    ImageUse = new.get_model("news", "ImageUse")
    report, meeting, youth = installation.report, installation.meeting, installation.youth
    opening, planting, children = (
        installation.files[key] for key in ("opening", "planting", "children")
    )
    # One library image per stored file, the same file, described by its first row.
    images = {image.file.name: image for image in LibraryImage.objects.all()}
    assert set(images) == {opening, planting, children}
    shared = images[opening]
    assert (shared.original_name, shared.caption, shared.alt_text) == (
        "IMG_0012.JPG", "Lễ ra quân", ""
    )
    assert (shared.width, shared.height) == (64, 48)
    assert shared.renditions == rendered(opening)
    assert shared.organization_id == youth.pk
    assert shared.is_shared  # two organisations show it
    assert shared.uploaded_at == report.created_at
    planted = images[planting]
    assert (planted.caption, planted.alt_text, planted.original_name) == (
        "", "Đoàn viên trồng cây bên đường", "trồng cây.png"
    )
    assert (planted.width, planted.height) == (40, 30)
    assert planted.renditions == {}  # a stale description is not carried over
    assert not planted.is_shared
    assert planted.organization_id == youth.pk
    assert images[children].caption == '<i>Trẻ em</i> "vui" & khỏe'
    assert default_storage.exists(opening)
    assert not default_storage.exists("library/images")  # no bytes copied
    assert set(ImageUse.objects.values_list("article_id", "image_id", "as_cover")) == {
        (report.pk, images[opening].pk, False),
        (report.pk, images[planting].pk, False),
        (report.pk, images[children].pk, False),
        (meeting.pk, images[opening].pk, False),
    }


def check_versions_keep_the_figures(new, installation):
    HistoricalArticle = new.get_model("news", "HistoricalArticle")
    report = installation.report
    # Every kept version got the figures: restoring one keeps them.
    assert sorted(HistoricalArticle.objects.filter(id=report.pk).values_list(
        "body", flat=True)) == sorted([FIRST_BODY + REPORT_FIGURES, BODY + REPORT_FIGURES])
    # The restore runs as today's code does, on today's tables (the later migrations).
    migrate(None)
    from news.models import Article as CurrentArticle
    from news.services import article_restore_version

    current = CurrentArticle.objects.get(pk=report.pk)
    version = current.history.get(history_id=installation.first_version.history_id)
    restored = article_restore_version(article=current, version=version)
    assert restored.saved is not None
    assert CurrentArticle.objects.get(pk=report.pk).body == FIRST_BODY + REPORT_FIGURES


def check_rows_come_back(previous, installation):
    report, meeting = installation.report, installation.meeting
    opening, planting, children, lost = (
        installation.files[key] for key in ("opening", "planting", "children", "lost")
    )
    # Back: the rows again, in order, the texts and versions as they were before.
    Article = previous.get_model("news", "Article")
    ArticleImage = previous.get_model("news", "ArticleImage")
    HistoricalArticle = previous.get_model("news", "HistoricalArticle")
    rows = ArticleImage.objects.order_by("article_id", "order").values_list(
        "article_id", "image", "caption", "alt_text", "original_name", "order"
    )
    assert list(rows) == [
        (report.pk, opening, "Lễ ra quân", "", "IMG_0012.JPG", 1),
        (report.pk, planting, "", "Đoàn viên trồng cây bên đường", "trồng cây.png", 2),
        (report.pk, children, '<i>Trẻ em</i> "vui" & khỏe', "Thiếu nhi nhận quà",
         "thieu-nhi.jpg", 3),
        (meeting.pk, opening, "Quang cảnh", "", "IMG_0012.JPG", 1),
        (meeting.pk, lost, "Ảnh đã mất", "", "", 2),  # its figure had no library image
    ]
    assert Article._base_manager.get(pk=report.pk).body == FIRST_BODY  # restored above
    assert Article._base_manager.get(pk=meeting.pk).body == BODY
    assert set(HistoricalArticle.objects.filter(id=report.pk).values_list(
        "body", flat=True)) == {FIRST_BODY, BODY}
    assert not previous.get_model("library", "LibraryImage").objects.exists()
    assert not previous.get_model("news", "ImageUse").objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_removed_model_leaves_no_permission_behind():
    from django.contrib.auth.models import Permission

    try:
        migrate(BEFORE)
        from django.contrib.contenttypes.models import ContentType

        content_type, _ = ContentType.objects.get_or_create(app_label="news", model="articleimage")
        Permission.objects.get_or_create(
            content_type=content_type, codename="add_articleimage",
            defaults={"name": "Thêm ảnh có chú thích"},
        )
        migrate(AFTER)
        assert not ContentType.objects.filter(app_label="news", model="articleimage").exists()
        assert not Permission.objects.filter(codename__endswith="_articleimage").exists()
    finally:
        migrate(None)
