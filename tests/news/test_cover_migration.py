"""An installation whose articles had their own cover files upgrades to covers from the
library (news migration 0022) without losing a cover: each file becomes one library image
(a file several articles show, one image), every article and every version points at it,
and going back puts the file names back."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from factories import image_bytes
from migration_steps import migrate

BEFORE = [("news", "0020_imageuse")]
AFTER = [("news", "0024_article_cover_from_library")]


def stored(name, size=(64, 36)) -> str:
    return default_storage.save(name, ContentFile(image_bytes(size=size)))


def old_installation(old) -> dict:
    """Articles of two organisations with their own cover files, and versions of them."""
    Organization = old.get_model("organizations", "Organization")
    Article = old.get_model("news", "Article")._default_manager
    HistoricalArticle = old.get_model("news", "HistoricalArticle")._default_manager
    province = Organization.objects.create(name="Tỉnh ủy", slug="tinh-uy", path="9001", depth=1)
    youth = Organization.objects.create(name="Tỉnh Đoàn", slug="tinh-doan", path="9002", depth=1)
    category = old.get_model("news", "Category").objects.create(name="Tin", slug="tin-tuc-cu")
    files = {
        "shared": stored("articles/covers/2025/05/chung.jpg", size=(80, 45)),
        "own": stored("articles/covers/2025/05/rieng.jpg", size=(40, 30)),
        "old": stored("articles/covers/2024/01/cu.jpg"),
        "missing": "articles/covers/2025/05/mat.jpg",
    }
    description = {"source": files["shared"], "kind": "card", "width": 80, "height": 45,
                   "jpeg": [], "webp": []}

    def article(slug, organization, cover="", **fields):
        return Article.create(
            title=f"Bài {slug}", slug=slug, organization=organization, category=category,
            cover_image=cover, **fields,
        )

    articles = {
        "mot": article("mot", province, files["shared"], cover_original_name="anh chung.jpg",
                       cover_renditions=description),
        "hai": article("hai", youth, files["shared"], cover_renditions=description),
        "ba": article("ba", youth, files["own"], cover_original_name="rieng.jpg"),
        "bon": article("bon", youth),
        "nam": article("nam", youth, files["missing"]),
    }
    for slug, cover in (("mot", files["old"]), ("mot", files["shared"]), ("ba", files["own"]),
                        ("bon", "")):
        row = articles[slug]
        HistoricalArticle.create(
            id=row.pk, title=row.title, slug=row.slug, organization_id=row.organization_id,
            category_id=category.pk, status=row.status, created_at=row.created_at,
            updated_at=row.updated_at, is_featured=False, view_count=0, cover_image=cover,
            history_date=timezone.now(), history_type="~", body="", summary="",
        )
    return {"province": province, "youth": youth, "files": files, "articles": articles,
            "description": description}


def assert_going_back_puts_the_file_names_back(before) -> None:
    files, articles = before["files"], before["articles"]
    back = migrate(BEFORE).loader.project_state(BEFORE).apps
    names = dict(
        back.get_model("news", "Article")._default_manager.values_list("slug", "cover_image")
    )
    assert names == {"mot": files["shared"], "hai": files["shared"], "ba": files["own"],
                     "bon": "", "nam": ""}
    old_history = back.get_model("news", "HistoricalArticle")._default_manager
    assert set(
        old_history.filter(id=articles["mot"].pk).values_list("cover_image", flat=True)
    ) == {files["shared"], files["old"]}


@pytest.mark.django_db(transaction=True)
def test_every_cover_becomes_a_library_image_and_shared_files_one_image():
    executor = migrate(BEFORE)
    try:
        before = old_installation(executor.loader.project_state(BEFORE).apps)
        files, articles = before["files"], before["articles"]

        new = migrate(AFTER).loader.project_state(AFTER).apps
        LibraryImage = new.get_model("library", "LibraryImage")
        covers = dict(
            new.get_model("news", "Article")._default_manager.values_list("slug", "cover_id")
        )

        assert LibraryImage.objects.count() == 3  # shared, own, the old one (of a version)
        assert covers["mot"] == covers["hai"]
        assert covers["bon"] is covers["nam"] is None  # no cover; a file gone: nothing to keep
        assert covers["mot"] != covers["ba"]
        common = LibraryImage.objects.get(pk=covers["mot"])
        assert (common.file.name, common.original_name, common.organization_id) == (
            files["shared"], "anh chung.jpg", before["province"].pk)
        assert common.is_shared  # shown by articles of two organisations
        assert (common.width, common.height) == (80, 45)
        assert common.card_renditions == before["description"]
        assert common.alt_text == ""
        single = LibraryImage.objects.get(pk=covers["ba"])
        assert (single.file.name, single.is_shared, single.organization_id) == (
            files["own"], False, before["youth"].pk)
        assert (single.width, single.height) == (40, 30)

        history = new.get_model("news", "HistoricalArticle")._default_manager
        versions = set(history.filter(id=articles["mot"].pk).values_list("cover_id", flat=True))
        assert versions == {covers["mot"], LibraryImage.objects.get(file=files["old"]).pk}
        assert history.get(id=articles["ba"].pk).cover_id == covers["ba"]
        assert history.get(id=articles["bon"].pk).cover_id is None
        uses = new.get_model("news", "ImageUse").objects.filter(as_cover=True)
        assert set(uses.values_list("article_id", "image_id")) == {
            (articles[slug].pk, covers[slug]) for slug in ("mot", "hai", "ba")
        }

        assert_going_back_puts_the_file_names_back(before)
    finally:
        migrate(None)
        from library.models import LibraryImage as CurrentImage
        from news.models import Article as CurrentArticle
        from news.models import Category as CurrentCategory
        from organizations.models import Organization as CurrentOrganization

        CurrentArticle.history.all().delete()
        CurrentArticle.all_objects.all().delete()
        CurrentImage.objects.all().delete()
        CurrentCategory.objects.filter(slug="tin-tuc-cu").delete()
        CurrentOrganization.objects.filter(slug__in=["tinh-uy", "tinh-doan"]).delete()
