"""POST /api/claims/bulk/: one action over many claims, with each claim's outcome."""
from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations.reports.models import Report
from annotations.services import BulkAction, claims_bulk_apply
from verify.api.exceptions import BAD_REQUEST
from verify.models import MAX_ID
from verify.permissions import IsReviewer
from verify.api.input import InputSerializer


class ClaimVersionSerializer(InputSerializer):
    claim = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    version = serializers.IntegerField(min_value=1, help_text="The claim's version as you read it.")


class ClaimBulkSerializer(InputSerializer):
    action = serializers.ChoiceField(choices=BulkAction.choices)
    ids = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1,
                                help_text="The claims to act on (at most VERIFY_BULK_MAX_CLAIMS).")
    versions = serializers.ListField(
        child=ClaimVersionSerializer(), required=False, default=list,
        help_text="The version you read of each claim (`{\"claim\": id, \"version\": n}`); a claim changed "
                  "since is refused (dismiss).")
    assignee = serializers.SlugRelatedField(
        slug_field="username", queryset=get_user_model().objects.filter(is_active=True), required=False,
        allow_null=True, default=None,
        help_text="assign: the reviewer's username (reviewers: their own); null or absent: yourself.")
    report = serializers.PrimaryKeyRelatedField(queryset=Report.objects.all(), required=False, allow_null=True,
                                                default=None, help_text="report_add: the report's id (editors).")
    rationale = serializers.CharField(required=False, allow_blank=True, max_length=10_000, default="",
                                      help_text="dismiss: why these are not claims.")

    def validate_versions(self, value: list[dict]) -> dict[int, int]:
        return {item["claim"]: item["version"] for item in value}


class BulkOutcomeSerializer(serializers.Serializer):
    claim_id = serializers.IntegerField()
    ok = serializers.BooleanField()
    code = serializers.CharField(help_text="Why not (version_conflict, permission_denied, not_found, …) or a "
                                           "note (already_covered); empty when done.")
    detail = serializers.CharField()


class BulkResultSerializer(serializers.Serializer):
    action = serializers.CharField()
    done = serializers.IntegerField()
    failed = serializers.IntegerField()
    results = BulkOutcomeSerializer(many=True)


class ClaimBulkView(APIView):
    permission_classes = [IsReviewer]

    @extend_schema(
        summary="Act on many claims: assign, mark not a claim, add to a report",
        request=ClaimBulkSerializer, responses={200: BulkResultSerializer, 400: BAD_REQUEST},
        description="Each claim goes through the same service as alone, with its own audit entry. A refusal "
                    "for one claim (a stale version, a claim held by someone else) is listed in `results` "
                    "and does not stop the others; the answer is 200 whenever the request itself is valid.",
    )
    def post(self, request):
        incoming = ClaimBulkSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        outcomes = claims_bulk_apply(actor=request.user, action=data["action"], claim_ids=data["ids"],
                                     versions=data["versions"], assignee=data["assignee"], report=data["report"],
                                     rationale=data["rationale"])
        done = sum(outcome.ok for outcome in outcomes)
        return Response(BulkResultSerializer({"action": data["action"], "done": done,
                                              "failed": len(outcomes) - done, "results": outcomes}).data)
