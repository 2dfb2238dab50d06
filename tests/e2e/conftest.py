"""Browser fixtures for the end-to-end tests (marker `browser`).

Playwright drives Debian's Chromium at /usr/bin/chromium (installed by
scripts/install-chromium); Playwright's own browser download is never used.
Without that Chromium the tests are skipped, except under CI (the CI variable
is set), where a missing browser is a failure.
"""

import os
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = (
            f"{CHROMIUM} không có — chạy `sudo bash scripts/install-chromium` "
            "(Debian's Chromium is missing)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"CI: {message}", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread, and Django then refuses
    # the ORM calls the tests make for their data; no ORM call runs inside that loop.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM))
            yield chromium
            chromium.close()


@pytest.fixture
def new_page(browser, live_server, settings):
    """A factory of pages, each in its own browser context (own localStorage) on the
    live server. Uploads are served from MEDIA_ROOT, which the live server does not do.
    JavaScript errors on any page fail the test."""
    contexts, errors = [], []

    def serve_media(route):
        path = unquote(urlsplit(route.request.url).path).removeprefix(settings.MEDIA_URL)
        file = (Path(settings.MEDIA_ROOT) / path).resolve()
        if file.is_file() and file.is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
            route.fulfill(path=file)
        else:
            route.fulfill(status=404)

    def make(*, width=1280, height=900, **options):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": height}, **options
        )
        context.set_default_timeout(10_000)
        context.route(f"**{settings.MEDIA_URL}**", serve_media)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(error))
        return page

    yield make
    for context in contexts:
        context.close()
    # Closing an edit page sends its presence release (navigator.sendBeacon on pagehide);
    # the database is flushed after this fixture, and on SQLite a flush during that
    # request's write fails with "database table is locked".
    _wait_for_requests_to_end()
    assert not errors, f"JavaScript errors: {errors}"


def _wait_for_requests_to_end(*, quiet_for=0.3, at_most=5.0):
    """Wait until no live-server thread has been answering a request for `quiet_for`
    seconds (a beacon leaves the browser a moment after its page closed)."""
    deadline = time.monotonic() + at_most
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        busy = any(
            "process_request_thread" in thread.name and thread.is_alive()
            for thread in threading.enumerate()
        )
        if busy:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet_for:
            return
        time.sleep(0.05)


@pytest.fixture
def page(new_page):
    return new_page()
