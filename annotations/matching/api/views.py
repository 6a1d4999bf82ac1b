"""Matching API: similar checked claims for any text, a claim's matches, and reviewer decisions.

Reviewer role or higher for all of it (401 without credentials, 403 with the wrong role); editors
also read the verdict conflicts inside clusters of the same claim.
"""
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from verify.api.exceptions import BAD_REQUEST, NOT_FOUND, UNAVAILABLE, ApiError
from verify.permissions import IsEditor, IsReviewer
from annotations.matching import selectors, services
from annotations.matching.api.serializers import MatchSerializer, SimilarSerializer
from annotations.matching.index import IndexWarmingUp
from annotations.matching.models import ClaimMatch
from verify.models import MAX_ID, Claim

MAX_QUERY_CHARS = 5_000
MAX_LIMIT = 50
WARMING_UP_MESSAGE = ("The claim index is warming up (it is built once after a restart); "
                      "try again in a few seconds.")

PK = OpenApiParameter("pk", int, OpenApiParameter.PATH)


def _checked_pk(pk: int) -> int:
    if pk > MAX_ID:
        raise Http404
    return pk


def _limit(request) -> int:
    raw = request.query_params.get("limit", "10")
    try:
        limit = int(raw)
    except ValueError:
        raise ValidationError({"limit": f"“{raw[:20]}” is not a whole number."}) from None
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError({"limit": f"limit must be between 1 and {MAX_LIMIT}."})
    return limit


class SimilarClaimsView(APIView):
    """GET /api/claims/similar/?q=text&limit=10 — checked claims, report items and other fact-checkers'
    work at the suggestion threshold or above."""

    permission_classes = [IsReviewer]

    @extend_schema(
        parameters=[OpenApiParameter("q", {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_CHARS,
                                           "pattern": r"\S"}, required=True,
                                     description="The text to look up (not only spaces)."),
                    OpenApiParameter("limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                                     description=f"1 to {MAX_LIMIT}, default 10.")],
        responses={200: inline_serializer("SimilarClaims", {
            "query": serializers.CharField(), "results": SimilarSerializer(many=True),
            "numbers_disagree": serializers.BooleanField(
                help_text="Results are listed, but every one of them states other numbers than the query.")}),
                   400: BAD_REQUEST, 503: UNAVAILABLE},
    )
    def get(self, request):
        query = request.query_params.get("q", "").strip()
        if not query:
            raise ValidationError({"q": "Give the text to look up in ?q=."})
        if len(query) > MAX_QUERY_CHARS:
            raise ValidationError({"q": f"The text is {len(query):,} characters; the limit is {MAX_QUERY_CHARS:,}."})
        limit = _limit(request)
        try:
            found = selectors.similar_search(text=query, limit=limit)
        except IndexWarmingUp as warming:
            raise ApiError(WARMING_UP_MESSAGE, status_code=status.HTTP_503_SERVICE_UNAVAILABLE, code="warming_up",
                           headers={"Retry-After": str(warming.retry_after_seconds)}) from warming
        return Response({"query": query, "results": SimilarSerializer(found.results, many=True).data,
                         "numbers_disagree": found.numbers_disagree})


class ClaimMatchesView(APIView):
    """GET /api/claims/{id}/matches/ — suggested, auto and confirmed matches (rejected with ?all=1)."""

    permission_classes = [IsReviewer]

    @extend_schema(
        parameters=[PK, OpenApiParameter("all", str, description="1: include rejected matches.")],
        responses={200: inline_serializer("ClaimMatches", {"claim": serializers.IntegerField(),
                                                           "matches": MatchSerializer(many=True)}),
                   404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        claim = get_object_or_404(Claim, pk=_checked_pk(pk))
        include_rejected = request.query_params.get("all") in ("1", "true")
        views = selectors.claim_matches(claim=claim, include_rejected=include_rejected)
        return Response({"claim": claim.pk, "matches": MatchSerializer(views, many=True).data})


class _MatchActionView(APIView):
    permission_classes = [IsReviewer]

    def act(self, match: ClaimMatch, user):
        raise NotImplementedError

    @extend_schema(request=None, parameters=[PK],
                   responses={200: MatchSerializer, 400: BAD_REQUEST, 404: NOT_FOUND})
    def post(self, request, pk: int):
        match = get_object_or_404(ClaimMatch.objects.select_related("document", "claim"), pk=_checked_pk(pk))
        extra = self.act(match, request.user) or {}
        match.refresh_from_db()
        view = selectors.MatchView(match=match, finding=selectors.document_finding(document=match.document))
        return Response({**MatchSerializer(view).data, **extra}, status=status.HTTP_200_OK)


class MatchConfirmView(_MatchActionView):
    def act(self, match, user):
        services.match_confirm(match=match, user=user)


class MatchRejectView(_MatchActionView):
    def act(self, match, user):
        services.match_reject(match=match, user=user)


class MatchApplyView(_MatchActionView):
    @extend_schema(request=None, parameters=[PK], responses={
        200: inline_serializer("MatchApplied", {"review": serializers.IntegerField(), "verdict": serializers.CharField(),
                                                "status": serializers.CharField()}),
        400: BAD_REQUEST, 404: NOT_FOUND})
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, match, user):
        review = services.match_apply_verdict(match=match, reviewer=user)
        return {"review": review.pk, "verdict": review.verdict}


class MatchConflictsView(APIView):
    """GET /api/matches/conflicts/ — clusters of the same claim with different verdicts (editors)."""

    permission_classes = [IsEditor]

    @extend_schema(responses={200: inline_serializer("MatchConflicts", {
        "conflicts": serializers.ListField(child=serializers.DictField())})})
    def get(self, request):
        conflicts = selectors.match_conflicts()
        return Response({"conflicts": [
            {"verdicts": conflict.verdicts,
             "claims": [{"id": c.pk, "text": c.text, "verdict": c.verdict, "article": c.article_id}
                        for c in conflict.claims]}
            for conflict in conflicts
        ]})
