"""A claim's reviews, sources and history, newest first. Given the `viewer`, a first independent review
by someone else stays out of sight (its verdict, rationale and sources) until the second is given."""
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, QuerySet

from annotations.models import Review, Source
from verify.audit.models import AuditAction, AuditEntry
from annotations.selectors.signoff import review_hidden_id
from annotations.services.versioning import audit_after_blinded, change_summary
from verify.models import Claim


def claim_reviews(*, claim: Claim, viewer: AbstractBaseUser | None = None) -> QuerySet[Review]:
    """The claim's reviews, newest first, with reviewer and sources loaded (constant queries)."""
    reviews = (Review.objects.filter(claim=claim).select_related("reviewer")
               .prefetch_related(Prefetch("sources", queryset=Source.objects.select_related("added_by")))
               .order_by("-created_at", "-id"))
    hidden = review_hidden_id(claim=claim, viewer=viewer) if viewer is not None else None
    return reviews.exclude(pk=hidden) if hidden is not None else reviews


def claim_sources(*, claim: Claim, viewer: AbstractBaseUser | None = None) -> QuerySet[Source]:
    sources = Source.objects.filter(claim=claim).select_related("added_by").order_by("created_at", "id")
    hidden = review_hidden_id(claim=claim, viewer=viewer) if viewer is not None else None
    return sources.exclude(review_id=hidden) if hidden is not None else sources


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


def claim_history(*, claim: Claim, viewer: AbstractBaseUser | None = None) -> list[HistoryEvent]:
    """Everything that happened to the claim, newest first: its audit entries, each verdict change
    joined with its review (rationale, sources). Reviews without an audit entry (e.g. imported) are
    listed too. A few queries whatever the length."""
    entries = list(AuditEntry.objects.filter(claim=claim).select_related("actor").order_by("-created_at", "-id"))
    hidden = review_hidden_id(claim=claim, viewer=viewer) if viewer is not None else None
    reviews = {review.pk: review for review in claim_reviews(claim=claim, viewer=viewer)}
    events: list[HistoryEvent] = []
    for entry in entries:
        after = entry.after or {}
        if hidden is not None and after.get("review_id") == hidden:
            if entry.action == AuditAction.SOURCE_ATTACH:
                continue  # a source of the hidden review would tell its verdict
            after = audit_after_blinded(after)
        review = (reviews.pop(after.get("review_id"), None)
                  if entry.action != AuditAction.SOURCE_ATTACH else None)
        who = entry.actor_name
        events.append(HistoryEvent(
            created_at=entry.created_at, actor=entry.actor, action=entry.action,
            summary=change_summary(who=who, action=entry.action, before=entry.before or {}, after=after),
            before=entry.before or {}, after=after, review=review, entry=entry,
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
