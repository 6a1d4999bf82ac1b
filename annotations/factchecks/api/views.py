"""The fact-check API: editors import other fact-checkers' ClaimReview data; reviewers list it.

POST /api/fact-checks/import/ takes `data` (the JSON itself) or `url` (fetched SSRF-safe, in the
request) and answers what was created, updated and refused (each with its reason); input unusable as
a whole is a 400 and stores nothing. GET /api/fact-checks/ lists what was imported;
/api/fact-check-feeds/ lists and registers feed subscriptions (editors), polled by Celery beat.
"""
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations.factchecks import feeds, selectors, services
from annotations.factchecks.api.serializers import (
    FactCheckFeedRegisterSerializer, FactCheckFeedSerializer, ImportOutcomeSerializer, ImportRequestSerializer,
    PublishedFactCheckSerializer,
)
from annotations.factchecks.models import ImportSource
from annotations.factchecks.parse import FactCheckDataError
from verify.api.exceptions import BAD_REQUEST, ErrorSerializer, registration_refused
from verify.permissions import IsEditor, IsReviewer


class FactCheckImportView(APIView):
    permission_classes = [IsEditor]

    @extend_schema(summary="Import other fact-checkers' ClaimReview data (editors)",
                   request=ImportRequestSerializer, responses={200: ImportOutcomeSerializer, 400: BAD_REQUEST})
    def post(self, request):
        incoming = ImportRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            if "url" in incoming.validated_data:
                outcome = services.fact_checks_import_url(url=incoming.validated_data["url"], user=request.user)
            else:
                outcome = services.fact_checks_import(data=incoming.validated_data["data"], source=ImportSource.API,
                                                      user=request.user)
        except FactCheckDataError as error:
            field = "url" if "url" in incoming.validated_data else "data"
            raise ValidationError({field: str(error)}) from error
        return Response(ImportOutcomeSerializer(outcome).data, status=status.HTTP_200_OK)


class PublishedFactCheckViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Other fact-checkers' imported work (reviewers): their rating, never this desk's verdict."""

    permission_classes = [IsReviewer]
    serializer_class = PublishedFactCheckSerializer

    def get_queryset(self):
        return selectors.fact_check_list(publisher=self.request.query_params.get("publisher", "")[:300])

    @extend_schema(parameters=[OpenApiParameter("publisher", str, description="Only this publisher's (exact name).")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class FactCheckFeedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """ClaimReview feed subscriptions (editors), each with its polling state and last error."""

    permission_classes = [IsEditor]
    serializer_class = FactCheckFeedSerializer

    def get_queryset(self):
        return selectors.fact_check_feed_list()

    @extend_schema(summary="Subscribe to a ClaimReview feed (editors)", request=FactCheckFeedRegisterSerializer,
                   responses={201: FactCheckFeedSerializer, 400: BAD_REQUEST,
                              409: OpenApiResponse(ErrorSerializer, description="The feed is already registered.")})
    def create(self, request):
        incoming = FactCheckFeedRegisterSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            feed = feeds.fact_check_feed_register(created_by=request.user, **incoming.validated_data)
        except DjangoValidationError as error:
            raise registration_refused(error, field="url") from error  # a duplicate, or an invalid/internal URL
        return Response(FactCheckFeedSerializer(feed).data, status=status.HTTP_201_CREATED)
