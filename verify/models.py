"""Articles as submitted and the claims extracted from them."""
from django.conf import settings
from django.db import models
from django.db.models.functions import Upper

from verify.claim_kinds import ClaimantType, SetAsideReason

# Primary keys are 64-bit: a larger number (typed into a URL or a payload) names nothing, and is
# answered as such instead of reaching the database and failing there.
MAX_ID = 2**63 - 1


class ArticleStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    PROCESSING = "processing", "Processing"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Verdict(models.TextChoices):
    UNREVIEWED = "unreviewed", "Unreviewed"
    VERIFIED = "verified", "Verified"
    UNVERIFIED = "unverified", "Unverified"
    DISPUTED = "disputed", "Disputed"
    NOT_A_CLAIM = "not_a_claim", "Not a claim"


# The verdict set, defined once. A finding is the outcome of a check: only findings are published,
# copied from an earlier check, or taught to the scorer as check-worthy.
FINDING_VERDICTS = (Verdict.VERIFIED, Verdict.UNVERIFIED, Verdict.DISPUTED)
# What a review can say ("unreviewed" is not given: reopening puts a claim back into the queue).
SUBMITTABLE_VERDICTS = (*FINDING_VERDICTS, Verdict.NOT_A_CLAIM)
SUBMITTABLE_VERDICT_CHOICES = [(verdict.value, verdict.label) for verdict in SUBMITTABLE_VERDICTS]


class SignoffState(models.TextChoices):
    """Where a claim's verdict stands on its way to final (annotations/services/signoff.py moves it).

    Only a final verdict is published; while two independent reviews are under way, or they disagree,
    the claim's `verdict` stays "unreviewed" so that nobody reads the first review off the claim.
    """

    OPEN = "open", "Open"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting an editor's approval"
    AWAITING_SECOND = "awaiting_second", "Awaiting a second review"
    DISAGREEMENT = "disagreement", "Reviews disagree: an editor decides"
    FINAL = "final", "Final"


class Article(models.Model):
    class ContentType(models.TextChoices):
        TEXT = "text", "Plain text"
        HTML = "html", "HTML"

    class SourceKind(models.TextChoices):
        TEXT = "text", "Pasted text"
        FILE = "file", "Uploaded file"
        URL = "url", "Fetched URL"
        FEED = "feed", "Feed entry"

    title = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    canonical_url = models.URLField(max_length=2000, blank=True, db_index=True)
    source_kind = models.CharField(max_length=8, choices=SourceKind.choices, default=SourceKind.TEXT)
    original_filename = models.CharField(max_length=255, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    raw_content = models.TextField(help_text="The text or HTML exactly as submitted.")
    content_type = models.CharField(max_length=8, choices=ContentType.choices, default=ContentType.TEXT)
    cleaned_text = models.TextField(blank=True)
    language = models.CharField(max_length=16, blank=True)
    # sha256 of the submitted content: the same text submitted twice is one article.
    content_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=12, choices=ArticleStatus.choices, default=ArticleStatus.PENDING, db_index=True
    )
    error = models.TextField(blank=True, help_text="Why processing failed.")
    skipped_reason = models.CharField(
        max_length=300, blank=True, help_text="Why extraction was skipped (e.g. an unsupported language)."
    )
    extractor_version = models.CharField(max_length=32, blank=True)
    processing_attempts = models.PositiveIntegerField(default=0)
    # Attempts cut off inside extraction (the worker died while extracting): only these count towards
    # giving up (verify/services.py), not retries after a database error or kills before extraction.
    extraction_interruptions = models.PositiveIntegerField(default=0)
    # The task that took it into another article's batch (verify/processing_batch.py): its own task then
    # leaves it to that task while it may still run. Empty when its own task (or an inline run) has it.
    batch_task = models.CharField(max_length=64, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["publisher"]),
            # The claim filter matches publishers case-insensitively (UPPER(publisher) = UPPER(%s)); the
            # expression index also gives the planner statistics for it, so a publisher filter walks the
            # score index instead of sorting every claim of that publisher (bench/README.md).
            models.Index(Upper("publisher"), name="article_publisher_upper_idx"),
        ]

    def __str__(self) -> str:
        return self.title or f"Article {self.pk}"


class Claim(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    text = models.TextField(help_text="The claim as reviewers see it (editable).")
    sentence = models.TextField(help_text="The whole sentence the claim was extracted from.")
    start_char = models.PositiveIntegerField()
    end_char = models.PositiveIntegerField()
    sentence_index = models.PositiveIntegerField()
    claimant = models.CharField(max_length=300, blank=True)
    claimant_type = models.CharField(max_length=12, choices=ClaimantType.choices, blank=True)
    cue = models.CharField(max_length=100, blank=True)
    quantities = models.JSONField(default=list, blank=True)
    entities = models.JSONField(default=list, blank=True)
    hedges = models.JSONField(default=list, blank=True)
    checkworthiness = models.FloatField(db_index=True)
    # Blank: in the queue. Otherwise extraction set the sentence aside, and why.
    set_aside = models.CharField(max_length=12, choices=SetAsideReason.choices, blank=True)
    verdict = models.CharField(
        max_length=12, choices=Verdict.choices, default=Verdict.UNREVIEWED, db_index=True
    )
    # Set only by annotations.services.signoff.signoff_transition; "final" is what reports publish.
    signoff = models.CharField(
        max_length=20, choices=SignoffState.choices, default=SignoffState.OPEN, db_index=True
    )
    extractor_version = models.CharField(max_length=32)
    # What extraction produced, kept when a reviewer corrects text or claimant.
    extracted_text = models.TextField()
    extracted_claimant = models.CharField(max_length=300, blank=True)
    # Optimistic concurrency: every change bumps it; writes based on an older one are refused.
    version = models.PositiveIntegerField(default=1)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_claims"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article_id", "sentence_index", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "start_char", "end_char", "extractor_version"],
                name="claim_unique_span_per_extractor",
            ),
            models.CheckConstraint(
                condition=models.Q(checkworthiness__gte=0) & models.Q(checkworthiness__lte=1),
                name="claim_checkworthiness_in_unit_interval",
            ),
        ]
        indexes = [
            models.Index(fields=["article", "verdict"]),
            # The queue and the API list order by score; these keep ORDER BY … LIMIT an index scan.
            models.Index(fields=["-checkworthiness", "id"], name="claim_score_order_idx"),
            models.Index(fields=["verdict", "-checkworthiness", "id"], name="claim_verdict_score_idx"),
            # The queue's counts per verdict (set_aside = '' GROUP BY verdict): an index-only scan, 4x faster
            # than reading the table at 1,000,000 claims. It also serves set_aside alone.
            models.Index(fields=["set_aside", "verdict"], name="claim_queue_verdict_idx"),
            # The dashboard counts claims per day and verdict over a period: an index-only range scan.
            models.Index(fields=["created_at", "verdict"], name="claim_created_verdict_idx"),
        ]

    def __str__(self) -> str:
        return self.text[:80]
