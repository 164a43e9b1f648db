"""Fixtures shared by every app's tests: a real headless Chromium (Playwright) and axe-core.

Browser tests are marked ``@pytest.mark.browser`` and use ``page`` together with pytest-django's
``live_server``::

    @pytest.mark.browser
    def test_login_page(live_server, page, axe):
        page.goto(live_server.url + "/login/")
        assert axe(page) == []
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

# The Playwright sync API runs an event loop in the test thread; Django would otherwise refuse
# ORM calls from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# Debian's chromium package; Playwright's own browser download is never used.
CHROMIUM = os.environ.get("LAGET_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE_VIEWPORT = {"width": 360, "height": 800}
# Fail a stuck step fast rather than after Playwright's 30 s default.
DEFAULT_TIMEOUT_MS = 10_000

# WCAG 2.0 and 2.1, levels A and AA.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium per test session (per xdist worker)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (no cookies, phone-sized viewport) and page for each test."""
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="nb-NO")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


AxeCheck = Callable[..., list[dict[str, Any]]]


@pytest.fixture(scope="session")
def axe() -> AxeCheck:
    """Run axe-core against a page; returns the violations (empty list when clean).

    ``axe(page)`` checks the whole page against WCAG 2.1 A/AA; ``axe(page, context="#main")``
    checks part of it; ``tags=[...]`` picks other rule sets. Each violation is axe's dict with
    ``id``, ``impact``, ``help`` and ``nodes``, so ``assert axe(page) == []`` shows what failed.
    """
    runner = Axe()

    def check(
        page: Page,
        *,
        context: str | list[Any] | dict[str, Any] | None = None,
        tags: list[str] | None = None,
    ) -> list[dict[str, Any]]:
        options = {
            "runOnly": {"type": "tag", "values": tags or WCAG_21_AA},
            "resultTypes": ["violations"],
        }
        results = runner.run(page, context=context, options=options)
        violations: list[dict[str, Any]] = results.response["violations"]
        return violations

    return check
