"""Feeds, feed entries and fetched pages in the admin console: editors view, nobody edits by hand,
only admins delete, and each deletion is in the audit trail."""
import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import FeedEntryFactory, FetchedPageFactory, UserFactory
from verify.audit.models import AuditEntry
from verify.ingestion.models import Feed

pytestmark = pytest.mark.django_db

MODELS = ["feed", "feedentry", "fetchedpage"]


@pytest.fixture
def rows():
    entry = FeedEntryFactory()
    return {"feed": entry.feed, "feedentry": entry, "fetchedpage": FetchedPageFactory()}


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_a_staff_user_without_a_desk_role_cannot_see_them(model, rows):
    staff = UserFactory(username="staffer", is_staff=True)
    assert logged_in(staff).get(reverse(f"admin:ingestion_{model}_changelist")).status_code in (302, 403)


@pytest.mark.parametrize("model", MODELS)
def test_editors_view_but_cannot_add_change_or_delete(model, rows, editor):
    client = logged_in(editor)
    row = rows[model]
    assert client.get(reverse(f"admin:ingestion_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:ingestion_{model}_add")).status_code == 403
    assert client.post(reverse(f"admin:ingestion_{model}_delete", args=[row.pk]), {"post": "yes"}).status_code == 403
    page = client.get(reverse(f"admin:ingestion_{model}_change", args=[row.pk]))
    assert page.status_code == 200 and b'type="submit" value="Save"' not in page.content


@pytest.mark.parametrize("who", ["editor", "admin_user"])
def test_nobody_changes_or_adds_a_feed_by_hand_in_the_admin(rows, who, request):
    client = logged_in(request.getfixturevalue(who))
    feed = rows["feed"]
    form = {"url": feed.url, "title": "Hijacked", "enabled": "", "poll_interval_minutes": 1}
    assert client.post(reverse("admin:ingestion_feed_change", args=[feed.pk]), form).status_code == 403
    added = client.post(reverse("admin:ingestion_feed_add"), {**form, "url": "https://evil.example/x"})
    assert added.status_code == 403
    feed.refresh_from_db()
    assert feed.title != "Hijacked" and feed.enabled and Feed.objects.count() == 1


def test_an_admin_deleting_a_feed_is_recorded(rows, admin_user):
    feed = rows["feed"]
    response = logged_in(admin_user).post(reverse("admin:ingestion_feed_delete", args=[feed.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Feed.objects.filter(pk=feed.pk).exists()
    entry = AuditEntry.objects.get(action="admin.delete", target_type="ingestion.feed")
    assert entry.target_id == str(feed.pk) and entry.before["fields"]["url"] == feed.url
