"""Corrected slugs (core/old_slugs.py): the old address of a published article, a category
or an organisation answers 301 to the current one, through chains of corrections, never
towards an article readers may not see, never hiding a live page that took the old slug,
and never from a stale cached page; who may correct a published article's slug."""

from datetime import timedelta

import pytest
from admin_forms import browser_data
from django.utils import timezone
from factories import (
    ArticleFactory,
    CategoryFactory,
    DirectiveFactory,
    OrganizationFactory,
    member,
)

from accounts.roles import APPROVER, REPORTER
from core.old_slugs import REDIRECT_MAX_AGE
from news.models import Article, ArticleOldSlug, CategoryOldSlug, DirectiveOldSlug
from news.services import article_delete, article_purge, article_save, directive_save
from organizations.models import OrganizationOldSlug

pytestmark = pytest.mark.django_db

MANGLED = "ban-tuyen-giao-va-dan-vn-tnh-y-trin-khai"
CORRECT = "ban-tuyen-giao-va-dan-van-tinh-uy-trien-khai"
TITLE = "Ban Tuyên giáo và Dân vận Tỉnh ủy triển khai"
CHANGE = "/admin/news/article/{}/change/"


def correct_slug(article, slug):
    """What the admin does for a user who may correct a published article's slug."""
    article.refresh_from_db()
    article.slug = slug
    article.slug_correction_allowed = True
    article.full_clean()
    article_save(article=article)
    return article


def assert_redirects(client, old_path, new_path):
    response = client.get(old_path)
    assert response.status_code == 301, (old_path, response.status_code)
    assert response["Location"] == new_path
    assert response["Cache-Control"] == f"max-age={REDIRECT_MAX_AGE}"
    assert client.get(new_path).status_code == 200


@pytest.fixture
def mangled():
    """A published article with the slug Django's URLify typed for it."""
    return ArticleFactory(title=TITLE, slug=MANGLED)


# Articles ---------------------------------------------------------------------------------


def test_the_old_address_of_a_corrected_article_redirects_permanently(client, mangled):
    correct_slug(mangled, CORRECT)
    assert_redirects(client, f"/tin-tuc/{MANGLED}/", f"/tin-tuc/{CORRECT}/")
    assert list(mangled.old_slugs.values_list("slug", flat=True)) == [MANGLED]
    # HEAD too, and the query string goes along.
    assert client.head(f"/tin-tuc/{MANGLED}/").status_code == 301
    assert client.get(f"/tin-tuc/{MANGLED}/?utm_source=zalo")["Location"] == (
        f"/tin-tuc/{CORRECT}/?utm_source=zalo"
    )


def test_a_chain_of_corrections_is_one_redirect_from_each_old_address(client, mangled):
    correct_slug(mangled, "ban-tuyen-giao-trien-khai")
    correct_slug(mangled, "ban-tuyen-giao-va-dan-van-trien-khai")
    correct_slug(mangled, CORRECT)
    for old in (MANGLED, "ban-tuyen-giao-trien-khai", "ban-tuyen-giao-va-dan-van-trien-khai"):
        assert_redirects(client, f"/tin-tuc/{old}/", f"/tin-tuc/{CORRECT}/")
    assert mangled.old_slugs.count() == 3


def test_going_back_to_an_old_slug_makes_it_current_again(client, mangled):
    correct_slug(mangled, CORRECT)
    correct_slug(mangled, MANGLED)
    assert client.get(f"/tin-tuc/{MANGLED}/").status_code == 200
    assert_redirects(client, f"/tin-tuc/{CORRECT}/", f"/tin-tuc/{MANGLED}/")
    assert list(mangled.old_slugs.values_list("slug", flat=True)) == [CORRECT]


@pytest.mark.parametrize(
    "hide",
    [
        pytest.param(lambda article: article.unpublish(), id="unpublished"),
        pytest.param(
            lambda article: setattr(article, "status", Article.Status.ARCHIVED), id="archived"
        ),
        pytest.param(
            lambda article: setattr(article, "published_at", timezone.now() + timedelta(days=1)),
            id="scheduled",
        ),
    ],
)
def test_the_old_address_of_an_article_readers_may_not_see_tells_nothing(client, mangled, hide):
    correct_slug(mangled, CORRECT)
    hide(mangled)
    article_save(article=mangled)
    response = client.get(f"/tin-tuc/{MANGLED}/")
    assert response.status_code == 404
    assert "Location" not in response
    assert CORRECT not in response.content.decode()


def test_an_old_slug_taken_by_another_article_shows_that_article(client, mangled):
    correct_slug(mangled, CORRECT)
    newer = ArticleFactory(title="Bài mới mang địa chỉ cũ", slug=MANGLED)
    response = client.get(f"/tin-tuc/{MANGLED}/")
    assert response.status_code == 200
    assert response.context["article"] == newer
    # While the newer article is not public, the old address leads where it used to.
    newer.unpublish()
    article_save(article=newer)
    assert_redirects(client, f"/tin-tuc/{MANGLED}/", f"/tin-tuc/{CORRECT}/")


