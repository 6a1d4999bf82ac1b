"""Webhook services: endpoints validated and audited, events turned into deliveries for the endpoints
that want them, and each attempt sent to a real receiver on 127.0.0.1 and logged."""
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations.services import review_submit
from annotations.services.claims import claim_reopen
from annotations.webhooks import services
from annotations.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEvent, WebhookFormat
from annotations.webhooks.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, signature_valid
from tests.annotations.webhooks.receiver import Receiver
from tests.factories import ClaimFactory, WebhookDeliveryFactory, WebhookEndpointFactory
from verify.audit.models import AuditAction, AuditEntry
from verify.models import Verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def loopback_allowed(settings):
    settings.VERIFY_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.VERIFY_WEBHOOK_TIMEOUT_SECONDS = 5
    settings.VERIFY_WEBHOOK_MAX_ATTEMPTS = 3


def test_an_editor_registers_an_endpoint_with_a_made_secret_and_it_is_audited(editor):
    endpoint = services.webhook_endpoint_create(actor=editor, name="  Desk   Slack ", url="https://hooks.example.org/x",
                                                events=["verdict.final", "report.published"],
                                                format=WebhookFormat.SLACK)
    assert endpoint.name == "Desk Slack"
    assert len(endpoint.secret) >= 32
    entry = AuditEntry.objects.get(action=AuditAction.WEBHOOK_CREATE)
    assert entry.actor == editor and entry.after["events"] == ["verdict.final", "report.published"]
    assert endpoint.secret not in json.dumps(entry.after)


def test_a_reviewer_may_not_register_an_endpoint(reviewer):
    with pytest.raises(PermissionDenied):
        services.webhook_endpoint_create(actor=reviewer, name="x", url="https://hooks.example.org/x",
                                         events=["verdict.final"])


@pytest.mark.parametrize("field,changes", [
    ("url", {"url": "ftp://hooks.example.org/x"}),
    ("url", {"url": "http://127.0.0.1:9000/hook"}),  # loopback literal, not allow-listed
    ("events", {"events": []}),
    ("events", {"events": ["test"]}),  # test events are sent on request only
    ("events", {"events": ["claim.deleted"]}),
    ("secret", {"secret": "short"}),
    ("name", {"name": "   "}),
    ("format", {"format": "xml"}),
])
def test_invalid_endpoints_are_refused_field_by_field(editor, field, changes):
    fields = {"name": "Desk", "url": "https://hooks.example.org/x", "events": ["verdict.final"], **changes}
    with pytest.raises(ValidationError) as caught:
        services.webhook_endpoint_create(actor=editor, **fields)
    assert field in caught.value.message_dict
    assert not AuditEntry.objects.exists()


def test_an_update_keeps_the_secret_when_none_is_given_and_records_what_changed(editor):
    endpoint = WebhookEndpointFactory()
    secret = endpoint.secret
    updated = services.webhook_endpoint_update(endpoint=endpoint, actor=editor, name="Renamed", url=endpoint.url,
                                               events=["claim.reviewed"], format=WebhookFormat.GENERIC, enabled=False)
    assert (updated.name, updated.events, updated.enabled, updated.secret) == ("Renamed", ["claim.reviewed"], False,
                                                                                 secret)
    entry = AuditEntry.objects.get(action=AuditAction.WEBHOOK_UPDATE)
    assert entry.before["enabled"] is True and entry.after["enabled"] is False and entry.after["secret_changed"] is False


def test_a_review_makes_deliveries_for_subscribed_enabled_endpoints_only(reviewer):
    final_only = WebhookEndpointFactory(events=["verdict.final"])
    both = WebhookEndpointFactory(events=["claim.reviewed", "verdict.final"], format=WebhookFormat.SLACK)
    WebhookEndpointFactory(events=["verdict.final"], enabled=False)
    WebhookEndpointFactory(events=["report.published"])
    claim = ClaimFactory(text="Officials said 93 missiles were launched overnight.")

    review_submit(claim=claim, reviewer=reviewer, verdict=Verdict.VERIFIED, rationale="Matches the ministry's count.")

    deliveries = WebhookDelivery.objects.order_by("endpoint_id", "event")
    assert [(d.endpoint_id, d.event) for d in deliveries] == [
        (final_only.pk, "verdict.final"), (both.pk, "claim.reviewed"), (both.pk, "verdict.final")]
    generic = deliveries[0].body
    assert generic["event"] == "verdict.final" and generic["data"]["claim"]["id"] == claim.pk
    assert generic["data"]["claim"]["verdict"] == "verified"
    assert generic["data"]["claim"]["url"].endswith(f"/claims/{claim.pk}/")
    slack = deliveries[1].body
    assert set(slack) == {"text"} and "verified" in slack["text"] and "93 missiles" in slack["text"]
    # One event, one id, whichever endpoints receive it.
    assert deliveries[0].event_id == deliveries[2].event_id != deliveries[1].event_id


