"""Verdicts. Reviews are append-only: the claim's verdict is its latest review.

Once a claim's verdict is published in a report, only its own reviewer or an editor may change it:
a reviewer overriding a colleague's published verdict is refused (as reopening is editor-only).
"""
from collections.abc import Callable, Mapping, Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from annotations.models import Review
from annotations.reports.models import ReportItem
from annotations.signals import claim_reviewed
from verify.roles import EDITOR, REVIEWER, user_has_role
from verify.audit.models import AuditAction
from verify.audit.services import audit_record
from annotations.services.signoff import signoff_plan, signoff_transition
from annotations.services.sources import _source_create, source_clean
from annotations.services.versioning import claim_lock, claim_sync
from verify.models import SUBMITTABLE_VERDICTS, Claim, Verdict

RATIONALE_LIMIT = 10_000
# A review carries at most this many sources; more are attached one by one.
SOURCES_PER_REVIEW_LIMIT = 50


def review_submit(
    *,
    claim: Claim,
    reviewer: AbstractBaseUser,
    verdict: str,
    rationale: str = "",
    sources: Sequence[Mapping] = (),
    expected_version: int | None = None,
) -> Review:
    """Give the claim a verdict (with its sources), refusing a stale `expected_version`."""
    if not user_has_role(reviewer, REVIEWER):
        raise PermissionDenied("You need the reviewer role (or higher) to review claims.")
    if verdict not in SUBMITTABLE_VERDICTS:
        raise ValidationError(
            {"verdict": f"“{str(verdict)[:50]}” is not a verdict; choose one of {', '.join(SUBMITTABLE_VERDICTS)}."}
        )
    return review_record(claim=claim, actor=reviewer, verdict=verdict, rationale=rationale, sources=sources,
                         expected_version=expected_version, action=AuditAction.REVIEW_SUBMIT)


def review_record(
    *,
    claim: Claim,
    actor: AbstractBaseUser,
    verdict: str,
    rationale: str,
    sources: Sequence[Mapping],
    expected_version: int | None,
    action: AuditAction,
    precondition: Callable[[Claim], None] | None = None,
) -> Review:
    """The one write path for every verdict change (submit, dismiss, reopen, sign-off); role checked
    by callers. The sign-off mode decides what the review does (annotations/services/signoff.py):
    the first of two independent reviews is recorded while the claim still shows "unreviewed".

    `precondition` sees the locked claim and may raise ValidationError (e.g. "already open").
    """
    rationale = _rationale_clean(rationale)
    if isinstance(sources, (str, bytes, Mapping)) or not isinstance(sources, Sequence):
        raise ValidationError(
            {"sources": "Sources must be a list of objects with url, title, publisher, quote, stance."})
    if len(sources) > SOURCES_PER_REVIEW_LIMIT:
        raise ValidationError({"sources": f"A review can carry at most {SOURCES_PER_REVIEW_LIMIT} sources."})
    cleaned_sources = []
    for position, data in enumerate(sources, start=1):
        if not isinstance(data, Mapping):
            raise ValidationError({"sources": f"Source {position} must be an object with a url."})
        try:
            cleaned_sources.append(source_clean(data=data))
        except ValidationError as error:
            messages = [f"Source {position}: {message}" for message in error.messages]
            raise ValidationError({"sources": messages}) from error

    with transaction.atomic():
        locked = claim_lock(claim=claim, expected_version=expected_version)
        _refuse_override_of_published(claim=locked, actor=actor)
        if precondition is not None:
            precondition(locked)
        step = signoff_plan(claim=locked, actor=actor, verdict=verdict, action=action)
        before = {"verdict": locked.verdict, "version": locked.version, "signoff": locked.signoff}
        review = Review.objects.create(claim=locked, reviewer=actor, verdict=verdict, rationale=rationale,
                                       stage=step.stage, paired_with=step.paired_with)
        for fields in cleaned_sources:
            _source_create(claim=locked, user=actor, review=review, fields=fields)
        locked.verdict = step.shown_verdict
        locked.version += 1
        audit_record(
            actor=actor, action=action, target=locked,
            before=before,
            after={"verdict": verdict, "version": locked.version, "review_id": review.pk,
                   "rationale": rationale, "sources": len(cleaned_sources), "signoff": step.state,
                   "stage": step.stage},
        )
        signoff_transition(claim=locked, state=step.state, fields=("verdict", "version"))
        if verdict in SUBMITTABLE_VERDICTS:  # reopening ("unreviewed") gives no verdict
            claim_reviewed.send(sender=Review, review=review)
    claim_sync(target=claim, source=locked, fields=("verdict", "version", "signoff", "updated_at"))
    return review


def _refuse_override_of_published(*, claim: Claim, actor: AbstractBaseUser) -> None:
    """A reviewer may not change a colleague's verdict once a report has published it."""
    if user_has_role(actor, EDITOR) or claim.verdict == Verdict.UNREVIEWED:
        return
    if not ReportItem.objects.filter(claim_id=claim.pk).exists():
        return
    latest_reviewer = (Review.objects.filter(claim=claim).order_by("-created_at", "-id")
                       .values_list("reviewer_id", flat=True).first())
    if latest_reviewer != actor.pk:
        raise PermissionDenied("This claim's verdict is published in a report, so only an editor can change "
                               "a colleague's verdict on it; ask an editor to review or reopen it.")


def _rationale_clean(rationale) -> str:
    if rationale is None:
        return ""
    if not isinstance(rationale, str):
        raise ValidationError({"rationale": "The rationale must be text."})
    rationale = rationale.strip()
    if len(rationale) > RATIONALE_LIMIT:
        raise ValidationError(
            {"rationale": f"The rationale is {len(rationale):,} characters; the limit is {RATIONALE_LIMIT:,}."})
    return rationale
