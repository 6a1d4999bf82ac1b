"""Input and output shapes of the report API. Input serializers only parse; services decide."""
from django.urls import reverse
from rest_framework import serializers

from verify.api.fields import HTTP_URL, OptionalURLField
from verify.api.input import InputSerializer
from verify.models import MAX_ID
from annotations.reports.corrections import ItemChange
from annotations.reports.document import report_permalink
from annotations.reports.models import ExportStatus, Report, ReportExport, ReportRevision
from annotations.reports.rating import PUBLISHABLE_VERDICTS
from annotations.reports.renderers import FORMATS
from annotations.reports.services.check import CheckCode

MAX_REVISION = 2**31 - 1


class ClaimFilterSerializer(InputSerializer):
    verdicts = serializers.ListField(child=serializers.ChoiceField(choices=PUBLISHABLE_VERDICTS), required=False)
    article_id = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    publisher = serializers.CharField(required=False, max_length=200)
    reviewed_after = serializers.DateField(required=False)
    reviewed_before = serializers.DateField(required=False)
    min_checkworthiness = serializers.FloatField(required=False, min_value=0, max_value=1)
    text = serializers.CharField(required=False, max_length=200)


class ClaimSelectionSerializer(InputSerializer):
    claims = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False,
                                   max_length=50_000, help_text="Claim ids, chosen one by one.")
    article = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID,
                                       help_text="Add every reviewed claim of this article.")
    filter = ClaimFilterSerializer(required=False, help_text="Add every reviewed claim matching this.")

    def selection(self) -> dict:
        data = self.validated_data
        return {"claim_ids": data.get("claims") or None, "article_id": data.get("article"),
                "filters": data.get("filter") or None}


class ReportCreateSerializer(ClaimSelectionSerializer):
    title = serializers.CharField(max_length=300)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    org_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    org_url = serializers.URLField(required=False, allow_blank=True, default="", max_length=500, validators=[HTTP_URL])


class ReportUpdateSerializer(InputSerializer):
    title = serializers.CharField(required=False, max_length=300)
    summary = serializers.CharField(required=False, allow_blank=True)
    org_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    org_url = serializers.URLField(required=False, allow_blank=True, max_length=500, validators=[HTTP_URL])


class ClaimRemoveSerializer(InputSerializer):
    claims = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1,
                                   max_length=50_000)


class PublishSerializer(InputSerializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class ExportRequestSerializer(InputSerializer):
    format = serializers.ChoiceField(choices=FORMATS)
    revision = serializers.IntegerField(required=False, min_value=1, max_value=MAX_REVISION,
                                        help_text="Revision number; default the latest (a draft: a preview).")


class ExportQuerySerializer(ExportRequestSerializer):
    """The same choice read from the query string (`?format=pdf&revision=2`), where every value is text."""

    json_types = False


class ReportItemSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    claim_id = serializers.IntegerField(allow_null=True)
    review_id_frozen = serializers.IntegerField(allow_null=True)
    claim_text = serializers.CharField()
    claim_reviewed = serializers.CharField(help_text="Published as ClaimReview claimReviewed (blank in revisions "
                                                     "published before summaries: the claim text).")
    claimant = serializers.CharField()
    claimant_type = serializers.CharField()
    verdict = serializers.CharField()
    rationale = serializers.CharField()
    reviewer = serializers.CharField()
    reviewed_at = serializers.DateTimeField(allow_null=True)
    sources = serializers.JSONField()
    article_id = serializers.IntegerField(allow_null=True)
    article_title = serializers.CharField()
    article_url = serializers.CharField()
    article_publisher = serializers.CharField()
    article_published_at = serializers.DateTimeField(allow_null=True)
    first_published_at = serializers.DateTimeField(allow_null=True, help_text="When the report first published "
                                                                              "this claim (datePublished).")
    changes = serializers.ListField(child=serializers.ChoiceField(choices=ItemChange.choices),
                                    help_text="What this revision changed for the claim.")
    newer_verdict = serializers.BooleanField(default=False,
                                             help_text="The claim changed (or was reviewed again) after "
                                                       "this revision.")


class RevisionSerializer(serializers.ModelSerializer):
    org_url = OptionalURLField()
    published_by = serializers.CharField(source="published_by.username")
    item_count = serializers.IntegerField()
    permalink = serializers.SerializerMethodField()

    class Meta:
        model = ReportRevision
        fields = ["number", "title", "summary", "org_name", "org_url", "published_at", "published_by", "note",
                  "item_count", "permalink"]

    def get_permalink(self, revision) -> str:
        return report_permalink(slug=revision.report.slug, revision_number=revision.number)


class ReportListSerializer(serializers.ModelSerializer):
    org_url = OptionalURLField(help_text="Null: the default organisation's address.")
    created_by = serializers.CharField(source="created_by.username")
    published_by = serializers.CharField(source="published_by.username", allow_null=True, default=None)
    permalink = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = ["id", "title", "summary", "slug", "status", "org_name", "org_url", "created_by", "created_at",
                  "updated_at", "published_at", "published_by", "permalink"]

    def get_permalink(self, report) -> str | None:
        return report_permalink(slug=report.slug) if report.published_at else None


class ReportDetailSerializer(ReportListSerializer):
    claims = serializers.ListField(child=serializers.IntegerField(), help_text="Covered claim ids, in order.")
    revisions = RevisionSerializer(many=True)
    latest_revision = serializers.IntegerField(allow_null=True)
    items = ReportItemSerializer(many=True, help_text="The latest revision as published (frozen).")
    stale_claims = serializers.ListField(child=serializers.IntegerField(),
                                         help_text="Claims with a newer verdict than the latest revision shows.")

    class Meta(ReportListSerializer.Meta):
        fields = [*ReportListSerializer.Meta.fields, "claims", "latest_revision", "revisions", "items",
                  "stale_claims"]


class ClaimSummarySerializer(serializers.Serializer):
    claim_reviewed = serializers.CharField(allow_blank=True, max_length=1000,
                                           help_text="The summary published as claimReviewed; blank: the claim text.")


class CheckFindingSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=CheckCode.choices)
    message = serializers.CharField()
    claim_id = serializers.IntegerField(allow_null=True)
    article_id = serializers.IntegerField(allow_null=True)


class PublishCheckSerializer(serializers.Serializer):
    publishable = serializers.BooleanField(help_text="No errors: publishing would succeed.")
    errors = CheckFindingSerializer(many=True, help_text="What blocks publishing.")
    warnings = CheckFindingSerializer(many=True, help_text="What an editor should look at; does not block.")


class ExportSerializer(serializers.ModelSerializer):
    revision = serializers.IntegerField(source="revision.number", allow_null=True, default=None)
    format = serializers.CharField(source="fmt")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportExport
        fields = ["id", "report", "revision", "format", "status", "progress", "filename", "error", "created_at",
                  "finished_at", "download_url"]

    def get_download_url(self, export) -> str | None:
        if export.status != ExportStatus.DONE:
            return None
        request = self.context.get("request")
        path = reverse("api-report-export-download", args=[export.pk])
        return request.build_absolute_uri(path) if request else path
