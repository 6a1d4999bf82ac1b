"""What the dashboard maintains itself: when each claim's verdict first became final.

A claim's final verdict is recorded when `annotations.signals.verdict_finalized` is sent (today by
every review; with sign-off, when it completes), so "time to final verdict" and "claims reviewed
per day" are indexed reads of this table instead of a scan of every review.
"""
from django.db import models

from verify.models import Claim, Verdict


class FinalVerdict(models.Model):
    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, primary_key=True, related_name="final_verdict")
    verdict = models.CharField(max_length=12, choices=Verdict.choices)  # the latest final verdict
    extracted_at = models.DateTimeField()  # the claim's created_at, copied for the time to final verdict
    first_final_at = models.DateTimeField(db_index=True)
    seconds_to_final = models.PositiveIntegerField()  # first_final_at - extracted_at
    final_at = models.DateTimeField()  # the latest time it became final (after a reopening)

    class Meta:
        ordering = ["-first_final_at"]
        indexes = [models.Index(fields=["first_final_at", "seconds_to_final"], name="final_verdict_time_idx")]

    def __str__(self) -> str:
        return f"claim {self.claim_id}: {self.verdict}"
