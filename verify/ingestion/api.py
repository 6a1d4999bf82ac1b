"""The feeds API (/api/feeds/), editors only: thin views over verify.ingestion.feeds."""
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from verify.api.fields import HTTP_URL
from verify.api.input import InputSerializer
from verify.api.exceptions import BAD_REQUEST, ErrorSerializer, registration_refused
from verify.permissions import IsEditor
from verify.ingestion import feeds, selectors
from verify.ingestion.models import Feed


class FeedSerializer(serializers.ModelSerializer):
    entry_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Feed
        fields = ["id", "url", "title", "poll_interval_minutes", "enabled", "last_polled_at", "last_success_at",
                  "next_poll_at", "consecutive_failures", "last_error", "last_error_at", "entry_count",
                  "created_at"]
        read_only_fields = ["id", "last_polled_at", "last_success_at", "next_poll_at", "consecutive_failures",
                            "last_error", "last_error_at", "entry_count", "created_at"]


class FeedRegisterSerializer(InputSerializer):
    url = serializers.URLField(max_length=2000, validators=[HTTP_URL])
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    poll_interval_minutes = serializers.IntegerField(min_value=5, max_value=7 * 24 * 60, default=60)


class FeedUpdateSerializer(InputSerializer):
    title = serializers.CharField(max_length=300, required=False, allow_blank=True)
    poll_interval_minutes = serializers.IntegerField(min_value=5, max_value=7 * 24 * 60, required=False)
    enabled = serializers.BooleanField(required=False)


@extend_schema_view(
    list=extend_schema(summary="List feeds (editors)"),
    retrieve=extend_schema(summary="A feed with its polling status and last error (editors)"),
)
class FeedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsEditor]
    serializer_class = FeedSerializer

    def get_queryset(self):
        return selectors.feed_list()

    @extend_schema(summary="Register a feed (editors)", request=FeedRegisterSerializer,
                   responses={201: FeedSerializer, 400: BAD_REQUEST,
                              409: OpenApiResponse(ErrorSerializer, description="The feed is already registered.")})
    def create(self, request):
        incoming = FeedRegisterSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            feed = feeds.feed_register(created_by=request.user, **incoming.validated_data)
        except DjangoValidationError as error:
            # Registration refuses a duplicate, or because of the URL (invalid, internal): say which.
            raise registration_refused(error, field="url") from error
        return Response(FeedSerializer(self.get_queryset().get(pk=feed.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Change a feed's name, interval or enabled flag (editors)",
                   request=FeedUpdateSerializer, responses={200: FeedSerializer, 400: BAD_REQUEST})
    def partial_update(self, request, pk=None):
        feed = self.get_object()
        incoming = FeedUpdateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        feeds.feed_update(feed=feed, **incoming.validated_data)
        return Response(FeedSerializer(self.get_queryset().get(pk=feed.pk)).data)

    @extend_schema(summary="Poll this feed at the next beat (editors)", request=None, responses={202: FeedSerializer})
    @action(detail=True, methods=["post"])
    def poll(self, request, pk=None):
        feed = feeds.feed_poll_soon(feed=self.get_object())
        return Response(FeedSerializer(self.get_queryset().get(pk=feed.pk)).data, status=status.HTTP_202_ACCEPTED)
