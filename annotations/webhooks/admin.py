"""Webhooks in the admin console: endpoints (view; admins delete through the service, audited) and
the delivery log with each attempt (read-only). Endpoints are registered and changed on /webhooks/."""
from django.contrib import admin

from annotations.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from annotations.webhooks.services import webhook_endpoint_delete
from verify.admin_roles import ReadOnlyInline, ReadOnlyModelAdmin, RoleModelAdmin


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(RoleModelAdmin):
    list_display = ["name", "url", "format", "enabled", "created_by", "created_at"]
    list_filter = ["enabled", "format"]
    search_fields = ["name", "url"]
    exclude = ["secret"]

    def delete_model(self, request, obj) -> None:
        webhook_endpoint_delete(endpoint=obj, actor=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for endpoint in queryset:
            webhook_endpoint_delete(endpoint=endpoint, actor=request.user)


class WebhookAttemptInline(ReadOnlyInline):
    model = WebhookAttempt
    show_change_link = False
    fields = ["number", "response_code", "error", "duration_ms", "created_at"]
    readonly_fields = fields


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyModelAdmin):
    list_display = ["__str__", "endpoint", "event", "status", "attempts", "response_code", "created_at"]
    list_filter = ["status", "event"]
    list_select_related = ["endpoint"]
    inlines = [WebhookAttemptInline]
