"""Reuse the browser package's Chromium fixtures (one browser for this package)."""
from tests.browser.conftest import allow_orm_beside_playwright, browser, page, reviewer_page  # noqa: F401
