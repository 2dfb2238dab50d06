"""The demo-content command: idempotent, realistic, and never public where it must not be."""

import re
from datetime import date, timedelta
from html import unescape
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.http import HttpRequest
from django.utils import timezone

from demo.articles import headline, slugs_for
from demo.data import DEMO_ADMIN_USERNAME
from library.models import LibraryImage
from news.models import Article, Category, Directive, ImageUse
from news.search_document import normalize
from organizations.models import Organization, Person, Position, Succession

pytestmark = pytest.mark.django_db


def load(**options) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [
        Organization, Succession, Person, Position, Category, Directive, Article,
        LibraryImage, ImageUse, Article.directives.through, get_user_model(),
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_second_run_creates_nothing():
    load(articles=15)
    before = counts()
    output = load(articles=15)
    assert counts() == before
    new_counts = re.findall(r"\(mới (\d+)\)", output)
    assert new_counts
    assert set(new_counts) == {"0"}


def test_organisation_tree_with_the_2025_merger():
    load(articles=15)
    central = Organization.objects.get(name="Ban Chấp hành Trung ương Đảng")
    assert {child.name for child in Organization.objects.get_children(central)} >= {
        "Bộ Chính trị", "Ban Bí thư", "Tỉnh ủy Bến Tre",
    }
    province = Organization.objects.get(slug="tinh-uy-ben-tre")
    assert province.level == Organization.Level.PROVINCE
    assert {board.name for board in Organization.objects.get_children(province)} == {
        "Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận Tỉnh ủy",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ban Nội chính Tỉnh ủy",
        "Ủy ban Kiểm tra Tỉnh ủy", "Văn phòng Tỉnh ủy",
    }
    government = Organization.objects.get(name="Chính phủ")
    assert government.is_root()
    assert government.kind == Organization.Kind.STATE_AGENCY

    merged = Organization.objects.get(name="Ban Tuyên giáo và Dân vận Tỉnh ủy")
    assert merged.active_from == date(2025, 3, 1)
    predecessors = list(merged.predecessors())
    assert {item.predecessor.name for item in predecessors} == {
        "Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận Tỉnh ủy",
    }
    for succession in predecessors:
        assert succession.kind == Succession.Kind.MERGED_INTO
        assert succession.effective_on == date(2025, 3, 1)
        assert succession.predecessor.active_until == date(2025, 2, 28)
        assert not succession.predecessor.is_active

    district = Organization.objects.get(name="Huyện Đoàn Chợ Lách")
    assert district.level == Organization.Level.DISTRICT
    youth_union = Organization.objects.get_parent(district)
    assert youth_union.name == "Tỉnh Đoàn Bến Tre"
    assert Organization.objects.get_parent(youth_union).short_name == "Trung ương Đoàn"
    assert Organization.objects.find_problems() == ([], [], [], [], [])

    position = Position.objects.get(person__full_name="Nguyễn Thị Mỹ Nương")
    assert str(position) == "Nguyễn Thị Mỹ Nương — Phó Bí thư Tỉnh Đoàn"
    assert position.title_en
    assert position.contact_phone
    assert position.contact_email


def test_real_directives_with_their_references():
    load(articles=15)
    assert Directive.objects.count() >= 8
    directive = Directive.objects.get(symbol="CT/TW", number="20")
    assert directive.reference == "Chỉ thị số 20-CT/TW ngày 05/11/2012 của Bộ Chính trị"
    assert directive.doc_type == Directive.DocumentType.DIRECTIVE

    decree = Directive.objects.get(symbol="NĐ-CP", number="42", year=2022)
    assert decree.numbering == Directive.Numbering.STATE
    assert decree.code == "42/2022/NĐ-CP"
    assert decree.issuer.name == "Chính phủ"
    assert decree.replaces.get().code == "43/2011/NĐ-CP"

    old_rules = Directive.objects.get(number="47", symbol="QĐ/TW")
    assert old_rules.status == Directive.Status.REPLACED
    assert old_rules.replaced_by.code == "37-QĐ/TW"


def test_exactly_the_requested_articles_are_public():
    load(articles=15)
    public = Article.objects.published()
    assert public.count() == 15
    hidden = Article.objects.exclude(pk__in=public.values("pk"))
    assert {article.status for article in hidden} == {
        Article.Status.DRAFT, Article.Status.PENDING,
    }
    assert hidden.filter(status=Article.Status.DRAFT).count() >= 2
    assert hidden.filter(status=Article.Status.PENDING).count() == 1
    assert not any(article.is_public for article in hidden)

    now = timezone.now()
    categories = set()
    for article in public.prefetch_related("directives", "image_uses"):
        assert article.published_at <= now
        assert article.published_at >= now - timedelta(days=731)
        assert article.summary
        assert article.body.count("<p>") >= 3
        assert article.source
        assert article.author_name
        assert 1 <= article.body.count('<figure class="image">') <= 3
        uses = article.image_uses.all()
        figures = [use for use in uses if not use.as_cover]
        assert 1 <= len(figures) <= article.body.count("<figure")
        assert [use.image_id for use in uses if use.as_cover] == [article.cover_id]
        for directive in article.directives.all():
            assert directive.code.upper() in article.body.upper()
        organization = article.organization
        if organization.active_until:
            assert article.published_at.date() <= organization.active_until
        categories.add(article.category.name)
    assert "Hoạt động Đoàn" in categories
    assert public.filter(directives__isnull=False).exists()


def test_photos_are_stored_once_and_shared():
    load(articles=15)
    load(articles=15)
    _, files = default_storage.listdir("library/images/demo")
    assert sorted(files) == [f"photo-{number:02d}.jpg" for number in range(1, 13)]
    names = set(Article.objects.values_list("cover__file", flat=True))
    assert LibraryImage.objects.count() == 12  # one shared library image per pool photo
    assert not Article.objects.filter(cover__isnull=True).exists()
    names |= set(LibraryImage.objects.values_list("file", flat=True))
    assert names
    assert all(name.startswith("library/images/demo/photo-") for name in names)
    assert all(default_storage.exists(name) for name in names)


def test_demo_superuser_logs_in_with_the_printed_password(client):
    output = load(articles=15)
    password = re.search(r"Mật khẩu: (\S+)", output)[1]
    assert "/admin/" in output
    user = get_user_model().objects.get(username=DEMO_ADMIN_USERNAME)
    assert user.is_superuser
    assert user.is_staff
    assert client.login(request=HttpRequest(), username=DEMO_ADMIN_USERNAME, password=password)

    again = load(articles=15)
    assert "Mật khẩu:" not in again
    assert "giữ nguyên" in again
    assert client.login(request=HttpRequest(), username=DEMO_ADMIN_USERNAME, password=password)


def test_an_existing_admin_keeps_its_password(client):
    get_user_model().objects.create_superuser(DEMO_ADMIN_USERNAME, "", "mat-khau-rieng-2026")
    output = load(articles=3)
    assert "Mật khẩu:" not in output
    assert client.login(
        request=HttpRequest(), username=DEMO_ADMIN_USERNAME, password="mat-khau-rieng-2026"
    )


def test_a_larger_count_adds_only_the_difference():
    load(articles=10)
    first = set(Article.objects.published().values_list("slug", flat=True))
    before = counts()
    output = load(articles=15)
    second = set(Article.objects.published().values_list("slug", flat=True))
    assert len(second) == 15
    assert first < second
    after = counts()
    assert after["Article"] == before["Article"] + 5
    assert after["Organization"] == before["Organization"]
    assert after["Directive"] == before["Directive"]
    assert re.search(r"Bài viết đã đăng:\s+15\s+\(mới 5\)", output)

    load(articles=12)
    assert Article.objects.published().count() == 15


def test_article_numbers_keep_their_titles_and_slugs():
    assert slugs_for(40) == slugs_for(80)[:40]
    titles = [headline(index).title for index in range(3000)]
    assert len(set(titles)) == len(titles)
    slugs = [slug for _, slug in slugs_for(3000)]
    assert len(set(slugs)) == len(slugs)
    assert all(len(slug) <= 160 for slug in slugs)


def test_negative_count_is_refused():
    with pytest.raises(CommandError):
        load(articles=-1)


def test_demo_pages_render(client):
    load(articles=15)
    article = Article.objects.published().first()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert article.title in response.text
    draft = Article.objects.filter(status=Article.Status.DRAFT).first()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/").status_code == 200


def test_photos_are_shared_library_images_shown_as_figures_between_paragraphs():
    load(articles=15)
    images = {image.file.name: image for image in LibraryImage.objects.all()}
    assert sorted(images) == [
        f"library/images/demo/photo-{number:02d}.jpg" for number in range(1, 13)
    ]
    province = Organization.objects.get(slug="tinh-uy-ben-tre")
    for image in images.values():
        assert image.is_shared
        assert image.organization == province
        assert all((image.alt_text, image.caption, image.credit))
        assert (image.width, image.height) == (1200, 800)
        assert image.renditions["source"] == image.file.name
        assert image.card_renditions["source"] == image.file.name
    for article in Article.objects.published():
        shown = re.findall(r'<img src="([^"]+)"', article.body)
        assert shown, article.title
        # The first figure follows the opening paragraph, as an editor places it.
        assert re.match(r"<p>.*?</p><figure class=\"image\"><img src=", article.body)
        assert "Hình 1" not in article.body  # numbers are added when shown
        used = set(
            ImageUse.objects.filter(article=article, as_cover=False)
            .values_list("image__file", flat=True)
        )
        assert {src.removeprefix("/media/") for src in shown} == used
        # The captions are in the text, so they are searched.
        for caption in re.findall(r"<figcaption>(.*?)</figcaption>", article.body):
            assert f" {normalize(unescape(caption))} " in article.search_document
