from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from annotations.webhooks.models import (
    SUBSCRIBABLE_EVENT_CHOICES, WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookFormat,
)
from annotations.webhooks.services import SECRET_MAX, SECRET_MIN
from verify.api.fields import HTTP_URL
from verify.api.input import InputSerializer


class WebhookEndpointSerializer(serializers.ModelSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=SUBSCRIBABLE_EVENT_CHOICES))

    class Meta:
        model = WebhookEndpoint
        fields = ["id", "name", "url", "events", "format", "enabled", "secret", "created_at", "updated_at"]
        read_only_fields = fields


@extend_schema_field({"type": "string", "pattern": rf"^(?:|[^\u0000]{{{SECRET_MIN},{SECRET_MAX}}})$"})
class SecretField(serializers.CharField):
    """A signing secret: empty (one is made) or SECRET_MIN to SECRET_MAX characters (the service checks)."""


class WebhookEndpointWriteSerializer(InputSerializer):
    """Create (every field but `secret` and `enabled` required) or PATCH (any subset)."""

    name = serializers.CharField(max_length=200, min_length=1)
    url = serializers.URLField(max_length=2000, validators=[HTTP_URL])
    events = serializers.ListField(child=serializers.ChoiceField(choices=SUBSCRIBABLE_EVENT_CHOICES),
                                   allow_empty=False, min_length=1, max_length=len(SUBSCRIBABLE_EVENT_CHOICES))
    format = serializers.ChoiceField(choices=WebhookFormat.choices, default=WebhookFormat.GENERIC)
    secret = SecretField(max_length=SECRET_MAX, required=False, allow_blank=True, default="",
                         help_text=f"{SECRET_MIN} to {SECRET_MAX} characters. Empty: a random one is made (on "
                                   "create) or the current one kept.")
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
