"""Shapes of the fact-check import API: what an import takes and answers, and an imported item."""
from rest_framework import serializers

from annotations.factchecks.models import FactCheckFeed, PublishedFactCheck
from verify.api.fields import HTTP_URL
from verify.api.input import InputSerializer


class ImportRequestSerializer(InputSerializer):
    data = serializers.JSONField(required=False, help_text=(
        "ClaimReview JSON: one ClaimReview, a list of them, a JSON-LD document with @graph, a schema.org "
        "DataFeed (dataFeedElement[].item[]) or a Fact Check Tools answer (claims[].claimReview[])."))
    url = serializers.URLField(required=False, max_length=2000, validators=[HTTP_URL],
                               help_text="A URL serving such JSON, fetched by the SSRF-safe fetcher.")

    def validate(self, attrs):
        if ("data" in attrs) == ("url" in attrs):
            raise serializers.ValidationError({"data": "Give either data or url (exactly one)."})
        return attrs


class RejectedSerializer(serializers.Serializer):
    position = serializers.IntegerField(help_text="1-based, in the order the items appear in the data.")
    reason = serializers.CharField()
    review_url = serializers.CharField()


class ImportOutcomeSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    ids = serializers.ListField(child=serializers.IntegerField())
    rejected = RejectedSerializer(many=True)


class PublishedFactCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = PublishedFactCheck
        fields = ["id", "review_url", "publisher_name", "publisher_url", "claim_reviewed", "claimant",
                  "rating_text", "rating_value", "rating_best", "rating_worst", "title", "date_published",
                  "language", "source", "imported_at", "updated_at"]
        read_only_fields = fields


class FactCheckFeedSerializer(serializers.ModelSerializer):
    class Meta:
        model = FactCheckFeed
        fields = ["id", "url", "title", "poll_interval_minutes", "enabled", "next_poll_at", "last_polled_at",
                  "last_success_at", "consecutive_failures", "last_error", "last_imported", "last_rejected",
                  "created_at"]
        read_only_fields = fields


class FactCheckFeedRegisterSerializer(InputSerializer):
    url = serializers.URLField(max_length=2000, validators=[HTTP_URL])
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    poll_interval_minutes = serializers.IntegerField(min_value=15, max_value=7 * 24 * 60, default=360)
