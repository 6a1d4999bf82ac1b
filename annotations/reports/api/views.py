"""Report endpoints: thin views over annotations.reports.services and selectors.

Reviewers read and download; editors create, change and publish. Unauthenticated: 401; wrong role: 403.
"""
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from verify.permissions import IsEditor, IsReviewer
from verify.api.exceptions import BAD_REQUEST, ApiError, ErrorSerializer
from verify.api.pagination import StandardPagination
from annotations.reports import services
from annotations.reports.api.serializers import (
    ClaimRemoveSerializer,
    ClaimSelectionSerializer,
    ClaimSummarySerializer,
    ExportQuerySerializer,
    ExportRequestSerializer,
    ExportSerializer,
    PublishCheckSerializer,
    PublishSerializer,
    ReportCreateSerializer,
    ReportDetailSerializer,
    ReportListSerializer,
    ReportUpdateSerializer,
    RevisionSerializer,
)
from annotations.reports.document import ITEM_FIELDS
from annotations.reports.models import ExportStatus, Report, ReportExport
from annotations.reports.renderers import FORMATS
from annotations.reports.renderers.pdf import PdfUnavailable
from annotations.reports.selectors import (
    report_latest_revision,
    report_list,
    report_revision_requested,
    report_stale_items,
)


class _ReadOrEdit(APIView):
    """GET for reviewers and up; anything else for editors and up."""

    def get_permissions(self):
        return [IsReviewer()] if self.request.method in ("GET", "HEAD", "OPTIONS") else [IsEditor()]


def report_detail_payload(report: Report) -> dict:
    revisions = list(report.revisions.select_related("published_by", "report")
                     .annotate(item_count=Count("items")).order_by("-number"))
    latest = revisions[0] if revisions else None
    items, stale = [], []
    if latest is not None:
        stale = [item["claim_id"] for item in report_stale_items(revision=latest)]
        stale_set = set(stale)
        items = list(latest.items.order_by("position").values(*ITEM_FIELDS))
        for item in items:
            item["newer_verdict"] = item["claim_id"] in stale_set
    claims = list(report.report_claims.order_by("position", "id").values_list("claim_id", flat=True))
    # Items stay plain dicts (ReportItemSerializer documents them): a 5,000-claim report stays fast.
    return {
        **ReportListSerializer(report).data,
        "claims": claims,
        "latest_revision": latest.number if latest else None,
        "revisions": RevisionSerializer(revisions, many=True).data,
        "items": items,
        "stale_claims": stale,
    }


class ReportListCreateView(_ReadOrEdit):
    pagination_class = StandardPagination  # also how the schema knows the list is paged

    @extend_schema(summary="List reports", responses=ReportListSerializer(many=True))
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(report_list(), request, view=self)
        return paginator.get_paginated_response(ReportListSerializer(page, many=True).data)

    @extend_schema(summary="Create a draft report", request=ReportCreateSerializer,
                   responses={201: ReportDetailSerializer, 400: BAD_REQUEST},
                   description="`claims` (ids), `article` (all its reviewed claims) and `filter` may be combined.")
    def post(self, request):
        incoming = ReportCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        report = services.report_create(title=data["title"], summary=data["summary"], org_name=data["org_name"],
                                        org_url=data["org_url"], created_by=request.user, **incoming.selection())
        return Response(report_detail_payload(report), status=status.HTTP_201_CREATED)


class ReportDetailView(_ReadOrEdit):
    @extend_schema(summary="A report with its revisions", responses=ReportDetailSerializer,
                   description="`items` is the latest revision exactly as published; `stale_claims` lists "
                               "claims reviewed again since (publish a revision to show the new verdicts).")
    def get(self, request, pk: int):
        report = get_object_or_404(Report.objects.select_related("created_by", "published_by"), pk=pk)
        return Response(report_detail_payload(report))

    @extend_schema(summary="Change the working copy (title, summary, organisation)", request=ReportUpdateSerializer,
                   responses={200: ReportDetailSerializer, 400: BAD_REQUEST},
                   description="Readers see the change when the next revision is published.")
    def patch(self, request, pk: int):
        report = get_object_or_404(Report, pk=pk)
        incoming = ReportUpdateSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        report = services.report_update(report=report, actor=request.user, **incoming.validated_data)
        return Response(report_detail_payload(report))


