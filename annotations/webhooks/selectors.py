"""Reads for the webhook pages and API."""
from django.db.models import Count, Q, QuerySet

from annotations.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

DELIVERY_LOG_LIMIT = 100


def webhook_endpoint_list() -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.annotate(
        failed_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
        delivered_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SUCCEEDED)),
    ).order_by("name", "id")


def webhook_deliveries(*, endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    """The endpoint's delivery log, newest first, each with its attempts."""
    return endpoint.deliveries.prefetch_related("attempt_log").order_by("-created_at", "-id")
