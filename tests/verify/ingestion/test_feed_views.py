"""Feed pages and the feeds API: editors only, registration, status and errors shown (escaped)."""
from django.utils import timezone
import pytest

from verify.ingestion.models import Feed, FeedEntry
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_feed(editor):
    return Feed.objects.create(url="https://news.example.org/rss", title="<b>Ledger</b>", consecutive_failures=3,
                               last_error="The server answered 503 <script>alert(1)</script>.",
                               last_error_at=timezone.now(), created_by=editor)


# --- pages -------------------------------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/feeds/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_reviewers_may_not_see_the_feed_pages(client, reviewer, failing_feed):
    client.force_login(reviewer)

    assert client.get("/feeds/").status_code == 403
    assert client.get(f"/feeds/{failing_feed.pk}/").status_code == 403
    assert client.post("/feeds/", {"url": "https://x.example.org/rss", "poll_interval_minutes": 60}).status_code == 403
    assert Feed.objects.count() == 1


def test_the_list_shows_each_feed_status_with_user_text_escaped(client, editor, failing_feed):
    client.force_login(editor)

    page = client.get("/feeds/").content.decode()

    assert "&lt;b&gt;Ledger&lt;/b&gt;" in page and "<b>Ledger</b>" not in page
    assert "Failing (3)" in page


def test_an_editor_registers_a_feed_from_the_page(client, editor):
    client.force_login(editor)

    response = client.post("/feeds/", {"url": "https://news.example.org/feed.xml", "title": "Ledger",
                                       "poll_interval_minutes": 30})

    feed = Feed.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/feeds/{feed.pk}/"
    assert (feed.title, feed.poll_interval_minutes, feed.created_by) == ("Ledger", 30, editor)


@pytest.mark.parametrize("data, message", [
    ({"url": "http://10.0.0.5/rss", "poll_interval_minutes": 60}, "private address"),
    ({"url": "not a url", "poll_interval_minutes": 60}, "Enter a valid URL"),
    ({"url": "https://news.example.org/rss", "poll_interval_minutes": 1}, "greater than or equal to 5"),
])
def test_bad_registrations_are_refused_with_a_message(client, editor, data, message):
    client.force_login(editor)

    response = client.post("/feeds/", data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Feed.objects.count() == 0


def test_the_detail_page_shows_the_last_error_escaped_and_the_entries(client, editor, failing_feed):
    article = ArticleFactory(title="Bridges <i>repaired</i>", skipped_reason="Extraction skipped: the article is in 'de'")
    FeedEntry.objects.create(feed=failing_feed, guid="g1", link="https://news.example.org/1", article=article)
    client.force_login(editor)

    page = client.get(f"/feeds/{failing_feed.pk}/").content.decode()

    assert "The server answered 503 &lt;script&gt;alert(1)&lt;/script&gt;." in page
    assert "<script>alert(1)" not in page
    assert "Bridges &lt;i&gt;repaired&lt;/i&gt;" in page
    assert "the article is in &#x27;de&#x27;" in page


def test_an_editor_disables_a_feed_and_asks_for_a_poll(client, editor, failing_feed):
    client.force_login(editor)

    client.post(f"/feeds/{failing_feed.pk}/", {"title": "Ledger", "poll_interval_minutes": 15})
    failing_feed.refresh_from_db()
    assert failing_feed.enabled is False and failing_feed.poll_interval_minutes == 15

    client.post(f"/feeds/{failing_feed.pk}/", {"title": "Ledger", "poll_interval_minutes": 15, "enabled": "on"})
    response = client.post(f"/feeds/{failing_feed.pk}/poll/")
    failing_feed.refresh_from_db()
    assert response.status_code == 302
    assert failing_feed.enabled and failing_feed.consecutive_failures == 0
    assert failing_feed.next_poll_at <= timezone.now()


# --- API ---------------------------------------------------------------------------------------

def test_the_feeds_api_needs_authentication(anonymous_api):
    assert anonymous_api.get("/api/feeds/").status_code == 401


def test_the_feeds_api_is_for_editors_only(reviewer_api, failing_feed):
    assert reviewer_api.get("/api/feeds/").status_code == 403
    assert reviewer_api.post("/api/feeds/", {"url": "https://x.example.org/rss"}, format="json").status_code == 403
    assert reviewer_api.post(f"/api/feeds/{failing_feed.pk}/poll/").status_code == 403


def test_an_editor_registers_and_lists_feeds_through_the_api(editor_api):
    created = editor_api.post("/api/feeds/", {"url": "https://news.example.org/rss", "poll_interval_minutes": 20},
                              format="json")
    listed = editor_api.get("/api/feeds/")

    assert created.status_code == 201, created.content
    assert created.data["poll_interval_minutes"] == 20 and created.data["consecutive_failures"] == 0
    assert [feed["url"] for feed in listed.data["results"]] == ["https://news.example.org/rss"]


@pytest.mark.parametrize("payload, field", [
    ({"url": "http://192.168.1.1/rss"}, "url"),
    ({"url": "ftp://example.org/rss"}, "url"),
    ({"url": "https://news.example.org/rss", "poll_interval_minutes": 0}, "poll_interval_minutes"),
    ({}, "url"),
])
def test_bad_feed_registrations_get_a_400(editor_api, payload, field):
    response = editor_api.post("/api/feeds/", payload, format="json")

    assert response.status_code == 400
    assert field in response.data


def test_a_duplicate_feed_gets_a_409(editor_api, failing_feed):
    response = editor_api.post("/api/feeds/", {"url": failing_feed.url}, format="json")

    assert response.status_code == 409 and "already registered" in response.json()["detail"]


def test_the_api_shows_a_feeds_errors_and_can_disable_it(editor_api, failing_feed):
    shown = editor_api.get(f"/api/feeds/{failing_feed.pk}/")
    changed = editor_api.patch(f"/api/feeds/{failing_feed.pk}/", {"enabled": False}, format="json")

    assert shown.data["last_error"].startswith("The server answered 503")
    assert shown.data["consecutive_failures"] == 3
    assert changed.status_code == 200 and changed.data["enabled"] is False


@pytest.mark.parametrize("path", ["/admin/ingestion/feed/", "/admin/ingestion/feedentry/",
                                  "/admin/ingestion/fetchedpage/"])
def test_the_admin_lists_ingestion_records(client, admin_user, failing_feed, path):
    client.force_login(admin_user)

    assert client.get(path).status_code == 200
