"""How a verdict becomes final: the sign-off state machine, and the one writer of `Claim.signoff`.

Modes (the desk setting, annotations.selectors.signoff.signoff_mode):
- single: a review is final at once (the behaviour before sign-off existed);
- editor_approval: a review waits for an editor, who approves it (final) or sends it back (open);
- double: the first review is hidden (the claim stays "unreviewed") until a different reviewer gives
  a second; if both agree the verdict is final, otherwise the claim waits for an editor's decision.

A claim already under way finishes the way it started (a second review is a second review whatever
the mode now is). In the approval and double modes a final verdict is changed only by reopening.
"""
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError

from annotations.models import Review, ReviewStage, SignoffMode
from annotations.selectors.signoff import review_pending_first, signoff_mode
from annotations.signals import verdict_finalized
from verify.audit.models import AuditAction
from verify.models import Claim, SignoffState, Verdict


@dataclass(frozen=True)
class SignoffStep:
    """What one review does: its stage, the verdict the claim then shows, and the claim's new state."""

    stage: ReviewStage
    shown_verdict: str
    state: SignoffState
    paired_with: Review | None = None


def signoff_plan(*, claim: Claim, actor: AbstractBaseUser, verdict: str, action: AuditAction) -> SignoffStep:
    """The step a review with `verdict` takes on the locked `claim`, or a ValidationError saying why not."""
    if verdict == Verdict.UNREVIEWED:  # reopened or sent back: open again, whatever the mode
        return SignoffStep(stage=ReviewStage.REVIEW, shown_verdict=verdict, state=SignoffState.OPEN)
    if action == AuditAction.CLAIM_DECIDE:
        return SignoffStep(stage=ReviewStage.DECISION, shown_verdict=verdict, state=SignoffState.FINAL)
    if claim.signoff == SignoffState.DISAGREEMENT:
        raise ValidationError("The two independent reviews of this claim disagree; an editor decides it.",
                              code="awaiting_decision")
    if claim.signoff == SignoffState.AWAITING_SECOND:
        first = review_pending_first(claim=claim)
        if first is not None:
            return _second_review(first=first, actor=actor, verdict=verdict)
    mode = signoff_mode()
    if claim.signoff == SignoffState.FINAL and mode != SignoffMode.SINGLE:
        raise ValidationError("This verdict is final; an editor reopens the claim to review it again.",
                              code="final")
    if mode == SignoffMode.EDITOR_APPROVAL:
        return SignoffStep(stage=ReviewStage.REVIEW, shown_verdict=verdict, state=SignoffState.AWAITING_APPROVAL)
    if mode == SignoffMode.DOUBLE:
        return SignoffStep(stage=ReviewStage.FIRST, shown_verdict=Verdict.UNREVIEWED,
                           state=SignoffState.AWAITING_SECOND)
    return SignoffStep(stage=ReviewStage.REVIEW, shown_verdict=verdict, state=SignoffState.FINAL)


def _second_review(*, first: Review, actor: AbstractBaseUser, verdict: str) -> SignoffStep:
    if first.reviewer_id == actor.pk:
        raise ValidationError("You gave the first of the two independent reviews; a different reviewer "
                              "gives the second.", code="same_reviewer")
    if first.verdict == verdict:
        return SignoffStep(stage=ReviewStage.SECOND, shown_verdict=verdict, state=SignoffState.FINAL,
                           paired_with=first)
    return SignoffStep(stage=ReviewStage.SECOND, shown_verdict=Verdict.UNREVIEWED,
                       state=SignoffState.DISAGREEMENT, paired_with=first)


def signoff_transition(*, claim: Claim, state: SignoffState, fields: tuple[str, ...] = ()) -> None:
    """Move the locked claim to `state` and save it with the caller's other changed `fields`, inside
    the caller's transaction. The one writer of Claim.signoff, so the one place a verdict becomes
    final and the one sender of verdict_finalized."""
    claim.signoff = state
    claim.save(update_fields=[*fields, "signoff", "updated_at"])
    if state == SignoffState.FINAL:
        verdict_finalized.send(sender=Claim, claim=claim)
