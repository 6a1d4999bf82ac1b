"""Read representations of articles and claims, shared by the API and `ingest --json`."""
from rest_framework import serializers

from verify.models import Article, Claim


class ClaimSerializer(serializers.ModelSerializer):
    class Meta:
        model = Claim
        fields = [
            "id", "article", "text", "sentence", "start_char", "end_char", "sentence_index",
            "claimant", "cue", "quantities", "entities", "hedges", "checkworthiness", "set_aside", "verdict",
            "extractor_version", "extracted_text", "extracted_claimant", "version", "assigned_to",
            "created_at", "updated_at",
        ]
        read_only_fields = fields


class ArticleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = [
            "id", "title", "url", "publisher", "author", "published_at", "content_type", "language",
            "content_hash", "status", "error", "skipped_reason", "extractor_version",
            "processing_attempts", "submitted_by", "created_at", "updated_at", "processed_at",
        ]
        read_only_fields = fields
