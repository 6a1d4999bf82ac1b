"""Writes for webhooks: endpoints (editors), events turned into deliveries, and delivery attempts.

An event makes one delivery per enabled endpoint subscribed to it, in the transaction that caused
the event; the delivery task is enqueued by name once it commits (verify/background.py). Each
attempt signs the stored body afresh (new timestamp), POSTs it through the SSRF-safe sender, and is
logged. A timeout, a refused connection, a 5xx, 408 or 429 is tried again with back-off up to
VERIFY_WEBHOOK_MAX_ATTEMPTS; anything else fails the delivery at once.
"""
from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from annotations.webhooks.models import (
    SUBSCRIBABLE_EVENTS, DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent,
    WebhookFormat,
)
from annotations.webhooks.payloads import EventPayload, body_for, test_payload
from annotations.webhooks.signing import body_encode, signed_headers
from verify.audit.models import AuditAction
from verify.audit.services import audit_record
from verify.background import TaskName, task_enqueue_on_commit
from verify.ingestion.fetch import FetchError
from verify.ingestion.post import url_post
from verify.ingestion.services import url_validate
from verify.roles import EDITOR, user_has_role

NAME_MAX = 200
SECRET_MIN = 16
SECRET_MAX = 200
# HTTP answers worth trying again (besides 5xx).
TRANSIENT_STATUSES = {408, 425, 429}


def _require_editor(user: AbstractBaseUser) -> None:
    if not user_has_role(user, EDITOR):
        raise PermissionDenied("You need the editor role (or higher) to manage webhooks.")


def _clean(*, name: str, url: str, events: Iterable[str], secret: str, format: str) -> dict:
    errors: dict[str, list[str]] = {}
    name = " ".join((name or "").split())
    if not name:
        errors["name"] = ["An endpoint needs a name."]
    elif len(name) > NAME_MAX:
        errors["name"] = [f"The name is {len(name)} characters; the limit is {NAME_MAX}."]
    try:
        url = url_validate(url=url)
    except ValidationError as error:
        errors["url"] = error.messages
    events = list(dict.fromkeys(events or ()))
    unknown = [event for event in events if event not in SUBSCRIBABLE_EVENTS]
    if unknown:
        errors["events"] = [f"“{str(unknown[0])[:40]}” is not an event; choose from "
                            f"{', '.join(SUBSCRIBABLE_EVENTS)}."]
    elif not events:
        errors["events"] = ["Choose at least one event."]
    secret = (secret or "").strip()
    if secret and not SECRET_MIN <= len(secret) <= SECRET_MAX:
        errors["secret"] = [f"A secret has {SECRET_MIN} to {SECRET_MAX} characters (leave it empty to have one made)."]
    if format not in WebhookFormat.values:
        errors["format"] = [f"Choose one of {', '.join(WebhookFormat.values)}."]
    if errors:
        raise ValidationError(errors)
    return {"name": name, "url": url, "events": [str(event) for event in events], "format": format,
            "secret": secret}


def _snapshot(endpoint: WebhookEndpoint) -> dict:
    """What the audit trail records of an endpoint (never the secret)."""
    return {"name": endpoint.name, "url": endpoint.url, "events": endpoint.events, "format": endpoint.format,
            "enabled": endpoint.enabled}


def webhook_endpoint_create(*, actor: AbstractBaseUser, name: str, url: str, events: Iterable[str],
                            format: str = WebhookFormat.GENERIC, secret: str = "",
                            enabled: bool = True) -> WebhookEndpoint:
    """Register an endpoint; an empty secret gets a random one (shown to editors)."""
    _require_editor(actor)
    fields = _clean(name=name, url=url, events=events, secret=secret, format=format)
    fields["secret"] = fields["secret"] or secrets.token_urlsafe(32)
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.create(created_by=actor, enabled=bool(enabled), **fields)
        audit_record(actor=actor, action=AuditAction.WEBHOOK_CREATE, target=endpoint, after=_snapshot(endpoint))
    return endpoint


def webhook_endpoint_update(*, endpoint: WebhookEndpoint, actor: AbstractBaseUser, name: str, url: str,
                            events: Iterable[str], format: str, enabled: bool, secret: str = "") -> WebhookEndpoint:
    """Change an endpoint; an empty secret keeps the current one."""
    _require_editor(actor)
    fields = _clean(name=name, url=url, events=events, secret=secret, format=format)
    with transaction.atomic():
        locked = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
        before = _snapshot(locked)
        for field in ("name", "url", "events", "format"):
            setattr(locked, field, fields[field])
        locked.enabled = bool(enabled)
        secret_changed = bool(fields["secret"]) and fields["secret"] != locked.secret
        if secret_changed:
            locked.secret = fields["secret"]
        locked.save()
        audit_record(actor=actor, action=AuditAction.WEBHOOK_UPDATE, target=locked, before=before,
                     after={**_snapshot(locked), "secret_changed": secret_changed})
    return locked