def test_an_old_slug_leads_to_the_article_that_had_it_last(client, mangled):
    correct_slug(mangled, CORRECT)
    newer = ArticleFactory(title="Bài mới mang địa chỉ cũ", slug=MANGLED)
    correct_slug(newer, "bai-moi")
    assert_redirects(client, f"/tin-tuc/{MANGLED}/", "/tin-tuc/bai-moi/")
    assert ArticleOldSlug.objects.get(slug=MANGLED).article == newer


def test_unknown_slugs_and_deleted_articles_are_still_404(client, mangled):
    correct_slug(mangled, CORRECT)
    assert client.get("/tin-tuc/khong-co-bai-nay/").status_code == 404
    article_delete(article=mangled)  # to the trash: its old address stays, answering 404
    assert client.get(f"/tin-tuc/{MANGLED}/").status_code == 404
    assert client.get(f"/tin-tuc/{CORRECT}/").status_code == 404
    article_purge(article=mangled, by=None)
    assert client.get(f"/tin-tuc/{MANGLED}/").status_code == 404
    assert not ArticleOldSlug.objects.exists()


def test_without_permission_a_published_slug_stays_and_nothing_is_recorded(mangled):
    mangled.slug = CORRECT
    article_save(article=mangled)
    mangled.refresh_from_db()
    assert mangled.slug == MANGLED
    assert not ArticleOldSlug.objects.exists()


def test_a_draft_that_was_never_public_leaves_no_old_address(client):
    draft = ArticleFactory(
        title=TITLE, slug=MANGLED, status=Article.Status.DRAFT, published_at=None
    )
    draft.slug = CORRECT
    article_save(article=draft)
    assert not ArticleOldSlug.objects.exists()
    draft.publish()
    article_save(article=draft)
    assert client.get(f"/tin-tuc/{MANGLED}/").status_code == 404


# Who corrects it in the admin ---------------------------------------------------------


def test_an_approver_corrects_a_published_slug_in_the_admin(client, mangled):
    approver = member(APPROVER, mangled.organization, username="duyetbai")
    client.force_login(approver)
    page = client.get(CHANGE.format(mangled.pk))
    html = page.content.decode()
    assert 'name="slug"' in html
    assert "Địa chỉ cũ vẫn mở được" in html

    response = client.post(CHANGE.format(mangled.pk), browser_data(page, slug=CORRECT))

    assert response.status_code == 302, response.context["adminform"].form.errors
    mangled.refresh_from_db()
    assert mangled.slug == CORRECT
    assert mangled.history.first().slug == CORRECT
    # The change form lists the old address under the slug.
    html = client.get(CHANGE.format(mangled.pk)).content.decode()
    assert "địa chỉ cũ (vẫn mở được" in html.lower()
    assert f"/tin-tuc/{MANGLED}/" in html
    client.logout()
    assert_redirects(client, f"/tin-tuc/{MANGLED}/", f"/tin-tuc/{CORRECT}/")


def test_an_approver_may_clear_the_slug_to_make_it_again_from_the_title(client, mangled):
    client.force_login(member(APPROVER, mangled.organization))
    page = client.get(CHANGE.format(mangled.pk))
    response = client.post(CHANGE.format(mangled.pk), browser_data(page, slug=""))
    assert response.status_code == 302
    mangled.refresh_from_db()
    assert mangled.slug == CORRECT
    assert list(mangled.old_slugs.values_list("slug", flat=True)) == [MANGLED]


def test_a_reporter_cannot_change_the_slug_of_an_article_that_was_published(client, mangled):
    reporter = member(REPORTER, mangled.organization, username="phongvien")
    mangled.author = reporter
    mangled.unpublish()  # back to the reporter as a draft; its address stays locked
    article_save(article=mangled)
    client.force_login(reporter)
    page = client.get(CHANGE.format(mangled.pk))
    assert 'name="slug"' not in page.content.decode()

    data = browser_data(page, title="Tiêu đề sửa lại")
    response = client.post(CHANGE.format(mangled.pk), {**data, "slug": CORRECT})

    assert response.status_code == 302
    mangled.refresh_from_db()
    assert (mangled.title, mangled.slug) == ("Tiêu đề sửa lại", MANGLED)
    assert not ArticleOldSlug.objects.exists()


def test_restoring_a_revision_from_before_a_correction_keeps_the_locked_address(client, mangled):
    """A reporter restores an old revision of an article that was published: the revision
    page opens (the read-only slug has no slug box to fill), and the address is not the
    reporter's to change, so today's stays."""
    reporter = member(REPORTER, mangled.organization)
    before = mangled.history.latest("history_date")
    correct_slug(mangled, CORRECT)
    mangled.author = reporter
    mangled.unpublish()
    article_save(article=mangled)
    client.force_login(reporter)
    restore_url = f"/admin/news/article/{mangled.pk}/history/{before.history_id}/"

    page = client.get(restore_url)
    assert page.status_code == 200
    response = client.post(restore_url, browser_data(page, status="draft"))

    assert response.status_code == 302, response.context["adminform"].form.errors
    mangled.refresh_from_db()
    assert mangled.slug == CORRECT


