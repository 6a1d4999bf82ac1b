"""The editors' import page: upload a file, see what was refused, subscribe to a feed."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pathlib import Path

from annotations.factchecks.models import FactCheckFeed, PublishedFactCheck

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_reviewers_cannot_open_the_import_page(reviewer):
    assert client_for(reviewer).get(reverse("factchecks:import")).status_code == 403


def test_an_uploaded_file_is_imported_and_its_refused_items_listed(editor):
    upload = SimpleUploadedFile("feed.json", (FIXTURES / "datafeed.json").read_bytes(), "application/json")
    response = client_for(editor).post(reverse("factchecks:import"), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 new, 0 updated" in page and "The claim reviewed is missing." in page
    assert "Checked by Lighthouse Checks: True" in page
    assert PublishedFactCheck.objects.count() == 2


@pytest.mark.parametrize("content", [b"\xff\xfe\x00\x01", b"<html>not json</html>", b'{"a": 1}'])
def test_a_bad_file_is_a_400_with_the_reason(editor, content):
    upload = SimpleUploadedFile("bad.json", content, "application/json")
    response = client_for(editor).post(reverse("factchecks:import"), {"file": upload})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not PublishedFactCheck.objects.exists()


def test_editors_subscribe_to_a_feed(editor, monkeypatch):
    monkeypatch.setattr("verify.ingestion.services.url_validate", lambda *, url: url)
    monkeypatch.setattr("annotations.factchecks.feeds.url_validate", lambda *, url: url)
    response = client_for(editor).post(reverse("factchecks:feed-subscribe"), {
        "url": "https://lighthouse.example.org/claimreview.json", "title": "Lighthouse", "poll_interval_minutes": 60})
    assert response.status_code == 302
    feed = FactCheckFeed.objects.get()
    assert feed.created_by == editor and feed.next_poll_at is not None


def test_a_file_over_the_limit_is_refused_unread(editor, settings):
    settings.VERIFY_FACTCHECK_IMPORT_MAX_BYTES = 100
    upload = SimpleUploadedFile("big.json", (FIXTURES / "single.json").read_bytes(), "application/json")
    response = client_for(editor).post(reverse("factchecks:import"), {"file": upload})
    assert response.status_code == 400 and "the limit is 100" in response.content.decode()
    assert not PublishedFactCheck.objects.exists()


def test_a_url_to_an_internal_address_is_refused_with_the_reason(editor):
    response = client_for(editor).post(reverse("factchecks:import"), {"url": "http://127.0.0.1/claims.json"})
    assert response.status_code == 400 and "Could not fetch the URL" in response.content.decode()
