"""Writes the dashboard keeps: one FinalVerdict per claim, maintained as verdicts become final."""
from django.utils import timezone

from annotations.dashboard.models import FinalVerdict
from verify.models import Claim


def final_verdict_record(*, claim: Claim) -> FinalVerdict:
    """The claim's verdict is final now: record when it first was, and the latest verdict."""
    now = timezone.now()
    record, created = FinalVerdict.objects.get_or_create(
        claim_id=claim.pk,
        defaults={"verdict": claim.verdict, "extracted_at": claim.created_at, "first_final_at": now, "final_at": now,
                  "seconds_to_final": max(int((now - claim.created_at).total_seconds()), 0)},
    )
    if not created:
        record.verdict, record.final_at = claim.verdict, now
        record.save(update_fields=["verdict", "final_at"])
    return record
