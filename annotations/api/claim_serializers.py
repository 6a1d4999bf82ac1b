"""API representations of articles and claims (the read shapes build on verify/serializers.py)."""
from django.contrib.auth import get_user_model
from rest_framework import serializers

from verify.api.fields import HTTP_URL
from verify.api.input import InputSerializer
from annotations.models import Source
from verify.models import Article, ClaimantType
from verify.serializers import ArticleSerializer, ClaimSerializer


class UserBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = get_user_model()
        fields = ["id", "username"]
        read_only_fields = fields


class SourceSerializer(serializers.ModelSerializer):
    added_by = UserBriefSerializer(read_only=True)

    class Meta:
        model = Source
        fields = ["id", "claim", "review", "url", "title", "publisher", "quote", "stance", "added_by", "created_at"]
        read_only_fields = fields


def _with_claimant_type(fields: list[str]) -> list[str]:
    """The fields with claimant_type (read-only, from extraction or a reviewer's edit) after claimant."""
    fields = [name for name in fields if name != "claimant_type"]
    after = fields.index("claimant") + 1
    return [*fields[:after], "claimant_type", *fields[after:]]


# What a list of claims shows (a queue row): the claim, who made it, its score, verdict and article, the
# counts. The sentence, offsets, quantities, entities and hedges are the detail's (`GET /api/claims/{id}/`):
# on claims extracted from real news they were most of a list page's bytes.
CLAIM_LIST_FIELDS = [
    "id", "article", "article_title", "text", "claimant", "claimant_type", "checkworthiness", "set_aside",
    "verdict", "signoff", "version", "assigned_to", "source_count", "created_at", "updated_at",
]


class ClaimListSerializer(ClaimSerializer):
    """A claim in lists: the one definition of the API list's fields. `GET /api/claims/` does not run
    it; annotations/api/claim_rows.py derives the columns it reads and its rows from these fields (a
    field of a kind it cannot derive fails at import), and this class documents the shape (OpenAPI)."""

    assigned_to = UserBriefSerializer(read_only=True, allow_null=True)
    source_count = serializers.IntegerField(read_only=True)
    article_title = serializers.CharField(source="article.title", read_only=True)

    class Meta(ClaimSerializer.Meta):
        fields = CLAIM_LIST_FIELDS
        read_only_fields = fields


class ClaimDetailSerializer(ClaimListSerializer):
    """A claim on its own: every field of ClaimSerializer, the list's additions and the sources."""

    sources = SourceSerializer(many=True, read_only=True)

    class Meta(ClaimListSerializer.Meta):
        fields = [*_with_claimant_type(ClaimSerializer.Meta.fields), "article_title", "source_count", "signoff",
                  "sources"]
        read_only_fields = fields


class ClaimEditSerializer(InputSerializer):
    version = serializers.IntegerField(min_value=1, help_text="The claim's version as you read it.")
    text = serializers.CharField(required=False, max_length=10_000)
    claimant = serializers.CharField(required=False, allow_blank=True, max_length=300)
    claimant_type = serializers.ChoiceField(
        choices=ClaimantType.choices, required=False, allow_blank=True,
        help_text="person, organisation or unnamed (a source the text does not name); blank for none. "
                  "A new claimant sent without a type is left untyped.")

    # Something to change besides the version (the service answers "Nothing to change" otherwise).
    schema_extra = {"anyOf": [{"required": [name]} for name in ("text", "claimant", "claimant_type")]}


class ClaimAssignSerializer(InputSerializer):
    assignee = serializers.SlugRelatedField(
        slug_field="username", queryset=get_user_model().objects.filter(is_active=True), allow_null=True,
        help_text="Username of the reviewer to assign, or null to unassign.",
    )


class ClaimDismissSerializer(InputSerializer):
    version = serializers.IntegerField(min_value=1, help_text="The claim's version as you read it.")
    rationale = serializers.CharField(required=False, allow_blank=True, max_length=10_000, default="")


class ClaimReopenSerializer(InputSerializer):
    rationale = serializers.CharField(required=False, allow_blank=True, max_length=10_000, default="")


class ArticleListSerializer(ArticleSerializer):
    claim_count = serializers.IntegerField(read_only=True)
    submitted_by = UserBriefSerializer(read_only=True, allow_null=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "claim_count"]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleListSerializer):
    claims = ClaimListSerializer(many=True, read_only=True)

    class Meta(ArticleListSerializer.Meta):
        fields = [*ArticleListSerializer.Meta.fields, "cleaned_text", "claims"]
        read_only_fields = fields


class ArticleStatusSerializer(serializers.ModelSerializer):
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        fields = ["id", "status", "error", "skipped_reason", "processing_attempts", "processed_at", "claim_count"]
        read_only_fields = fields


class ArticleCreateSerializer(InputSerializer):
    # `text` may be left out when `url` is given; the page is then fetched by a worker.
    text = serializers.CharField(trim_whitespace=False, required=False, allow_blank=True, default="",
                                 help_text="The article as plain text or HTML. Leave it out to fetch `url`.")
    title = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    url = serializers.URLField(required=False, allow_blank=True, max_length=2000, default="", validators=[HTTP_URL],
                               help_text="With `text`: stored with the article. Without `text`: the page is "
                                         "fetched (public addresses only), its main text and metadata extracted.")
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    author = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    published_at = serializers.DateTimeField(required=False, allow_null=True, default=None)

    # Either text with something in it, or a URL to fetch (the schema's way of saying validate() below).
    schema_extra = {"anyOf": [{"required": ["text"], "properties": {"text": {"pattern": r"\S"}}},
                              {"required": ["url"], "properties": {"url": {"minLength": 1}}}]}

    def validate(self, attrs):
        # Whitespace-only text is left to the service, which says "The article is empty."
        if not attrs["url"] and "text" not in self.initial_data:
            raise serializers.ValidationError({"text": ["This field is required (or give a url to fetch)."]})
        return attrs


class ArticleUpdateSerializer(InputSerializer):
    """An editor's correction of an article's details; a key left out keeps its value, "" (null for the
    date) clears it."""

    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=200)
    author = serializers.CharField(required=False, allow_blank=True, max_length=200)
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    url = serializers.URLField(
        required=False, allow_blank=True, max_length=2000,
        validators=[HTTP_URL],
        help_text="The article's original address (metadata: nothing is fetched).")


class ArticleCreatedSerializer(ArticleListSerializer):
    """The answer to a submission: the article, whether it is new, and whether it was queued."""

    created = serializers.BooleanField(read_only=True)
    duplicate = serializers.BooleanField(read_only=True)
    enqueued = serializers.BooleanField(read_only=True, allow_null=True)
    notice = serializers.CharField(read_only=True, help_text="What happened, in words for the submitter.")

    class Meta(ArticleListSerializer.Meta):
        fields = [*ArticleListSerializer.Meta.fields, "created", "duplicate", "enqueued", "notice"]
        read_only_fields = fields


