"""The feed pages in headless Chromium: an editor registers a feed and sees its failures explained."""

import pytest

from tests.chromium import PASSWORD, chromium_session
from tests.verify.ingestion.conftest import rss_feed
from verify.ingestion import feeds
from verify.ingestion.models import Feed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
@pytest.fixture(scope="module")
def browser():
    with chromium_session() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/claims/**")


def test_an_editor_registers_a_feed_and_sees_why_its_polls_fail(page, live_server, editor, site, fetch_settings,
                                                              tmp_path):
    from playwright.sync_api import expect

    # The fixture's half-second read timeout is for the timeout cases; here the site answers from a thread
    # of this process while Chromium and the live server share two cores, so give it a desk's patience.
    fetch_settings.VERIFY_FETCH_CONNECT_TIMEOUT = fetch_settings.VERIFY_FETCH_READ_TIMEOUT = 5.0
    fetch_settings.VERIFY_FETCH_TOTAL_TIMEOUT = 15.0
    site.add("/rss.xml", b"temporarily down", status=503, content_type="text/plain")
    log_in(page, live_server, editor.username)

    page.get_by_role("link", name="Feeds").click()
    page.get_by_label("Feed URL (RSS or Atom)").fill(site.url("/rss.xml"))
    page.get_by_label("Name").fill("Ledger <wire>")
    page.get_by_label("Poll every (minutes)").fill("15")
    page.get_by_role("button", name="Register feed").click()

    expect(page.get_by_role("heading", name="Ledger <wire>")).to_be_visible()
    feed = Feed.objects.get()
    feeds.feed_poll(feed_id=feed.pk)  # what the beat's task does
    page.reload()
    expect(page.get_by_role("alert")).to_contain_text("The server answered 503")
    expect(page.locator(".meta-list")).to_contain_text("Failures in a row")
    page.screenshot(path=str(tmp_path / "feed-detail.png"), full_page=True)

    site.add("/rss.xml", rss_feed(site.base, []), content_type="application/rss+xml")
    page.get_by_role("button", name="Poll now").click()
    expect(page.get_by_role("status")).to_contain_text("will be polled")  # the request is done first
    feeds.feed_poll(feed_id=feed.pk)
    page.get_by_role("link", name="← Feeds").click()
    expect(page.get_by_role("cell", name="OK")).to_be_visible()


def test_a_reviewer_gets_403_on_the_feed_page(page, live_server, reviewer):
    log_in(page, live_server, reviewer.username)

    response = page.goto(f"{live_server.url}/feeds/")

    assert response.status == 403
