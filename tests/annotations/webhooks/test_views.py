"""The webhook pages: editors only, the services behind every form, bad input answered 400."""
import pytest

from annotations.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from tests.factories import WebhookAttemptFactory, WebhookEndpointFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/webhooks/", "/webhooks/{pk}/"])
def test_reviewers_are_refused_and_visitors_sent_to_log_in(client, reviewer_client, path):
    path = path.format(pk=WebhookEndpointFactory().pk)
    assert reviewer_client.get(path).status_code == 403
    response = client.get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_editor_registers_an_endpoint_and_sees_its_secret(editor_client):
    response = editor_client.post("/webhooks/", {"name": "Slack #desk", "url": "https://hooks.example.org/desk",
                                                 "events": ["verdict.final", "match.found"], "format": "slack",
                                                 "secret": "", "enabled": "on"})
    endpoint = WebhookEndpoint.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/webhooks/{endpoint.pk}/"
    assert endpoint.events == ["verdict.final", "match.found"] and endpoint.format == "slack" and endpoint.enabled
    page = editor_client.get(response["Location"])
    assert endpoint.secret in page.content.decode()


def test_an_internal_address_is_refused_with_the_reason_and_nothing_stored(editor_client):
    response = editor_client.post("/webhooks/", {"name": "Internal", "url": "http://10.0.0.5/hook",
                                                 "events": ["verdict.final"], "format": "generic"})
    assert response.status_code == 400
    assert "private address" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_names_and_answers_are_escaped_on_the_pages(editor_client):
    attempt = WebhookAttemptFactory(delivery__endpoint__name="<script>alert(1)</script>",
                                    error="The receiver answered 500, not a success: <img src=x onerror=alert(1)>")
    endpoint = attempt.delivery.endpoint
    for path in ("/webhooks/", f"/webhooks/{endpoint.pk}/"):
        html = editor_client.get(path).content.decode()
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    detail = editor_client.get(f"/webhooks/{endpoint.pk}/").content.decode()
    assert "<img src=x" not in detail and "&lt;img src=x onerror=alert(1)&gt;" in detail


def test_editing_keeps_the_secret_and_shows_the_delivery_log(editor_client):
    attempt = WebhookAttemptFactory()
    endpoint = attempt.delivery.endpoint
    secret = endpoint.secret
    response = editor_client.post(f"/webhooks/{endpoint.pk}/", {"name": "Renamed", "url": endpoint.url,
                                                                 "events": ["claim.reviewed"], "format": "generic"})
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.name, endpoint.events, endpoint.enabled, endpoint.secret) == ("Renamed", ["claim.reviewed"],
                                                                                   False, secret)
    html = editor_client.get(f"/webhooks/{endpoint.pk}/").content.decode()
    assert "attempt 1: HTTP 503" in html and "Retrying" in html


def test_send_test_event_queues_a_delivery_and_delete_removes_the_endpoint(editor_client):
    endpoint = WebhookEndpointFactory()
    assert editor_client.get(f"/webhooks/{endpoint.pk}/test/").status_code == 405
    response = editor_client.post(f"/webhooks/{endpoint.pk}/test/")
    assert response.status_code == 302
    assert WebhookDelivery.objects.get(endpoint=endpoint).event == WebhookEvent.TEST
    assert editor_client.post(f"/webhooks/{endpoint.pk}/delete/").status_code == 302
    assert not WebhookEndpoint.objects.exists()
    assert editor_client.post(f"/webhooks/{endpoint.pk}/delete/").status_code == 404