def webhook_endpoint_delete(*, endpoint: WebhookEndpoint, actor: AbstractBaseUser) -> None:
    """Delete an endpoint and its delivery log (the audit trail keeps that it existed)."""
    _require_editor(actor)
    with transaction.atomic():
        audit_record(actor=actor, action=AuditAction.WEBHOOK_DELETE, target=endpoint, before=_snapshot(endpoint))
        endpoint.delete()


def webhook_event_emit(*, event: WebhookEvent, build: Callable[[], EventPayload]) -> list[WebhookDelivery]:
    """One delivery per enabled endpoint subscribed to `event`; sent once the transaction commits.
    `build` makes the payload, only when some endpoint wants it."""
    endpoints = [endpoint for endpoint in WebhookEndpoint.objects.filter(enabled=True) if event in endpoint.events]
    return _deliveries_queue(endpoints=endpoints, payload=build()) if endpoints else []


def webhook_test_send(*, endpoint: WebhookEndpoint, actor: AbstractBaseUser) -> WebhookDelivery:
    """Queue a test event to this endpoint (enabled or not), whatever it subscribes to."""
    _require_editor(actor)
    with transaction.atomic():
        (delivery,) = _deliveries_queue(endpoints=[endpoint], payload=test_payload(endpoint_name=endpoint.name))
        audit_record(actor=actor, action=AuditAction.WEBHOOK_TEST, target=endpoint,
                     after={"delivery_id": delivery.pk})
    return delivery


def _deliveries_queue(*, endpoints: list[WebhookEndpoint], payload: EventPayload) -> list[WebhookDelivery]:
    if not endpoints:
        return []
    now = timezone.now()
    event_id = WebhookDelivery._meta.get_field("event_id").get_default()
    deliveries = WebhookDelivery.objects.bulk_create([
        WebhookDelivery(endpoint=endpoint, event=payload.event, event_id=event_id, created_at=now,
                        body=body_for(payload=payload, event_id=str(event_id), created_at=now.isoformat(),
                                      format=endpoint.format))
        for endpoint in endpoints
    ])
    for delivery in deliveries:
        task_enqueue_on_commit(TaskName.WEBHOOK_DELIVER, delivery.pk)
    return deliveries


def webhook_retry_delay(*, attempt: int) -> int:
    """Seconds before attempt `attempt + 1`: the base doubled per attempt, at most an hour."""
    return min(settings.VERIFY_WEBHOOK_RETRY_BACKOFF_SECONDS * 2 ** max(attempt - 1, 0), 3600)


def webhook_delivery_attempt(*, delivery_id: int) -> WebhookDelivery | None:
    """Send a delivery once and log the attempt. Returns it with status SUCCEEDED, FAILED or RETRYING
    (the task then tries again after webhook_retry_delay); None when it no longer exists. A delivery
    already delivered or given up is left alone, so a redelivered task sends nothing twice."""
    with transaction.atomic():
        delivery = (WebhookDelivery.objects.select_for_update().select_related("endpoint")
                    .filter(pk=delivery_id).first())
        if delivery is None or delivery.status in (DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED):
            return delivery
        delivery.attempts += 1
        delivery.last_attempt_at = timezone.now()
        delivery.save(update_fields=["attempts", "last_attempt_at"])
    endpoint = delivery.endpoint
    body = body_encode(delivery.body)
    headers = signed_headers(secret=endpoint.secret, timestamp=int(time.time()), body=body, event=delivery.event,
                             delivery_id=delivery.pk)
    started = time.monotonic()
    code, error, transient = None, "", False
    try:
        answer = url_post(url=endpoint.url, body=body, headers=headers,
                          timeout=settings.VERIFY_WEBHOOK_TIMEOUT_SECONDS)
    except FetchError as exc:
        error, transient = str(exc), exc.transient
    else:
        code = answer.status_code
        if not 200 <= code < 300:
            transient = code >= 500 or code in TRANSIENT_STATUSES
            kind = "a redirect (not followed)" if 300 <= code < 400 else "not a success"
            error = f"The receiver answered {code}, {kind}: {answer.excerpt[:300]}".rstrip(": ")
    duration = int((time.monotonic() - started) * 1000)
    if code is not None and not error:
        status = DeliveryStatus.SUCCEEDED
    elif transient and delivery.attempts < settings.VERIFY_WEBHOOK_MAX_ATTEMPTS:
        status = DeliveryStatus.RETRYING
    else:
        status = DeliveryStatus.FAILED
    with transaction.atomic():
        WebhookAttempt.objects.create(delivery=delivery, number=delivery.attempts, response_code=code, error=error,
                                      duration_ms=duration)
        delivery.status = status
        delivery.response_code = code
        delivery.error = error
        delivery.delivered_at = timezone.now() if status == DeliveryStatus.SUCCEEDED else None
        delivery.save(update_fields=["status", "response_code", "error", "delivered_at"])
    return delivery


def webhook_delivery_fail(*, delivery_id: int, error: str) -> None:
    """The task gave up for a reason of its own (time limit, database): say so on the delivery."""
    WebhookDelivery.objects.filter(pk=delivery_id).exclude(status=DeliveryStatus.SUCCEEDED).update(
        status=DeliveryStatus.FAILED, error=error[:2000])

