"""Reuse the browser package's Chromium fixtures (one browser for this package)."""
from tests.browser.conftest import browser, page, reviewer_page  # noqa: F401
