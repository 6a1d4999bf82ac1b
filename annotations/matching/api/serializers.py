"""Output shapes for the matching API (read-only: decisions go through the action endpoints)."""
from rest_framework import serializers


class FindingSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    text = serializers.CharField()
    verdict = serializers.CharField()
    rationale = serializers.CharField()
    sources = serializers.ListField(child=serializers.DictField())
    reports = serializers.ListField(child=serializers.DictField())
    claim_id = serializers.IntegerField(allow_null=True)
    article_id = serializers.IntegerField(allow_null=True)
    article_title = serializers.CharField()
    publisher = serializers.CharField(help_text="kind fact_check: the fact-checker that published it.")
    publisher_url = serializers.CharField()
    rating = serializers.CharField(help_text="kind fact_check: the publisher's own rating, never this desk's verdict.")
    review_url = serializers.CharField()
    date_published = serializers.CharField()


class MatchSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="match.pk")
    claim = serializers.IntegerField(source="match.claim_id")
    document = serializers.IntegerField(source="match.document_id")
    score = serializers.FloatField(source="match.score", help_text=(
        "The calibrated probability, in [0, 1], that the two are the same claim, when the match was found."))
    status = serializers.CharField(source="match.status")
    numbers_agree = serializers.BooleanField(source="match.numbers_agree", help_text=(
        "False: the matched text states other numbers, so it is never linked automatically and its verdict "
        "is applied only after a reviewer confirms the match."))
    decided_by = serializers.CharField(source="match.decided_by.username", default=None)
    decided_at = serializers.DateTimeField(source="match.decided_at")
    matched = FindingSerializer(source="finding", allow_null=True)


class SimilarSerializer(serializers.Serializer):
    score = serializers.FloatField(help_text="The calibrated probability, in [0, 1], that this is the same claim.")
    similarity = serializers.FloatField(source="score", help_text="Deprecated: the same value as `score`.")
    numbers_agree = serializers.BooleanField(help_text=(
        "False: it states other numbers than the query, so it is a related check, not the same claim."))
    matched = FindingSerializer(source="finding")