class _ReportActionView(_ReadOrEdit):
    """POST: validate the body with `input_serializer`, run `act`, answer with the report."""

    input_serializer: type

    def act(self, *, report: Report, actor, data: dict) -> None:
        raise NotImplementedError

    def post(self, request, pk: int):
        report = get_object_or_404(Report, pk=pk)
        incoming = self.input_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        self.act(report=report, actor=request.user, data=incoming)
        report.refresh_from_db()
        return Response(report_detail_payload(report))


@extend_schema_view(post=extend_schema(summary="Add claims to a report", request=ClaimSelectionSerializer,
                                       responses={200: ReportDetailSerializer, 400: BAD_REQUEST}))
class ReportClaimsView(_ReportActionView):
    input_serializer = ClaimSelectionSerializer

    def act(self, *, report, actor, data):
        services.report_add_claims(report=report, actor=actor, **data.selection())


@extend_schema_view(post=extend_schema(summary="Stop covering claims", request=ClaimRemoveSerializer,
                                       responses={200: ReportDetailSerializer, 400: BAD_REQUEST}))
class ReportClaimsRemoveView(_ReportActionView):
    input_serializer = ClaimRemoveSerializer

    def act(self, *, report, actor, data):
        services.report_remove_claims(report=report, actor=actor, claim_ids=data.validated_data["claims"])


PUBLISH_REFUSED = OpenApiResponse(
    ErrorSerializer, description="The publish check found errors (listed under `publish_check`): the request is "
                                 "valid, the report is not publishable as it stands.")


@extend_schema_view(post=extend_schema(summary="Publish (or publish a new revision)", request=PublishSerializer,
                                       description="Refused (409, code `publish_check`, the errors under "
                                                   "`publish_check`) when the publish check finds errors.",
                                       responses={200: ReportDetailSerializer, 400: BAD_REQUEST,
                                                  409: PUBLISH_REFUSED}))
class ReportPublishView(_ReportActionView):
    input_serializer = PublishSerializer

    def act(self, *, report, actor, data):
        try:
            services.report_publish(report=report, actor=actor, note=data.validated_data["note"])
        except DjangoValidationError as refused:
            errors = getattr(refused, "message_dict", {}).get("publish_check")
            if errors is None:
                raise
            raise ApiError(" ".join(errors), status_code=status.HTTP_409_CONFLICT, code="publish_check",
                           extra={"publish_check": errors}) from refused


class ReportCheckView(APIView):
    permission_classes = [IsEditor]

    @extend_schema(summary="Check a report before publishing", request=None, responses=PublishCheckSerializer,
                   description="Errors block publishing (publish answers 400 with them); warnings do not.")
    def post(self, request, pk: int):
        report = get_object_or_404(Report, pk=pk)
        return Response(services.report_check(report=report).as_dict())


class ReportClaimSummaryView(APIView):
    permission_classes = [IsEditor]

    @extend_schema(summary="Set the summary a covered claim is published under (claimReviewed)",
                   request=ClaimSummarySerializer, responses={200: ClaimSummarySerializer, 400: BAD_REQUEST})
    def patch(self, request, pk: int, claim_id: int):
        report = get_object_or_404(Report, pk=pk)
        incoming = ClaimSummarySerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        link = services.report_claim_update(report=report, actor=request.user, claim_id=claim_id,
                                            claim_reviewed=incoming.validated_data["claim_reviewed"])
        return Response({"claim_reviewed": link.claim_reviewed})


