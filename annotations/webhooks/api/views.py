"""The webhooks API (/api/webhooks/), editors only: thin views over annotations.webhooks.services."""
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from annotations.webhooks import selectors, services
from annotations.webhooks.api.serializers import (
    WebhookDeliverySerializer, WebhookEndpointSerializer, WebhookEndpointWriteSerializer,
)
from verify.api.exceptions import BAD_REQUEST
from verify.permissions import IsEditor


@extend_schema_view(
    list=extend_schema(summary="List webhook endpoints (editors)"),
    retrieve=extend_schema(summary="A webhook endpoint with its signing secret (editors)"),
)
class WebhookEndpointViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsEditor]
    serializer_class = WebhookEndpointSerializer

    def get_queryset(self):
        return selectors.webhook_endpoint_list()

    @extend_schema(summary="Register a webhook endpoint (editors)", request=WebhookEndpointWriteSerializer,
                   responses={201: WebhookEndpointSerializer, 400: BAD_REQUEST})
    def create(self, request):
        incoming = WebhookEndpointWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        endpoint = services.webhook_endpoint_create(actor=request.user, **incoming.validated_data)
        return Response(WebhookEndpointSerializer(endpoint).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Change a webhook endpoint (editors); omitted fields keep their value",
                   request=WebhookEndpointWriteSerializer, responses={200: WebhookEndpointSerializer, 400: BAD_REQUEST})
    def partial_update(self, request, pk=None):
        endpoint = self.get_object()
        incoming = WebhookEndpointWriteSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        current = {"name": endpoint.name, "url": endpoint.url, "events": endpoint.events, "format": endpoint.format,
                   "enabled": endpoint.enabled}
        endpoint = services.webhook_endpoint_update(endpoint=endpoint, actor=request.user,
                                                    **{**current, **incoming.validated_data})
        return Response(WebhookEndpointSerializer(endpoint).data)

    @extend_schema(summary="Delete a webhook endpoint and its delivery log (editors)", responses={204: None})
    def destroy(self, request, pk=None):
        services.webhook_endpoint_delete(endpoint=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="The endpoint's delivery log, newest first (editors)",
                   responses=WebhookDeliverySerializer(many=True))
    @action(detail=True, methods=["get"])
    def deliveries(self, request, pk=None):
        page = self.paginate_queryset(selectors.webhook_deliveries(endpoint=self.get_object()))
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)

    @extend_schema(summary="Queue a test event to this endpoint (editors)", request=None,
                   responses={202: WebhookDeliverySerializer})
    @action(detail=True, methods=["post"])
    def test(self, request, pk=None):
        delivery = services.webhook_test_send(endpoint=self.get_object(), actor=request.user)
        return Response(WebhookDeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)
