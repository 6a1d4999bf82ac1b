"""Reports, their published revisions, the frozen per-claim snapshot, and file exports."""
from django.conf import settings
from django.db import models

from verify.models import Article, Claim, Verdict


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Report(models.Model):
    """The editor's working copy: title, summary, organisation and the claims it covers.

    What readers see is never this row directly but its latest ReportRevision, frozen at publish.
    """

    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    # The public permalink (/r/<slug>/); fixed at creation so published links never break.
    slug = models.SlugField(max_length=80, unique=True)
    # Blank means "the deployment's organisation" (settings.VERIFY_ORG_NAME / VERIFY_ORG_URL).
    org_name = models.CharField(max_length=200, blank=True)
    org_url = models.URLField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT,
                              db_index=True)
    claims = models.ManyToManyField(Claim, through="ReportClaim", related_name="reports")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Of the latest revision (denormalised for lists).
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ReportClaim(models.Model):
    """A claim the report covers, in the order the editor added it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="report_claims")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="report_links")
    position = models.PositiveIntegerField()
    # ClaimReview's claimReviewed as the editor wrote it (a short summary); blank: the claim's own text.
    claim_reviewed = models.TextField(blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report_id", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "claim"], name="report_claim_once")]


class ReportRevision(models.Model):
    """One publication of a report. Never changed after it is written: revision 2 is a new row."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    org_name = models.CharField(max_length=200)
    org_url = models.URLField(max_length=500, blank=True)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(max_length=500, blank=True, help_text="What changed since the previous revision.")
    # Claims the previous revision had and this one drops: [{"claim_id", "claim_text"}, ...].
    removed = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["report_id", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_revision_number_once")]

    def __str__(self) -> str:
        return f"{self.title} (revision {self.number})"


class ReportItem(models.Model):
    """A covered claim exactly as a revision shows it: copied at publish, never updated."""

    revision = models.ForeignKey(ReportRevision, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    # SET_NULL: deleting a claim (or its article) later must not change what was published.
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    review_id_frozen = models.BigIntegerField(null=True, blank=True,
                                              help_text="The review shown; a newer one makes the item stale.")
    claim_text = models.TextField()
    # The summary published as claimReviewed (the editor's, else the claim text; blank in revisions
    # published before editors wrote one, which read the claim text).
    claim_reviewed = models.TextField(blank=True)
    claimant = models.CharField(max_length=300, blank=True)
    # The claimant's ClaimantType value, decided at publish (revisions published before claimants were
    # typed hold schema.org's "Person"/"Organization"; annotations/reports/claimants.py reads both).
    claimant_type = models.CharField(max_length=12, blank=True)
    verdict = models.CharField(max_length=12, choices=Verdict.choices)
    rationale = models.TextField(blank=True)
    reviewer = models.CharField(max_length=150, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # [{"url", "title", "publisher", "quote", "stance"}, ...]
    sources = models.JSONField(default=list, blank=True)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    article_title = models.CharField(max_length=500, blank=True)
    article_url = models.URLField(max_length=2000, blank=True)
    article_publisher = models.CharField(max_length=200, blank=True)
    article_published_at = models.DateTimeField(null=True, blank=True)
    # When the report first published this claim (ClaimReview datePublished; the revision's date is
    # dateModified). Null in revisions published before it was recorded: their revision's date.
    first_published_at = models.DateTimeField(null=True, blank=True)
    # What differs from the previous revision's item for the same claim (ItemChange values); ["added"]
    # for a claim the previous revision did not have; [] in revision 1 and when nothing changed.
    changes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["revision_id", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["revision", "position"], name="report_item_position_once")]


class ExportStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ReportExport(models.Model):
    """A report file built by a worker (large reports), with its progress and the stored result."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="exports")
    # Null: the draft as it is when the worker runs (a preview); otherwise that revision.
    revision = models.ForeignKey(ReportRevision, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="exports")
    fmt = models.CharField(max_length=12)
    status = models.CharField(max_length=8, choices=ExportStatus.choices, default=ExportStatus.PENDING,
                              db_index=True)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done, 0-100.")
    file = models.FileField(upload_to="reports/%Y/%m/", blank=True)
    filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
