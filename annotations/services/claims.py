"""Desk work on claims: assignment, corrections, dismissal and reopening.

Assignment does not bump the claim's version: who works on a claim does not change what is being
judged, so a review based on the version before a reassignment is still valid.
"""
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from annotations.models import Review
from verify.roles import EDITOR, REVIEWER, user_has_role
from verify.audit.models import AuditAction
from verify.audit.services import audit_record
from annotations.services.reviews import review_record
from annotations.services.versioning import claim_lock, claim_sync
from annotations.signals import claim_text_edited
from verify.models import Claim, ClaimantType, Verdict

CLAIMANT_LIMIT = 300
CLAIM_TEXT_LIMIT = 10_000


def claim_assign(*, claim: Claim, assignee: AbstractBaseUser | None, actor: AbstractBaseUser) -> Claim:
    """Assign the claim to a reviewer (None: unassign). Editors assign anyone.

    Reviewers may only take an unassigned claim for themselves or give back their own (the queue's
    "take this claim" button); moving someone else's work needs an editor.
    """
    if assignee is not None and not user_has_role(assignee, REVIEWER):
        raise ValidationError(
            {"assignee": f"{assignee.get_username()} has no reviewer role, so cannot be assigned claims."})
    with transaction.atomic():
        locked = claim_lock(claim=claim)
        if not user_has_role(actor, EDITOR):
            self_service = user_has_role(actor, REVIEWER) and (
                (assignee is not None and assignee.pk == actor.pk and locked.assigned_to_id in (None, actor.pk))
                or (assignee is None and locked.assigned_to_id == actor.pk)
            )
            if not self_service:
                raise PermissionDenied("Only editors can assign claims to others or take them from others; "
                                       "reviewers can take unassigned claims and release their own.")
        before = {"assigned_to": _username(locked.assigned_to)}
        locked.assigned_to = assignee
        locked.save(update_fields=["assigned_to", "updated_at"])
        audit_record(actor=actor, action=AuditAction.CLAIM_ASSIGN, target=locked, before=before,
                     after={"assigned_to": _username(assignee)})
    claim_sync(target=claim, source=locked, fields=("assigned_to", "updated_at"))
    return locked


def claim_edit(
    *,
    claim: Claim,
    actor: AbstractBaseUser,
    expected_version: int,
    text: str | None = None,
    claimant: str | None = None,
    claimant_type: str | None = None,
) -> Claim:
    """Correct the claim text, claimant and/or claimant type; the extracted originals stay in extracted_*.

    The type (a ClaimantType value, "" for none) describes the claimant: a new claimant without a type
    is left untyped rather than keep a type that described someone else, and no claimant has no type.
    """
    if not user_has_role(actor, REVIEWER):
        raise PermissionDenied("You need the reviewer role (or higher) to edit claims.")
    if expected_version is None:
        raise ValidationError(
            {"version": "Send the claim's version as you read it, so edits never overwrite each other."})
    errors = {}
    if text is not None:
        text = " ".join(str(text).split()) if isinstance(text, str) else text
        if not isinstance(text, str) or not text:
            errors["text"] = "The claim text cannot be empty."
        elif len(text) > CLAIM_TEXT_LIMIT:
            errors["text"] = f"The claim text is {len(text):,} characters; the limit is {CLAIM_TEXT_LIMIT:,}."
    if claimant is not None:
        if not isinstance(claimant, str):
            errors["claimant"] = "The claimant must be text."
        else:
            claimant = claimant.strip()
            if len(claimant) > CLAIMANT_LIMIT:
                errors["claimant"] = f"The claimant is {len(claimant):,} characters; the limit is {CLAIMANT_LIMIT}."
    if claimant_type is not None and claimant_type not in ("", *ClaimantType.values):
        errors["claimant_type"] = (f"Unknown claimant type {claimant_type!r}; use one of "
                                   f"{', '.join(ClaimantType.values)} or leave it blank.")
    if errors:
        raise ValidationError(errors)
    if text is None and claimant is None and claimant_type is None:
        raise ValidationError("Nothing to change: give a new text or claimant.", code="empty")

    with transaction.atomic():
        locked = claim_lock(claim=claim, expected_version=expected_version)
        claimant_type = _claimant_type_after(locked, claimant=claimant, claimant_type=claimant_type)
        changes = {name: value for name, value in (("text", text), ("claimant", claimant),
                                                     ("claimant_type", claimant_type))
                   if value is not None and value != getattr(locked, name)}
        if not changes:
            return locked  # the same values again: nothing changed, no new version
        before = {name: getattr(locked, name) for name in changes} | {"version": locked.version}
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.version += 1
        locked.save(update_fields=[*changes, "version", "updated_at"])
        audit_record(actor=actor, action=AuditAction.CLAIM_EDIT, target=locked, before=before,
                     after={**changes, "version": locked.version})
        if "text" in changes:  # the matching index re-reads it and looks for earlier checks again
            claim_text_edited.send(sender=Claim, claim=locked)
    claim_sync(target=claim, source=locked, fields=("text", "claimant", "claimant_type", "version", "updated_at"))
    return locked


def _claimant_type_after(claim: Claim, *, claimant: str | None, claimant_type: str | None) -> str | None:
    """The type the edit leaves (None: unchanged)."""
    name = claim.claimant if claimant is None else claimant
    if not name:
        return ""  # nobody to describe
    if claimant_type is None and claimant is not None and claimant != claim.claimant:
        return ""  # someone else now: the old type described the old claimant
    return claimant_type


def claim_dismiss(
    *, claim: Claim, actor: AbstractBaseUser, rationale: str = "", expected_version: int | None = None
) -> Review:
    """Mark the claim "not a claim" (a review like any other verdict)."""
    if not user_has_role(actor, REVIEWER):
        raise PermissionDenied("You need the reviewer role (or higher) to dismiss claims.")
    return review_record(claim=claim, actor=actor, verdict=Verdict.NOT_A_CLAIM, rationale=rationale, sources=(),
                         expected_version=expected_version, action=AuditAction.CLAIM_DISMISS)


def claim_reopen(*, claim: Claim, actor: AbstractBaseUser, rationale: str = "") -> Review:
    """Put a judged claim back in the queue: an "unreviewed" review, so history stays append-only."""
    if not user_has_role(actor, EDITOR):
        raise PermissionDenied("You need the editor role (or higher) to reopen claims.")
    return review_record(claim=claim, actor=actor, verdict=Verdict.UNREVIEWED, rationale=rationale, sources=(),
                         expected_version=None, action=AuditAction.CLAIM_REOPEN, precondition=_refuse_if_open)


def _refuse_if_open(claim: Claim) -> None:
    if claim.verdict == Verdict.UNREVIEWED:
        raise ValidationError("This claim is already open (unreviewed); there is nothing to reopen.",
                              code="already_open")


def _username(user: AbstractBaseUser | None) -> str | None:
    return user.get_username() if user is not None else None
