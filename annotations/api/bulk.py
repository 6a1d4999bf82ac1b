"""POST /api/claims/bulk/: one action over many claims, with each claim's outcome."""
from collections.abc import Mapping

from django.contrib.auth import get_user_model
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
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


class _BulkSerializer(InputSerializer):
    ids = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1,
                                help_text="The claims to act on (at most VERIFY_BULK_MAX_CLAIMS).")


class BulkAssignSerializer(_BulkSerializer):
    action = serializers.ChoiceField(choices=[(BulkAction.ASSIGN.value, BulkAction.ASSIGN.label)])
    assignee = serializers.SlugRelatedField(
        slug_field="username", queryset=get_user_model().objects.filter(is_active=True), required=False,
        allow_null=True, default=None,
        help_text="The reviewer's username (reviewers: their own); null or absent: yourself.")


class BulkDismissSerializer(_BulkSerializer):
    action = serializers.ChoiceField(choices=[(BulkAction.DISMISS.value, BulkAction.DISMISS.label)])
    versions = serializers.ListField(
        child=ClaimVersionSerializer(), required=False, default=list,
        help_text="The version you read of each claim; a claim changed since is refused.")
    rationale = serializers.CharField(required=False, allow_blank=True, max_length=10_000, default="",
                                      help_text="Why these are not claims.")

    def validate_versions(self, value: list[dict]) -> dict[int, int]:
        return {item["claim"]: item["version"] for item in value}


class BulkReportAddSerializer(_BulkSerializer):
    action = serializers.ChoiceField(choices=[(BulkAction.REPORT_ADD.value, BulkAction.REPORT_ADD.label)])
    report = serializers.PrimaryKeyRelatedField(queryset=Report.objects.all(), help_text="The report's id (editors).")


# Each action takes its own fields: the body is one of these, chosen by its `action` (oneOf in the schema).
BULK_SERIALIZERS = {BulkAction.ASSIGN: BulkAssignSerializer, BulkAction.DISMISS: BulkDismissSerializer,
                    BulkAction.REPORT_ADD: BulkReportAddSerializer}
BULK_REQUEST = PolymorphicProxySerializer(component_name="ClaimBulkRequest", resource_type_field_name="action",
                                          serializers={action.value: serializer
                                                       for action, serializer in BULK_SERIALIZERS.items()})


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
    request_body_required = True  # one of BULK_SERIALIZERS (verify.api.schema)

    @extend_schema(
        summary="Act on many claims: assign, mark not a claim, add to a report",
        request=BULK_REQUEST, responses={200: BulkResultSerializer, 400: BAD_REQUEST},
        description="Each claim goes through the same service as alone, with its own audit entry. A refusal "
                    "for one claim (a stale version, a claim held by someone else) is listed in `results` "
                    "and does not stop the others; the answer is 200 whenever the request itself is valid.",
    )
    def post(self, request):
        action = request.data.get("action") if isinstance(request.data, Mapping) else None
        if action not in BulkAction.values:
            raise serializers.ValidationError(
                {"action": [f"Choose one of {', '.join(BulkAction.values)}."]})
        incoming = BULK_SERIALIZERS[BulkAction(action)](data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        outcomes = claims_bulk_apply(actor=request.user, action=data["action"], claim_ids=data["ids"],
                                     versions=data.get("versions", {}), assignee=data.get("assignee"),
                                     report=data.get("report"), rationale=data.get("rationale", ""))
        done = sum(outcome.ok for outcome in outcomes)
        return Response(BulkResultSerializer({"action": data["action"], "done": done,
                                              "failed": len(outcomes) - done, "results": outcomes}).data)
