"""What editors do to a verdict on its way to final: approve it, send it back, decide a disagreement."""
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from annotations.models import Review
from annotations.services.reviews import review_record
from annotations.services.signoff import signoff_transition
from annotations.services.versioning import claim_lock, claim_sync
from verify.audit.models import AuditAction
from verify.audit.services import audit_record
from verify.models import SUBMITTABLE_VERDICTS, Claim, SignoffState, Verdict
from verify.roles import EDITOR, user_has_role


def claim_approve(*, claim: Claim, actor: AbstractBaseUser, expected_version: int | None = None) -> Claim:
    """An editor approves the verdict awaiting approval: it becomes final. A second person signs off,
    so an editor does not approve their own review. The version stays (the verdict did not change)."""
    _require_editor(actor, "approve verdicts")
    with transaction.atomic():
        locked = claim_lock(claim=claim, expected_version=expected_version)
        _require_state(locked, SignoffState.AWAITING_APPROVAL, "is not waiting for an approval")
        latest = Review.objects.filter(claim=locked).order_by("-created_at", "-id").first()
        if latest is not None and latest.reviewer_id == actor.pk:
            raise ValidationError("You gave this verdict; another editor approves it.", code="own_review")
        audit_record(actor=actor, action=AuditAction.CLAIM_APPROVE, target=locked,
                     before={"signoff": locked.signoff},
                     after={"signoff": SignoffState.FINAL, "verdict": locked.verdict, "version": locked.version})
        signoff_transition(claim=locked, state=SignoffState.FINAL)
    claim_sync(target=claim, source=locked, fields=("signoff", "updated_at"))
    return locked


def claim_send_back(*, claim: Claim, actor: AbstractBaseUser, rationale: str = "",
                    expected_version: int | None = None) -> Review:
    """An editor sends a verdict awaiting approval back: the claim is open again (an "unreviewed"
    review, like reopening, so the history keeps both)."""
    _require_editor(actor, "send verdicts back")
    return review_record(claim=claim, actor=actor, verdict=Verdict.UNREVIEWED, rationale=rationale, sources=(),
                         expected_version=expected_version, action=AuditAction.CLAIM_SEND_BACK,
                         precondition=lambda locked: _require_state(
                             locked, SignoffState.AWAITING_APPROVAL, "is not waiting for an approval"))


def claim_decide(*, claim: Claim, actor: AbstractBaseUser, verdict: str, rationale: str = "",
                 expected_version: int | None = None) -> Review:
    """An editor decides between two independent reviews that disagree: the decision is final."""
    _require_editor(actor, "decide disagreements")
    if verdict not in SUBMITTABLE_VERDICTS:
        raise ValidationError({"verdict": f"Choose one of {', '.join(SUBMITTABLE_VERDICTS)}."})
    return review_record(claim=claim, actor=actor, verdict=verdict, rationale=rationale, sources=(),
                         expected_version=expected_version, action=AuditAction.CLAIM_DECIDE,
                         precondition=lambda locked: _require_state(
                             locked, SignoffState.DISAGREEMENT, "has no disagreement to decide"))


def _require_editor(actor: AbstractBaseUser, what: str) -> None:
    if not user_has_role(actor, EDITOR):
        raise PermissionDenied(f"You need the editor role (or higher) to {what}.")


def _require_state(claim: Claim, state: SignoffState, refusal: str) -> None:
    if claim.signoff != state:
        raise ValidationError(f"This claim {refusal} (it is {SignoffState(claim.signoff).label.lower()}).",
                              code="wrong_signoff_state")
