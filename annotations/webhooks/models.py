"""Webhooks: endpoints editors register, and every delivery to them with each attempt."""
import uuid

from django.conf import settings
from django.db import models


class WebhookEvent(models.TextChoices):
    """What an endpoint can subscribe to. Values are sent to receivers: never rename one."""

    CLAIM_REVIEWED = "claim.reviewed", "Claim reviewed"
    VERDICT_FINAL = "verdict.final", "Verdict final"
    REPORT_PUBLISHED = "report.published", "Report published"
    MATCH_FOUND = "match.found", "Match found"
    # Sent only by "send test event"; not subscribable.
    TEST = "test", "Test event"


SUBSCRIBABLE_EVENTS = tuple(event for event in WebhookEvent if event != WebhookEvent.TEST)
SUBSCRIBABLE_EVENT_CHOICES = [(event.value, event.label) for event in SUBSCRIBABLE_EVENTS]


class WebhookFormat(models.TextChoices):
    GENERIC = "generic", "Generic JSON"
    SLACK = "slack", "Slack-compatible ({\"text\": …})"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RETRYING = "retrying", "Retrying"
    SUCCEEDED = "succeeded", "Delivered"
    FAILED = "failed", "Failed"


class WebhookEndpoint(models.Model):
    name = models.CharField(max_length=200)
    url = models.URLField(max_length=2000)
    # WebhookEvent values (SUBSCRIBABLE_EVENTS) this endpoint receives.
    events = models.JSONField(default=list)
    # Signs every delivery (HMAC-SHA256); shown to editors, who give it to the receiver.
    secret = models.CharField(max_length=200)
    format = models.CharField(max_length=8, choices=WebhookFormat.choices, default=WebhookFormat.GENERIC)
    enabled = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    """One event for one endpoint: the exact body sent (signed at each attempt) and where it stands."""

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=32, choices=WebhookEvent.choices)
    # Shared by the deliveries of one event to several endpoints; receivers use it to drop duplicates.
    event_id = models.UUIDField(default=uuid.uuid4, db_index=True)
    body = models.JSONField()
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["endpoint", "-created_at"], name="webhook_delivery_log_idx")]

    def __str__(self) -> str:
        return f"{self.event} to {self.endpoint_id} ({self.status})"


class WebhookAttempt(models.Model):
    """One try at sending a delivery: what the receiver answered, or why nothing was answered."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveSmallIntegerField()
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["delivery_id", "number"]
        constraints = [models.UniqueConstraint(fields=["delivery", "number"], name="webhook_attempt_number_once")]

    def __str__(self) -> str:
        return f"attempt {self.number} of delivery {self.delivery_id}"