class _FormatParameterNegotiation(DefaultContentNegotiation):
    """`?format=` names the report format here, not DRF's renderer: always answer errors in JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ReportExportView(APIView):
    permission_classes = [IsReviewer]
    content_negotiation_class = _FormatParameterNegotiation

    @extend_schema(
        summary="Download the report in a format",
        parameters=[OpenApiParameter("format", enum=list(FORMATS), required=True),
                    OpenApiParameter("revision", int, description="Default: the latest revision."),
                    OpenApiParameter("draft", bool, description="A preview of the current data.")],
        responses={200: OpenApiResponse(description="The file."),
                   202: OpenApiResponse(ExportSerializer, description="Large report: a worker builds it; "
                                        "poll the export's progress, then download."),
                   400: BAD_REQUEST},
    )
    def get(self, request, pk: int):
        report = get_object_or_404(Report, pk=pk)
        incoming = ExportQuerySerializer(data={"format": request.query_params.get("format", ""),
                                                 **({"revision": request.query_params["revision"]}
                                                    if request.query_params.get("revision") else {})})
        incoming.is_valid(raise_exception=True)
        fmt = incoming.validated_data["format"]
        revision = report_revision_requested(report=report, number=incoming.validated_data.get("revision"))
        draft = request.query_params.get("draft") in ("1", "true")
        if not draft and revision is None:
            revision = report_latest_revision(report=report)
        draft = draft or revision is None
        count = report.report_claims.count() if draft else revision.items.count()
        if count > settings.VERIFY_REPORT_SYNC_MAX_CLAIMS:
            export = services.report_export_request(report=report, fmt=fmt, requested_by=request.user,
                                                    revision=revision, draft=draft)
            return Response(ExportSerializer(export, context={"request": request}).data,
                            status=status.HTTP_202_ACCEPTED)
        try:
            rendered = services.report_render(report=report, fmt=fmt, revision=None if draft else revision,
                                              draft=draft)
        except PdfUnavailable as error:
            raise ApiError(str(error), status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
                           code="pdf_unavailable") from error
        response = HttpResponse(rendered.content, content_type=rendered.content_type)
        response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
        return response


class ReportExportListCreateView(APIView):
    permission_classes = [IsReviewer]  # building a file is reading the report

    @extend_schema(summary="A report's background exports", responses=ExportSerializer(many=True))
    def get(self, request, pk: int):
        report = get_object_or_404(Report, pk=pk)
        exports = report.exports.select_related("revision").order_by("-created_at", "-id")[:50]
        return Response(ExportSerializer(exports, many=True, context={"request": request}).data)

    @extend_schema(summary="Build a report file in the background", request=ExportRequestSerializer,
                   responses={202: ExportSerializer, 400: BAD_REQUEST})
    def post(self, request, pk: int):
        report = get_object_or_404(Report, pk=pk)
        incoming = ExportRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        revision = report_revision_requested(report=report, number=incoming.validated_data.get("revision"))
        export = services.report_export_request(report=report, fmt=incoming.validated_data["format"],
                                                requested_by=request.user, revision=revision)
        export.refresh_from_db()
        return Response(ExportSerializer(export, context={"request": request}).data, status=status.HTTP_202_ACCEPTED)


class ExportDetailView(APIView):
    permission_classes = [IsReviewer]

    @extend_schema(summary="An export's status and progress", responses=ExportSerializer)
    def get(self, request, export_id: int):
        export = get_object_or_404(ReportExport.objects.select_related("revision"), pk=export_id)
        return Response(ExportSerializer(export, context={"request": request}).data)


class ExportDownloadView(APIView):
    permission_classes = [IsReviewer]

    @extend_schema(summary="Download a finished export", responses={200: OpenApiResponse(description="The file.")})
    def get(self, request, export_id: int):
        export = get_object_or_404(ReportExport, pk=export_id)
        if export.status != ExportStatus.DONE or not export.file:
            raise ApiError(f"The export is {export.status}, not ready.", status_code=status.HTTP_409_CONFLICT,
                           code="not_ready", extra={"progress": export.progress})
        return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename,
                            content_type=export.content_type)

