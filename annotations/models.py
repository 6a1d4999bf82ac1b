"""Reviewers' work on claims: append-only reviews and their sources."""
from django.conf import settings
from django.db import models

from verify.models import Claim, Verdict


class Review(models.Model):
    """One verdict given to a claim. Never updated: the claim's verdict is its latest review."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    verdict = models.CharField(max_length=12, choices=Verdict.choices)
    rationale = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} by {self.reviewer} on claim {self.claim_id}"


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
