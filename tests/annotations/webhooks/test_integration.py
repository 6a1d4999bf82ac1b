"""Webhooks on the real stack: a review committed here is delivered by a Celery worker process
(Redis, PostgreSQL) to an HTTP receiver on 127.0.0.1, allow-listed for that worker, signed so the
receiver can check it; a receiver that answers 500 first gets the delivery again after the back-off."""
import json
import time
import uuid

import pytest

from annotations.services import review_submit
from annotations.webhooks.models import DeliveryStatus, WebhookDelivery
from annotations.webhooks.signing import EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signature_valid
from tests.annotations.webhooks.receiver import Receiver
from tests.factories import ClaimFactory, UserFactory, WebhookEndpointFactory
from tests.integration.stack import WorkerProcess, wait_for
from verify.models import Verdict

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

WORKER_SETTINGS = {"VERIFY_FETCH_ALLOWED_NETWORKS": "127.0.0.1/32", "VERIFY_WEBHOOK_RETRY_BACKOFF_SECONDS": "1",
                   "VERIFY_WEBHOOK_TIMEOUT_SECONDS": "5"}


@pytest.fixture(scope="module")
def webhook_worker(django_db_setup, django_db_blocker):
    """A worker of its own, started with the loopback receiver allow-listed, on a queue of its own."""
    worker = WorkerProcess(queue=f"verity-webhooks-{uuid.uuid4().hex[:8]}", extra_env=WORKER_SETTINGS)
    yield worker
    worker.stop()


@pytest.fixture
def live_queue(webhook_worker, celery_live, settings):
    from config.celery import app

    previous = app.conf.task_default_queue
    app.conf.task_default_queue = webhook_worker.queue
    settings.CELERY_TASK_DEFAULT_QUEUE = webhook_worker.queue
    yield webhook_worker
    app.conf.task_default_queue = previous


def _delivered(endpoint):
    return WebhookDelivery.objects.filter(endpoint=endpoint, status__in=(DeliveryStatus.SUCCEEDED,
                                                                          DeliveryStatus.FAILED)).first()


def test_a_review_is_delivered_signed_by_a_worker_to_a_local_receiver(live_queue):
    reviewer = UserFactory(username="wh-rita", role="reviewer")
    claim = ClaimFactory(text="Officials said 93 missiles were launched overnight.")
    with Receiver(statuses=[200]) as receiver:
        endpoint = WebhookEndpointFactory(url=receiver.url, events=["verdict.final"])
        review_submit(claim=claim, reviewer=reviewer, verdict=Verdict.VERIFIED, rationale="Ministry count.")
        delivery = wait_for(lambda: _delivered(endpoint), timeout=60, message="the worker to deliver the event")
    assert delivery.status == DeliveryStatus.SUCCEEDED, (delivery.error, live_queue.log())
    (received,) = receiver.received
    assert received.headers[EVENT_HEADER] == "verdict.final"
    assert signature_valid(secret=endpoint.secret, timestamp=received.headers[TIMESTAMP_HEADER], body=received.body,
                           signature=received.headers[SIGNATURE_HEADER], now=int(time.time()))
    body = json.loads(received.body)
    assert body["data"]["claim"]["id"] == claim.pk and body["data"]["claim"]["verdict"] == "verified"


def test_a_receiver_answering_500_then_200_gets_the_delivery_on_the_retry(live_queue):
    with Receiver(statuses=[500, 200]) as receiver:
        endpoint = WebhookEndpointFactory(url=receiver.url, events=["verdict.final"])
        reviewer = UserFactory(username="wh-rex", role="reviewer")
        review_submit(claim=ClaimFactory(), reviewer=reviewer, verdict=Verdict.DISPUTED)
        delivery = wait_for(lambda: _delivered(endpoint), timeout=60, message="the retried delivery")
    assert delivery.status == DeliveryStatus.SUCCEEDED, (delivery.error, live_queue.log())
    assert [(a.number, a.response_code) for a in delivery.attempt_log.all()] == [(1, 500), (2, 200)]
    assert len(receiver.received) == 2
    # The same event both times, signed afresh.
    assert receiver.received[0].body == receiver.received[1].body
