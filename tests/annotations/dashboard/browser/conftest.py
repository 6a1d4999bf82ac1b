"""Reuse the browser package's Chromium fixtures (one browser for this package)."""
import pytest

from tests.browser.conftest import browser, log_in, page  # noqa: F401


@pytest.fixture
def editor_page(page, live_server, editor):
    log_in(page, live_server, editor.username)
    return page
