"""/api/webhooks/: editors only, the same services as the pages, described by the OpenAPI schema."""
import pytest

from annotations.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.factories import WebhookAttemptFactory, WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def test_who_may_use_the_webhooks_api(anonymous_api, reviewer_api, editor_api):
    assert anonymous_api.get("/api/webhooks/").status_code == 401
    assert reviewer_api.get("/api/webhooks/").status_code == 403
    assert editor_api.get("/api/webhooks/").status_code == 200


def test_an_editor_registers_changes_tests_and_deletes_an_endpoint(editor_api):
    created = editor_api.post("/api/webhooks/", {"name": "Desk", "url": "https://hooks.example.org/d",
                                                 "events": ["claim.reviewed"]}, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["format"] == "generic" and data["enabled"] is True and len(data["secret"]) >= 32
    pk = data["id"]
    patched = editor_api.patch(f"/api/webhooks/{pk}/", {"enabled": False, "format": "slack"}, format="json")
    assert patched.status_code == 200
    assert (patched.json()["enabled"], patched.json()["format"], patched.json()["events"], patched.json()["secret"]) == (
        False, "slack", ["claim.reviewed"], data["secret"])
    queued = editor_api.post(f"/api/webhooks/{pk}/test/")
    assert queued.status_code == 202 and queued.json()["event"] == "test"
    assert editor_api.delete(f"/api/webhooks/{pk}/").status_code == 204
    assert not WebhookEndpoint.objects.exists() and not WebhookDelivery.objects.exists()


@pytest.mark.parametrize("body,field", [
    ({"name": "x", "url": "https://hooks.example.org/d", "events": ["nope"]}, "events"),
    ({"name": "x", "url": "https://hooks.example.org/d", "events": []}, "events"),
    ({"name": "x", "url": "not a url", "events": ["verdict.final"]}, "url"),
    ({"name": "x", "url": "http://169.254.169.254/latest", "events": ["verdict.final"]}, "url"),
    ({"name": "x", "url": "https://hooks.example.org/d", "events": ["verdict.final"], "secret": "short"}, "secret"),
    ({"name": "x", "url": "https://hooks.example.org/d", "events": "verdict.final"}, "events"),
])
def test_bad_input_answers_400_naming_the_field(editor_api, body, field):
    response = editor_api.post("/api/webhooks/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not WebhookEndpoint.objects.exists()


def test_the_delivery_log_lists_each_attempt(editor_api):
    attempt = WebhookAttemptFactory()
    response = editor_api.get(f"/api/webhooks/{attempt.delivery.endpoint_id}/deliveries/")
    assert response.status_code == 200
    (delivery,) = response.json()["results"]
    assert delivery["status"] == "retrying"
    assert delivery["attempt_log"] == [{"number": 1, "response_code": 503, "error": attempt.error,
                                        "duration_ms": 12, "created_at": delivery["attempt_log"][0]["created_at"]}]


def test_the_schema_describes_the_webhook_and_dashboard_endpoints(editor_api):
    schema = editor_api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path in ("/api/webhooks/", "/api/webhooks/{id}/", "/api/webhooks/{id}/deliveries/", "/api/webhooks/{id}/test/",
                 "/api/dashboard/"):
        assert path in schema["paths"], path
    assert "post" in schema["paths"]["/api/webhooks/"] and "delete" in schema["paths"]["/api/webhooks/{id}/"]
    assert "days" in {p["name"] for p in schema["paths"]["/api/dashboard/"]["get"]["parameters"]}
