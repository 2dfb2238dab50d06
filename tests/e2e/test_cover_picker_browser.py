"""The article's cover picker in a real Chromium: a grid of the library's thumbnails that
fits a 390 px phone without scrolling sideways, where a tap on a thumbnail chooses it, and
saving keeps the choice (news/admin_cover.py, static/css/cover-picker.css)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from factories import (
    PASSWORD,
    ArticleFactory,
    LibraryImageFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffUserFactory,
    image_file,
)
from playwright.sync_api import expect

from accounts.roles import REPORTER
from news.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1366])
def test_a_reporter_picks_a_cover_by_its_thumbnail(new_page, width):
    home = OrganizationFactory(name="Tỉnh Đoàn Bến Tre")
    reporter = StaffUserFactory()
    reporter.groups.add(Group.objects.get(name=REPORTER))
    MembershipFactory(user=reporter, organization=home)
    images = [
        LibraryImageFactory(organization=home, caption=f"Ra quân tình nguyện {number}",
                            file=image_file(f"anh-{number}.jpg", size=(640, 360)))
        for number in range(1, 6)
    ]
    LibraryImageFactory(organization=home, caption="Ảnh chưa mô tả", alt_text="")
    article = ArticleFactory(organization=home, author=reporter, status=Article.Status.DRAFT,
                             published_at=None)
    page = new_page(width=width, height=900)
    page.goto(reverse("admin:login"))
    page.fill("#id_username", reporter.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")

    page.goto(reverse("admin:news_article_change", args=[article.pk]))
    picker = page.locator(".cover-picker")
    expect(picker.locator(".cover-choice")).to_have_count(7)  # no cover, and six images
    expect(picker.locator(".cover-warning")).to_have_text(["Chưa có mô tả ảnh"])
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    thumbnails = picker.locator(".cover-thumb img")
    expect(thumbnails.first).to_be_visible()
    assert all(
        page.evaluate("(img) => img.complete && img.naturalWidth > 0", handle)
        for handle in thumbnails.element_handles()
    )

    chosen = picker.locator(".cover-choice", has_text="Ra quân tình nguyện 3")
    chosen.locator(".cover-thumb").click()
    expect(chosen.locator("input[type=radio]")).to_be_checked()
    page.click("input[name=_continue]")

    expect(page.locator(".messagelist")).to_contain_text("thành công")
    article.refresh_from_db()
    assert article.cover == images[2]
    expect(page.locator(".cover-choice", has_text="Ra quân tình nguyện 3").locator(
        "input[type=radio]")).to_be_checked()
