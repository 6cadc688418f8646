"""Real-browser tests: Playwright driving Debian's Chromium against the live test server."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's async-safety check would then
# refuse the test's own (synchronous) database calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(os.environ.get("CLOSELOOP_VAR_DIR", "var")) / "screenshots"


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing; `make browser` installs it (CI must run the browser tests).")
        pytest.skip("Chromium is not installed: run `make browser`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            # The machine has no outside network: keep Chromium from trying to reach it.
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page_in(browser, live_server):
    """A fresh page in a given UI language, with its screenshots saved under var/screenshots/."""
    contexts = []

    def open_page(language: str = "zh-Hans"):
        context = browser.new_context(
            locale=language,
            extra_http_headers={"Accept-Language": language},
            base_url=live_server.url,
            viewport={"width": 1280, "height": 900},
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