# Categories and organisations --------------------------------------------------------


def test_the_old_address_of_a_category_and_its_feed_redirect(client):
    category = CategoryFactory(name="Tin tức", slug="tin-tc")
    category.slug = "tin-tuc"
    category.save()
    assert_redirects(client, "/chuyen-muc/tin-tc/", "/chuyen-muc/tin-tuc/")
    assert_redirects(client, "/rss/tin-tc/", "/rss/tin-tuc/")
    assert client.get("/chuyen-muc/tin-tc/?page=2")["Location"] == "/chuyen-muc/tin-tuc/?page=2"
    assert CategoryOldSlug.objects.get().category == category
    category.delete()
    assert client.get("/chuyen-muc/tin-tc/").status_code == 404


def test_the_old_addresses_of_an_organisation_redirect(client):
    organization = OrganizationFactory(
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy", slug="ban-tuyen-giao-va-dan-vn"
    )
    organization.slug = "ban-tuyen-giao-va-dan-van"
    organization.save()
    assert_redirects(
        client, "/to-chuc/ban-tuyen-giao-va-dan-vn/", "/to-chuc/ban-tuyen-giao-va-dan-van/"
    )
    assert_redirects(
        client,
        "/to-chuc/ban-tuyen-giao-va-dan-vn/tin-tuc/",
        "/to-chuc/ban-tuyen-giao-va-dan-van/tin-tuc/",
    )
    assert OrganizationOldSlug.objects.get().organization == organization


def test_a_renamed_category_without_a_new_slug_records_nothing(client):
    category = CategoryFactory(name="Tin tức")
    category.name = "Tin tức – Sự kiện"
    category.save()
    assert not CategoryOldSlug.objects.exists()


def test_a_category_slug_changed_in_the_admin_lists_its_old_address(superuser_client):
    category = CategoryFactory(name="Tin tức", slug="tin-tc")
    url = f"/admin/news/category/{category.pk}/change/"
    page = superuser_client.get(url)
    assert "địa chỉ cũ vẫn mở được" in page.content.decode()
    response = superuser_client.post(url, browser_data(page, slug="tin-tuc"))
    assert response.status_code == 302
    html = superuser_client.get(url).content.decode()
    assert "/chuyen-muc/tin-tc/" in html


# The page cache ----------------------------------------------------------------------


@pytest.mark.usefixtures("page_cache_on")
@pytest.mark.parametrize("kind", ["article", "category", "organization"])
def test_a_cached_page_is_not_served_at_the_old_address(
    client, django_capture_on_commit_callbacks, kind
):
    if kind == "article":
        target = ArticleFactory(title=TITLE, slug=MANGLED)
    elif kind == "category":
        target = CategoryFactory(name="Ban Tuyên giáo", slug=MANGLED)
    else:
        target = OrganizationFactory(name="Ban Tuyên giáo", slug=MANGLED)
    old_path = target.get_absolute_url()
    client.get(old_path)
    assert client.get(old_path)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        if kind == "article":
            correct_slug(target, CORRECT)
        else:
            target.slug = CORRECT
            target.save()

    response = client.get(old_path)
    assert response.status_code == 301
    assert response["Location"] == target.get_absolute_url()
    assert response["X-Page-Cache"] == "miss"
    assert client.get(old_path).status_code == 301  # a redirect is never stored
    assert client.get(target.get_absolute_url()).status_code == 200


# Directives ------------------------------------------------------------------------------


def test_a_directive_whose_address_is_corrected_in_the_admin_keeps_its_links_working(
    superuser_client, client
):
    directive = DirectiveFactory(number="123", symbol="KH/TU", slug="ke-hoach-123-kh-tu")
    article = ArticleFactory(body="<p>Thực hiện Kế hoạch số 123-KH/TU của Tỉnh ủy.</p>")
    article.refresh_from_db()
    assert 'href="/van-ban/ke-hoach-123-kh-tu/"' in article.body
    url = f"/admin/news/directive/{directive.pk}/change/"
    page = superuser_client.get(url)

    response = superuser_client.post(url, browser_data(page, slug="ke-hoach-123-kh-tu-2026"))

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert DirectiveOldSlug.objects.get().directive == directive
    assert_redirects(client, "/van-ban/ke-hoach-123-kh-tu/", "/van-ban/ke-hoach-123-kh-tu-2026/")
    followed = client.get(article.get_absolute_url())
    assert 'href="/van-ban/ke-hoach-123-kh-tu/"' in followed.content.decode()
    form = superuser_client.get(url).content.decode()
    assert "Địa chỉ cũ (vẫn mở được" in form
    assert "/van-ban/ke-hoach-123-kh-tu/" in form


def test_a_directive_saved_with_its_own_slug_records_no_old_address():
    directive = DirectiveFactory(number="5", symbol="CT/TU")
    directive.title = "Về tăng cường công tác dân vận"
    directive_save(directive=directive)
    assert not DirectiveOldSlug.objects.exists()
