"""Webhook delivery task: thin, ID-only over annotations.webhooks.services; idempotent (a delivery
already delivered or given up is not sent again)."""
from celery import shared_task

from annotations.webhooks.models import DeliveryStatus
from annotations.webhooks.services import webhook_delivery_attempt, webhook_delivery_fail, webhook_retry_delay
from verify.background import TaskName
from workers.base import TASK_OPTIONS, RecordsFailure, exception_text, failure_recorder


@shared_task(
    bind=True,
    base=RecordsFailure,
    record_failure=failure_recorder(
        lambda delivery_id, exc: webhook_delivery_fail(delivery_id=delivery_id, error=exception_text(exc))),
    name=TaskName.WEBHOOK_DELIVER,
    **{**TASK_OPTIONS, "max_retries": 20},  # the service stops at VERIFY_WEBHOOK_MAX_ATTEMPTS first
    # One POST is bounded by VERIFY_WEBHOOK_TIMEOUT_SECONDS (and the fetcher's connect timeout).
    soft_time_limit=60,
    time_limit=90,
)
def webhook_deliver(self, delivery_id: int) -> str | None:
    delivery = webhook_delivery_attempt(delivery_id=delivery_id)
    if delivery is not None and delivery.status == DeliveryStatus.RETRYING:
        raise self.retry(countdown=webhook_retry_delay(attempt=delivery.attempts))
    return delivery.status if delivery is not None else None
