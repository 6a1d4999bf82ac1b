"""Headless Chromium (Debian's, driven by Playwright) against pytest-django's live server."""
import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's password
SAMPLE_ARTICLE = Path(__file__).resolve().parents[2] / "verify" / "sample_data" / "sample_article.txt"


@pytest.fixture(scope="package", autouse=True)
def allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread
    with a running loop unless told this is deliberate (the tests set up and check data between steps)."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# One Chromium for this package, stopped when it is done: another sync Playwright started later in the
# same process (other packages' browser tests) would refuse to run inside this one's event loop.
@pytest.fixture(scope="package")
def browser(allow_orm_beside_playwright):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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
    from verify.services import article_ingest

    result = article_ingest(raw_content=SAMPLE_ARTICLE.read_text(encoding="utf-8"), title="Sample: North Korean troops")
    result.article.refresh_from_db()
    assert result.article.status == "done", result.article.error
    return result.article
