"""Headless Chromium (Debian's, driven by Playwright) against pytest-django's live server."""
from pathlib import Path

import pytest

from tests.chromium import PASSWORD, chromium_session

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SAMPLE_ARTICLE = Path(__file__).resolve().parents[2] / "verify" / "sample_data" / "sample_article.txt"


# One Chromium for this package, stopped when it is done, so that other packages' browser tests can
# start their own afterwards (see tests.chromium).
@pytest.fixture(scope="package")
def browser():
    with chromium_session() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def log_in(page, live_server, username: str, password: str = PASSWORD) -> None:
    """Through the real login form, as a person would."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/claims/**")


@pytest.fixture
def reviewer_page(page, live_server, reviewer):
    log_in(page, live_server, reviewer.username)
    return page


@pytest.fixture
def sample_article():
    """The fictional sample article, ingested and processed inline (eager tasks) with its claims."""
    from verify.lifecycle import article_submit

    result = article_submit(kind="text", text=SAMPLE_ARTICLE.read_text(encoding="utf-8"), title="Sample: North Korean troops")
    result.article.refresh_from_db()
    assert result.article.status == "done", result.article.error
    return result.article
