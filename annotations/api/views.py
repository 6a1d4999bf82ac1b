"""Reviews, sources and history of one claim: thin views over the annotations services and selectors."""
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from annotations.api.serializers import (
    HistoryEventSerializer,
    ReviewCreateSerializer,
    ReviewResultSerializer,
    ReviewSerializer,
    SourceCreateSerializer,
    review_result,
)
from annotations.models import Review
from verify.permissions import IsReviewer
from annotations.selectors import claim_history, claim_reviews, claim_sources
from annotations.services import review_submit, source_attach
from verify.api.exceptions import BAD_REQUEST, CONFLICT
from verify.api.pagination import StandardPagination
from annotations.api.claim_serializers import SourceSerializer
from verify.models import Claim


class _ClaimScopedView(mixins.ListModelMixin, GenericAPIView):
    """A paginated list belonging to one claim (404 when the claim does not exist)."""

    permission_classes = [IsReviewer]
    pagination_class = StandardPagination
    filter_backends: list = []

    def get_claim(self) -> Claim:
        if not hasattr(self, "_claim"):
            self._claim = get_object_or_404(Claim, pk=self.kwargs["claim_id"])
        return self._claim


class ClaimReviewsView(_ClaimScopedView):
    serializer_class = ReviewSerializer

    def get_queryset(self):
        return claim_reviews(claim=self.get_claim(), viewer=self.request.user)

    @extend_schema(summary="The claim's reviews (its verdict history), newest first")
    def get(self, request, claim_id: int):
        return self.list(request)

    @extend_schema(
        summary="Give the claim a verdict",
        request=ReviewCreateSerializer,
        responses={201: ReviewResultSerializer, 400: BAD_REQUEST, 409: CONFLICT},
        description="Send the claim's `version` as you read it; if someone changed the claim since, "
                    "the answer is 409 with what changed, and nothing is overwritten.",
    )
    def post(self, request, claim_id: int):
        claim = self.get_claim()
        incoming = ReviewCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        review = review_submit(claim=claim, reviewer=request.user, verdict=data["verdict"],
                               rationale=data["rationale"], sources=data["sources"],
                               expected_version=data["version"])
        review = claim_reviews(claim=claim).get(pk=review.pk)
        return Response(review_result(review=review, claim=claim), status=status.HTTP_201_CREATED)


class ClaimSourcesView(_ClaimScopedView):
    serializer_class = SourceSerializer

    def get_queryset(self):
        return claim_sources(claim=self.get_claim(), viewer=self.request.user)

    @extend_schema(summary="The claim's sources, oldest first")
    def get(self, request, claim_id: int):
        return self.list(request)

    @extend_schema(summary="Attach a source to the claim", request=SourceCreateSerializer,
                   responses={201: SourceSerializer, 400: BAD_REQUEST})
    def post(self, request, claim_id: int):
        claim = self.get_claim()
        incoming = SourceCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        review_id = data.pop("review")
        review = None
        if review_id is not None:
            review = Review.objects.filter(pk=review_id, claim=claim).first()
            if review is None:
                # A service-style error: the sentence is the answer's detail, under the field too.
                raise ValidationError({"review": "There is no review with that ID on this claim."})
        source = source_attach(claim=claim, user=request.user, review=review, **data)
        return Response(SourceSerializer(source).data, status=status.HTTP_201_CREATED)


class ClaimHistoryView(_ClaimScopedView):
    serializer_class = HistoryEventSerializer

    def get_queryset(self):
        return claim_history(claim=self.get_claim(), viewer=self.request.user)

    @extend_schema(summary="Everything that happened to the claim (audit trail), newest first")
    def get(self, request, claim_id: int):
        return self.list(request)
