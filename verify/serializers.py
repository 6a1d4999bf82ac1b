"""Read representations of articles and claims, shared by the API and `ingest --json`."""
from rest_framework import serializers

from verify.api.fields import OptionalURLField
from verify.models import Article, Claim, ClaimantType, SetAsideReason


class ClaimSerializer(serializers.ModelSerializer):
    # "" (no claimant type, not set aside) is a value of both: the schema's enums must include it.
    claimant_type = serializers.ChoiceField(choices=ClaimantType.choices, allow_blank=True, read_only=True)
    set_aside = serializers.ChoiceField(choices=SetAsideReason.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id", "article", "text", "sentence", "start_char", "end_char", "sentence_index",
            "claimant", "claimant_type", "cue", "quantities", "entities", "hedges", "checkworthiness", "set_aside",
            "verdict",
            "extractor_version", "extracted_text", "extracted_claimant", "version", "assigned_to",
            "created_at", "updated_at",
        ]
        read_only_fields = fields


class ArticleSerializer(serializers.ModelSerializer):
    url = OptionalURLField(help_text="The article's original address; null for pasted text or a file.")

    class Meta:
        model = Article
        fields = [
            "id", "title", "url", "publisher", "author", "published_at", "content_type", "language",
            "content_hash", "status", "error", "skipped_reason", "extractor_version",
            "processing_attempts", "submitted_by", "created_at", "updated_at", "processed_at",
        ]
        read_only_fields = fields
