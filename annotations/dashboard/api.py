"""GET /api/dashboard/?days=N (editors): the dashboard's figures as JSON."""
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations.dashboard.figures import dashboard_figures
from annotations.dashboard.period import DEFAULT_DAYS, MAX_DAYS, period_parse
from annotations.dashboard.reviewers import REVIEW_GAP_CAP
from verify.api.exceptions import BAD_REQUEST
from verify.models import Verdict
from verify.permissions import IsEditor


class DaySerializer(serializers.Serializer):
    day = serializers.DateField()
    extracted = serializers.IntegerField()
    finalized = serializers.IntegerField(help_text="Claims whose verdict first became final that day.")
    reviews = serializers.IntegerField()


class VerdictCountSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    claims = serializers.IntegerField()


class TimeToFinalSerializer(serializers.Serializer):
    claims = serializers.IntegerField()
    median_seconds = serializers.IntegerField(allow_null=True)


class ReviewerWorkSerializer(serializers.Serializer):
    reviewer = serializers.CharField()
    reviews = serializers.IntegerField()
    claims = serializers.IntegerField()
    seconds_spent = serializers.IntegerField(
        help_text="Sum of the gaps since the reviewer's previous review, each capped (see review_gap_cap_seconds).")


class DashboardPairAgreementSerializer(serializers.Serializer):
    first = serializers.CharField()
    second = serializers.CharField()
    claims = serializers.IntegerField()
    agreed = serializers.IntegerField()
    kappa = serializers.FloatField(allow_null=True)


class DashboardAgreementSerializer(serializers.Serializer):
    claims = serializers.IntegerField(help_text="Claims given a verdict by two different reviewers.")
    agreed = serializers.IntegerField()
    observed = serializers.FloatField(allow_null=True)
    kappa = serializers.FloatField(allow_null=True, help_text="Cohen's kappa over all pairs; null when undefined.")
    pairs = DashboardPairAgreementSerializer(many=True)


class RepeatedClaimSerializer(serializers.Serializer):
    document_id = serializers.IntegerField()
    text = serializers.CharField()
    claim_id = serializers.IntegerField(allow_null=True)
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    repeats = serializers.IntegerField()


class DashboardSerializer(serializers.Serializer):
    days = serializers.IntegerField()
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    review_gap_cap_seconds = serializers.IntegerField()
    daily = DaySerializer(many=True)
    verdicts = VerdictCountSerializer(many=True)
    time_to_final = TimeToFinalSerializer()
    reviewers = ReviewerWorkSerializer(many=True)
    agreement = DashboardAgreementSerializer()
    repeated = RepeatedClaimSerializer(many=True)


class DashboardView(APIView):
    permission_classes = [IsEditor]

    @extend_schema(
        summary="The desk dashboard's figures over the last `days` days (editors)",
        parameters=[OpenApiParameter("days", {"type": "integer", "minimum": 1, "maximum": MAX_DAYS},
                                     description=f"1 to {MAX_DAYS}; default {DEFAULT_DAYS}.")],
        responses={200: DashboardSerializer, 400: BAD_REQUEST},
    )
    def get(self, request):
        period = period_parse(days=request.query_params.get("days"))  # a ValidationError answers 400
        figures = dashboard_figures(period=period)
        data = {
            "days": period.days, "first_day": period.first_day, "last_day": period.last_day,
            "review_gap_cap_seconds": int(REVIEW_GAP_CAP.total_seconds()),
            "daily": figures.days,
            "verdicts": [{"verdict": value, "claims": count} for value, _label, count in figures.verdicts],
            "time_to_final": figures.time_to_final,
            "reviewers": figures.reviewers,
            "agreement": {**figures.agreement.__dict__, "observed": figures.agreement.observed},
            "repeated": figures.repeated,
        }
        return Response(DashboardSerializer(data).data)
