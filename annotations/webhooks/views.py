"""Webhook pages for editors: the list with a register form, each endpoint's settings and delivery
log, deleting, and "send test event"."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from annotations.webhooks import selectors, services
from annotations.webhooks.forms import WebhookEndpointForm
from annotations.webhooks.models import WebhookEndpoint
from annotations.webhooks.signing import DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER
from verify.permissions import role_required
from verify.roles import EDITOR

editor_required = role_required(EDITOR)
HEADERS = {"timestamp": TIMESTAMP_HEADER, "signature": SIGNATURE_HEADER, "event": EVENT_HEADER,
           "delivery": DELIVERY_HEADER}


def _save(form: WebhookEndpointForm, save) -> WebhookEndpoint | None:
    """Run a service with the form's data; its validation errors land on the form's fields."""
    if not form.is_valid():
        return None
    try:
        return save(**form.cleaned_data)
    except ValidationError as error:
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
        return None


@editor_required
def webhook_list(request):
    form = WebhookEndpointForm(data=request.POST or None)
    if request.method == "POST":
        endpoint = _save(form, lambda **data: services.webhook_endpoint_create(actor=request.user, **data))
        if endpoint is not None:
            messages.success(request, "Endpoint registered. Give its signing secret to the receiver.")
            return redirect("webhooks:detail", pk=endpoint.pk)
    return render(request, "webhooks/webhook_list.html",
                  {"endpoints": selectors.webhook_endpoint_list(), "form": form, "headers": HEADERS},
                  status=400 if form.errors else 200)


@editor_required
def webhook_detail(request, pk: int):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    initial = {"name": endpoint.name, "url": endpoint.url, "events": endpoint.events, "format": endpoint.format,
               "enabled": endpoint.enabled}
    form = WebhookEndpointForm(data=request.POST or None, initial=initial)
    if request.method == "POST":
        saved = _save(form, lambda **data: services.webhook_endpoint_update(endpoint=endpoint, actor=request.user,
                                                                            **data))
        if saved is not None:
            messages.success(request, "Endpoint saved.")
            return redirect("webhooks:detail", pk=pk)
    deliveries = selectors.webhook_deliveries(endpoint=endpoint)[:selectors.DELIVERY_LOG_LIMIT]
    return render(request, "webhooks/webhook_detail.html",
                  {"endpoint": endpoint, "form": form, "deliveries": deliveries, "headers": HEADERS},
                  status=400 if form.errors else 200)


@require_POST
@editor_required
def webhook_delete(request, pk: int):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    services.webhook_endpoint_delete(endpoint=endpoint, actor=request.user)
    messages.success(request, f"Endpoint “{endpoint.name}” deleted.")
    return redirect("webhooks:list")


@require_POST
@editor_required
def webhook_test(request, pk: int):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    services.webhook_test_send(endpoint=endpoint, actor=request.user)
    messages.info(request, "Test event queued; its delivery appears in the log below.")
    return redirect("webhooks:detail", pk=pk)
