"""A claim's reviews, sources and history, newest first."""
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, QuerySet

from annotations.models import Review, Source
from verify.audit.models import AuditAction, AuditEntry
from annotations.services.versioning import change_summary
from verify.models import Claim


def claim_reviews(*, claim: Claim) -> QuerySet[Review]:
    """The claim's reviews, newest first, with reviewer and sources loaded (constant queries)."""
    return (Review.objects.filter(claim=claim).select_related("reviewer")
            .prefetch_related(Prefetch("sources", queryset=Source.objects.select_related("added_by")))
            .order_by("-created_at", "-id"))


def claim_sources(*, claim: Claim) -> QuerySet[Source]:
    return Source.objects.filter(claim=claim).select_related("added_by").order_by("created_at", "id")


@dataclass(frozen=True)
class HistoryEvent:
    """One line of a claim's history. `review` is set for verdict changes (with its sources loaded)."""

    created_at: datetime
    actor: AbstractBaseUser | None
    action: str  # an AuditAction value, e.g. AuditAction.REVIEW_SUBMIT
    summary: str  # e.g. "rita set the verdict to disputed"
    before: dict
    after: dict
    review: Review | None = None
    entry: AuditEntry | None = None

    @property
    def kind(self) -> str:
        return "review" if self.review is not None else "audit"


def claim_history(*, claim: Claim) -> list[HistoryEvent]:
    """Everything that happened to the claim, newest first: its audit entries, each verdict change
    joined with its review (rationale, sources). Reviews without an audit entry (e.g. imported) are
    listed too. Three queries whatever the length."""
    entries = list(AuditEntry.objects.filter(claim=claim).select_related("actor").order_by("-created_at", "-id"))
    reviews = {review.pk: review for review in claim_reviews(claim=claim)}
    events: list[HistoryEvent] = []
    for entry in entries:
        review = (reviews.pop((entry.after or {}).get("review_id"), None)
                  if entry.action != AuditAction.SOURCE_ATTACH else None)
        who = entry.actor_name
        events.append(HistoryEvent(
            created_at=entry.created_at, actor=entry.actor, action=entry.action,
            summary=change_summary(who=who, action=entry.action, before=entry.before or {}, after=entry.after or {}),
            before=entry.before or {}, after=entry.after or {}, review=review, entry=entry,
        ))
    for review in reviews.values():
        who = review.reviewer.get_username()
        events.append(HistoryEvent(
            created_at=review.created_at, actor=review.reviewer, action=AuditAction.REVIEW_SUBMIT,
            summary=change_summary(who=who, action=AuditAction.REVIEW_SUBMIT, before={},
                                   after={"verdict": review.verdict}),
            before={}, after={"verdict": review.verdict}, review=review,
        ))
    events.sort(key=lambda event: event.created_at, reverse=True)
    return events
