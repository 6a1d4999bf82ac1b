"""Sign-off in the API: editors approve, send back or decide verdicts; agreement; the desk setting."""
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations.api.serializers import ClaimStateSerializer, ReviewResultSerializer, review_result
from annotations.models import SignoffMode
from annotations.selectors import agreement_summary, claim_reviews, desk_settings_get, signoff_mode
from annotations.services import claim_approve, claim_decide, claim_send_back, desk_settings_update
from verify.api.exceptions import BAD_REQUEST, CONFLICT
from verify.models import SUBMITTABLE_VERDICT_CHOICES, Claim
from verify.permissions import IsEditor, IsReviewer
from verify.api.input import InputSerializer


class SignoffSerializer(InputSerializer):
    version = serializers.IntegerField(min_value=1, help_text="The claim's version as you read it.")
    rationale = serializers.CharField(required=False, allow_blank=True, max_length=10_000, default="")


class DecisionSerializer(SignoffSerializer):
    verdict = serializers.ChoiceField(choices=SUBMITTABLE_VERDICT_CHOICES)


class _ClaimSignoffView(APIView):
    """One editor action on one claim: validate `incoming`, call `act`, answer what it returns."""

    permission_classes = [IsEditor]
    incoming = SignoffSerializer

    def act(self, *, claim: Claim, actor, data: dict):
        raise NotImplementedError

    def post(self, request, claim_id: int):
        incoming = self.incoming(data=request.data)
        incoming.is_valid(raise_exception=True)
        claim = get_object_or_404(Claim, pk=claim_id)
        outcome = self.act(claim=claim, actor=request.user, data=incoming.validated_data)
        if isinstance(outcome, Claim):
            return Response(ClaimStateSerializer(outcome).data)
        review = claim_reviews(claim=claim).get(pk=outcome.pk)
        return Response(review_result(review=review, claim=claim), status=status.HTTP_201_CREATED)


@extend_schema_view(post=extend_schema(
    summary="Approve the verdict awaiting approval (editors): it becomes final", request=SignoffSerializer,
    responses={200: ClaimStateSerializer, 400: BAD_REQUEST, 409: CONFLICT}))
class ClaimApproveView(_ClaimSignoffView):
    def act(self, *, claim: Claim, actor, data: dict):
        return claim_approve(claim=claim, actor=actor, expected_version=data["version"])


@extend_schema_view(post=extend_schema(
    summary="Send the verdict awaiting approval back for another review (editors)", request=SignoffSerializer,
    responses={201: ReviewResultSerializer, 400: BAD_REQUEST, 409: CONFLICT}))
class ClaimSendBackView(_ClaimSignoffView):
    def act(self, *, claim: Claim, actor, data: dict):
        return claim_send_back(claim=claim, actor=actor, rationale=data["rationale"],
                               expected_version=data["version"])


@extend_schema_view(post=extend_schema(
    summary="Decide between two independent reviews that disagree (editors): final", request=DecisionSerializer,
    responses={201: ReviewResultSerializer, 400: BAD_REQUEST, 409: CONFLICT}))
class ClaimDecideView(_ClaimSignoffView):
    incoming = DecisionSerializer

    def act(self, *, claim: Claim, actor, data: dict):
        return claim_decide(claim=claim, actor=actor, verdict=data["verdict"], rationale=data["rationale"],
                            expected_version=data["version"])


class AgreementFigureSerializer(serializers.Serializer):
    claims = serializers.IntegerField(help_text="Pairs of independent reviews compared.")
    observed = serializers.FloatField(allow_null=True, help_text="Share of pairs with the same verdict.")
    kappa = serializers.FloatField(allow_null=True, help_text="Cohen's kappa; null when undefined.")


class PairAgreementSerializer(AgreementFigureSerializer):
    reviewers = serializers.ListField(child=serializers.CharField(), help_text="The two usernames, sorted.")


class AgreementSerializer(serializers.Serializer):
    overall = AgreementFigureSerializer()
    pairs = PairAgreementSerializer(many=True)


class AgreementView(APIView):
    permission_classes = [IsEditor]

    @extend_schema(summary="Agreement between reviewers (editors): Cohen's kappa per pair and overall",
                   responses=AgreementSerializer,
                   description="Computed from the pairs of independent reviews the double sign-off mode "
                               "collects; overall pools every pair (first review against second).")
    def get(self, request):
        overall, pairs = agreement_summary()
        return Response(AgreementSerializer({"overall": overall, "pairs": pairs}).data)


class DeskSettingsSerializer(serializers.Serializer):
    signoff_mode = serializers.ChoiceField(choices=SignoffMode.choices, read_only=True,
                                           help_text="How verdicts become final now.")
    stored_signoff_mode = serializers.ChoiceField(
        choices=[("", "From the environment"), *SignoffMode.choices], allow_blank=True,
        help_text="The editors' setting; blank: VERIFY_SIGNOFF_MODE applies.")


class DeskSettingsView(APIView):
    def get_permissions(self):
        return [IsEditor()] if self.request.method == "PATCH" else [IsReviewer()]

    def _answer(self) -> Response:
        return Response(DeskSettingsSerializer({"signoff_mode": signoff_mode(),
                                                "stored_signoff_mode": desk_settings_get().signoff_mode}).data)

    @extend_schema(summary="The desk settings (sign-off mode)", responses=DeskSettingsSerializer)
    def get(self, request):
        return self._answer()

    @extend_schema(summary="Change the desk settings (editors)", request=DeskSettingsSerializer,
                   responses={200: DeskSettingsSerializer, 400: BAD_REQUEST})
    def patch(self, request):
        incoming = DeskSettingsSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        desk_settings_update(actor=request.user, signoff_mode=incoming.validated_data["stored_signoff_mode"])
        return self._answer()
