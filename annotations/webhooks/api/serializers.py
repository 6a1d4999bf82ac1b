from rest_framework import serializers

from annotations.webhooks.models import (
    SUBSCRIBABLE_EVENT_CHOICES, WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookFormat,
)
from verify.api.input import InputSerializer


class WebhookEndpointSerializer(serializers.ModelSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=SUBSCRIBABLE_EVENT_CHOICES))

    class Meta:
        model = WebhookEndpoint
        fields = ["id", "name", "url", "events", "format", "enabled", "secret", "created_at", "updated_at"]
        read_only_fields = fields


class WebhookEndpointWriteSerializer(InputSerializer):
    """Create (every field but `secret` and `enabled` required) or PATCH (any subset)."""

    name = serializers.CharField(max_length=200, min_length=1)
    url = serializers.URLField(max_length=2000)
    events = serializers.ListField(child=serializers.ChoiceField(choices=SUBSCRIBABLE_EVENT_CHOICES),
                                   allow_empty=False, min_length=1, max_length=len(SUBSCRIBABLE_EVENT_CHOICES))
    format = serializers.ChoiceField(choices=WebhookFormat.choices, default=WebhookFormat.GENERIC)
    secret = serializers.CharField(max_length=200, required=False, allow_blank=True, default="",
                                   help_text="Empty: a random one is made (on create) or the current one kept.")
    enabled = serializers.BooleanField(default=True)


class WebhookAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = ["number", "response_code", "error", "duration_ms", "created_at"]


class WebhookDeliverySerializer(serializers.ModelSerializer):
    attempt_log = WebhookAttemptSerializer(many=True, read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = ["id", "event", "event_id", "status", "attempts", "response_code", "error", "body", "created_at",
                  "last_attempt_at", "delivered_at", "attempt_log"]
