"""Reviewers' work on claims: append-only reviews and their sources."""
from django.conf import settings
from django.db import models

from verify.models import Claim, Verdict


class ReviewStage(models.TextChoices):
    """What a review is on the claim's way to a final verdict (see annotations/services/signoff.py)."""

    REVIEW = "review", "Review"
    FIRST = "first", "First of two independent reviews"
    SECOND = "second", "Second independent review"
    DECISION = "decision", "Editor's decision"


class SignoffMode(models.TextChoices):
    """How a verdict becomes final: the desk setting (VERIFY_SIGNOFF_MODE, or DeskSettings)."""

    SINGLE = "single", "A single review"
    EDITOR_APPROVAL = "editor_approval", "A review approved by an editor"
    DOUBLE = "double", "Two independent reviews (an editor decides disagreements)"


class Review(models.Model):
    """One verdict given to a claim. Never updated: the claim's verdict follows its reviews (a hidden
    first review of two leaves it "unreviewed" until the second)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    verdict = models.CharField(max_length=12, choices=Verdict.choices)
    rationale = models.TextField(blank=True)
    stage = models.CharField(max_length=10, choices=ReviewStage.choices, default=ReviewStage.REVIEW)
    # A second independent review names the first it was compared with (agreement reads these pairs).
    paired_with = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="second_review")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["stage"], name="review_stage_idx")]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} by {self.reviewer} on claim {self.claim_id}"


class DeskSettings(models.Model):
    """Settings editors change in the web UI; one row. A blank value falls back to the environment."""

    signoff_mode = models.CharField(max_length=16, choices=SignoffMode.choices, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "desk settings"

    def __str__(self) -> str:
        return f"Desk settings (sign-off: {self.signoff_mode or 'from the environment'})"


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    REFUTES = "refutes", "Refutes"
    CONTEXT = "context", "Context"


class Source(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="sources")
    review = models.ForeignKey(Review, null=True, blank=True, on_delete=models.SET_NULL, related_name="sources")
    url = models.URLField(max_length=2000)
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    quote = models.TextField(blank=True)
    stance = models.CharField(max_length=8, choices=Stance.choices, default=Stance.CONTEXT)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title or self.url
