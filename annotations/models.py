"""Reviewers' work on claims: append-only reviews, sources, and the audit trail."""
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


class AuditEntry(models.Model):
    """Who did what to which object, with the state before and after. Written only by services."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=64, db_index=True)
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries")
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.action} {self.target_type}:{self.target_id} by {self.actor}"
