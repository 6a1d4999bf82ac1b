"""API shapes of reviews, sources and history events. Rules (URL schemes, verdicts) live in the services."""
from rest_framework import serializers

from verify.api.input import InputSerializer
from annotations.models import Review, Stance

from annotations.api.claim_serializers import SourceSerializer, UserBriefSerializer
from verify.models import SUBMITTABLE_VERDICT_CHOICES, Claim


class ReviewSerializer(serializers.ModelSerializer):
    reviewer = UserBriefSerializer(read_only=True)
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = Review
        fields = ["id", "claim", "reviewer", "verdict", "rationale", "stage", "sources", "created_at"]
        read_only_fields = fields


class SourceInputSerializer(InputSerializer):
    url = serializers.CharField(max_length=2000, help_text="http(s) URL of the evidence.")
    title = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    quote = serializers.CharField(required=False, allow_blank=True, max_length=10_000, default="")
    stance = serializers.ChoiceField(choices=Stance.choices, required=False, default=Stance.CONTEXT)


class ReviewCreateSerializer(InputSerializer):
    verdict = serializers.ChoiceField(choices=SUBMITTABLE_VERDICT_CHOICES)
    rationale = serializers.CharField(required=False, allow_blank=True, max_length=10_000, default="")
    sources = SourceInputSerializer(many=True, required=False, default=list)
    version = serializers.IntegerField(min_value=1, help_text="The claim's version as you read it.")


class SourceCreateSerializer(SourceInputSerializer):
    review = serializers.IntegerField(required=False, allow_null=True, default=None,
                                      help_text="ID of a review of this claim the source backs.")


class ClaimStateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Claim
        fields = ["id", "verdict", "version", "signoff"]
        read_only_fields = fields


class ReviewResultSerializer(serializers.Serializer):
    """What a verdict change answers: the new review and the claim's new verdict and version."""

    review = ReviewSerializer()
    claim = ClaimStateSerializer()


def review_result(*, review: Review, claim: Claim) -> dict:
    return ReviewResultSerializer({"review": review, "claim": claim}).data


class HistoryEventSerializer(serializers.Serializer):
    created_at = serializers.DateTimeField()
    actor = UserBriefSerializer(allow_null=True)
    action = serializers.CharField()
    summary = serializers.CharField()
    before = serializers.DictField()
    after = serializers.DictField()
    review = ReviewSerializer(allow_null=True)