def test_reopening_a_claim_sends_no_verdict(editor):
    WebhookEndpointFactory(events=["claim.reviewed", "verdict.final"])
    claim = ClaimFactory(verdict=Verdict.VERIFIED)
    claim_reopen(claim=claim, actor=editor, rationale="New evidence.")
    assert not WebhookDelivery.objects.exists()


def test_a_delivery_reaches_the_receiver_signed_and_is_logged(loopback_allowed):
    with Receiver(statuses=[204]) as receiver:
        endpoint = WebhookEndpointFactory(url=receiver.url)
        delivery = WebhookDeliveryFactory(endpoint=endpoint, body={"event": "test", "data": {"n": "“ü”"}})
        result = services.webhook_delivery_attempt(delivery_id=delivery.pk)
    assert (result.status, result.attempts, result.response_code, result.error) == (DeliveryStatus.SUCCEEDED, 1, 204, "")
    (received,) = receiver.received
    assert json.loads(received.body) == {"event": "test", "data": {"n": "“ü”"}}
    assert signature_valid(secret=endpoint.secret, timestamp=received.headers[TIMESTAMP_HEADER], body=received.body,
                           signature=received.headers[SIGNATURE_HEADER], now=int(received.headers[TIMESTAMP_HEADER]))
    assert [(a.number, a.response_code) for a in result.attempt_log.all()] == [(1, 204)]
    # Idempotent: a redelivered task does not send a delivered event again.
    services.webhook_delivery_attempt(delivery_id=delivery.pk)
    assert len(receiver.received) == 1


def test_a_5xx_is_retried_until_the_attempts_run_out_and_a_4xx_is_not(loopback_allowed):
    with Receiver(statuses=[503]) as receiver:
        delivery = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(url=receiver.url))
        statuses = [services.webhook_delivery_attempt(delivery_id=delivery.pk).status for _ in range(4)]
        assert statuses == [DeliveryStatus.RETRYING, DeliveryStatus.RETRYING, DeliveryStatus.FAILED,
                            DeliveryStatus.FAILED]
        assert len(receiver.received) == 3  # VERIFY_WEBHOOK_MAX_ATTEMPTS
    with Receiver(statuses=[410]) as receiver:
        gone = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(url=receiver.url))
        result = services.webhook_delivery_attempt(delivery_id=gone.pk)
    assert result.status == DeliveryStatus.FAILED and result.response_code == 410
    assert "410" in result.error


def test_a_loopback_receiver_is_refused_unless_allow_listed(settings):
    settings.VERIFY_FETCH_ALLOWED_NETWORKS = []
    with Receiver() as receiver:
        delivery = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(url=receiver.url))
        result = services.webhook_delivery_attempt(delivery_id=delivery.pk)
    assert receiver.received == []
    assert result.status == DeliveryStatus.FAILED and result.response_code is None
    assert "loopback" in result.error


def test_an_unreachable_receiver_is_retried(loopback_allowed):
    with Receiver() as receiver:
        url = receiver.url
    delivery = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(url=url))  # nobody listens any more
    result = services.webhook_delivery_attempt(delivery_id=delivery.pk)
    assert result.status == DeliveryStatus.RETRYING and "Could not connect" in result.error


def test_retries_back_off_doubling_up_to_an_hour(settings):
    settings.VERIFY_WEBHOOK_RETRY_BACKOFF_SECONDS = 30
    assert [services.webhook_retry_delay(attempt=n) for n in (1, 2, 3, 10)] == [30, 60, 120, 3600]


def test_a_test_event_goes_to_the_endpoint_whatever_it_subscribes_to(editor):
    endpoint = WebhookEndpointFactory(events=["report.published"], enabled=False)
    delivery = services.webhook_test_send(endpoint=endpoint, actor=editor)
    assert delivery.event == WebhookEvent.TEST and delivery.body["data"]["endpoint"] == endpoint.name
    assert AuditEntry.objects.filter(action=AuditAction.WEBHOOK_TEST, target_id=str(endpoint.pk)).exists()


def test_deleting_an_endpoint_removes_its_log_and_is_audited(editor):
    delivery = WebhookDeliveryFactory()
    services.webhook_endpoint_delete(endpoint=delivery.endpoint, actor=editor)
    assert not WebhookDelivery.objects.exists()
    assert AuditEntry.objects.get(action=AuditAction.WEBHOOK_DELETE).before["name"] == delivery.endpoint.name
