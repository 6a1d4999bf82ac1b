"""Claim matching: the searchable index of claims, published report items and other fact-checkers'
work, and the links found.

`MatchDocument` is what the matcher needs, stored in the database so every worker builds the same
index (each keeps an in-memory copy, synced by `updated_at`). `ClaimMatch` is one link from a new
claim to an earlier document: suggested (awaiting a reviewer), auto (above the high threshold, and
stating the same numbers), confirmed or rejected (a rejected pair is never suggested again).
"""
from django.conf import settings
from django.db import models

from verify.models import Claim


class DocumentKind(models.TextChoices):
    CLAIM = "claim", "Claim"
    REPORT_ITEM = "report_item", "Published report item"
    # Another fact-checker's published ClaimReview (annotations/factchecks): never the desk's verdict.
    FACT_CHECK = "fact_check", "Other fact-checker's work"


class MatchDocument(models.Model):
    kind = models.CharField(max_length=12, choices=DocumentKind.choices)
    claim = models.OneToOneField(Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="match_document")
    report_item = models.OneToOneField("reports.ReportItem", null=True, blank=True, on_delete=models.CASCADE,
                                       related_name="match_document")
    fact_check = models.OneToOneField("factchecks.PublishedFactCheck", null=True, blank=True,
                                      on_delete=models.CASCADE, related_name="match_document")
    text = models.TextField()
    # Normalised index terms (space separated), so a worker builds its index without re-tokenising.
    terms = models.TextField(blank=True)
    # core.text.TOKENIZER_VERSION that made `terms`; terms of another version are re-made when read.
    terms_version = models.PositiveSmallIntegerField(default=0)
    # The text's sentence embedding (core/dense.py: float32 bytes, normalised) and the model that made
    # it; stored so every worker loads it instead of re-embedding. Another model's vector is recomputed.
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    embedding_model = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="claim", claim__isnull=False, report_item__isnull=True,
                                    fact_check__isnull=True)
                           | models.Q(kind="report_item", claim__isnull=True, report_item__isnull=False,
                                      fact_check__isnull=True)
                           | models.Q(kind="fact_check", claim__isnull=True, report_item__isnull=True,
                                      fact_check__isnull=False)),
                name="match_document_points_at_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text[:60]}"


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    AUTO = "auto", "Linked automatically"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


LINKED_STATUSES = (MatchStatus.AUTO, MatchStatus.CONFIRMED)


class ClaimMatch(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matches")
    document = models.ForeignKey(MatchDocument, on_delete=models.CASCADE, related_name="matched_by")
    score = models.FloatField()
    status = models.CharField(max_length=10, choices=MatchStatus.choices, default=MatchStatus.SUGGESTED,
                              db_index=True)
    # False: the document states other numbers than the claim (the numbers rule), so it is never
    # linked automatically and its verdict is copied only once a reviewer confirms the pair.
    numbers_agree = models.BooleanField(default=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [models.UniqueConstraint(fields=["claim", "document"], name="claim_match_pair_once")]
        # The dashboard's most repeated claims: links of a period grouped by document, index-only.
        indexes = [models.Index(fields=["created_at", "status", "document"], name="claim_match_period_idx")]

    def __str__(self) -> str:
        return f"claim {self.claim_id} ~ document {self.document_id} ({self.status}, {self.score:.2f})"
