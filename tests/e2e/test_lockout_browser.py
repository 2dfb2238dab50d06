"""The lockout page as Chromium shows it, after five wrong passwords typed into the real
login form: readable at phone and desktop width, no stray markup, the portal's names, no
style blocked by the Content-Security-Policy. Screenshots go to test-artifacts/screenshots/."""

from pathlib import Path

import pytest
from django.conf import settings
from factories import StaffUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"


@pytest.mark.parametrize("width", [390, 1366])
def test_the_lockout_page_in_a_browser(new_page, width):
    StaffUserFactory(username="go-sai-mat-khau")
    page = new_page(width=width, height=800)
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security" in message.text else None
        ),
    )

    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto("/admin/login/")
        page.fill("#id_username", "go-sai-mat-khau")
        page.fill("#id_password", "sai-mat-khau")
        with page.expect_navigation():
            page.click("input[type=submit]")

    text = page.inner_text("body")
    assert "Đăng nhập tạm thời bị khóa cho tài khoản “go-sai-mat-khau”" in text
    assert "nonce" not in text
    assert f"Quản trị {settings.PORTAL_NAME}" in text
    assert page.title() == "Tạm khóa đăng nhập | Quản trị Cổng"
    # login.css applied: the box is narrow on a desktop, the whole width on a phone.
    box = page.locator("#container").bounding_box()
    assert box["width"] <= min(width, 600)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    assert refused == []

    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / f"lockout-{width}.png", full_page=True)
