"""Bulk work from the queue: one action over many claims, each claim through the same service as alone.

Each claim is its own transaction with its own audit entry, so one refusal (a stale version, a claim
someone else holds, a verdict awaiting sign-off) stops only that claim; the outcome of every claim is
returned for the caller to show.
"""
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from annotations.reports.models import Report
from annotations.reports.services import report_add_claims
from annotations.services.claims import claim_assign, claim_dismiss
from verify.errors import ClaimVersionConflict
from verify.models import MAX_ID, Claim
from verify.roles import EDITOR, REVIEWER, user_has_role


class BulkAction(models.TextChoices):
    ASSIGN = "assign", "Assign"
    DISMISS = "dismiss", "Mark not a claim"
    REPORT_ADD = "report_add", "Add to a report"


@dataclass(frozen=True)
class BulkOutcome:
    claim_id: int
    ok: bool
    code: str = ""  # why not (e.g. "version_conflict", "permission_denied"), or a note ("already_covered")
    detail: str = ""


def claims_bulk_apply(
    *,
    actor: AbstractBaseUser,
    action: str,
    claim_ids: Sequence[int],
    versions: Mapping[int, int] | None = None,
    assignee: AbstractBaseUser | None = None,
    report: Report | None = None,
    rationale: str = "",
) -> list[BulkOutcome]:
    """Apply `action` to each claim in `claim_ids` (duplicates once, in order); `versions` holds the
    version each claim was read at (a verdict based on an older one is refused for that claim)."""
    if not user_has_role(actor, REVIEWER):
        raise PermissionDenied("You need the reviewer role (or higher) for bulk actions.")
    ids = _checked_ids(claim_ids)
    versions = versions or {}
    if action == BulkAction.ASSIGN:
        assignee = assignee or actor  # "Assign to me" names nobody
    elif action == BulkAction.REPORT_ADD:
        if not user_has_role(actor, EDITOR):
            raise PermissionDenied("You need the editor role (or higher) to add claims to a report.")
        if report is None:
            raise ValidationError({"report": "Choose the report to add the claims to."})
    elif action != BulkAction.DISMISS:
        raise ValidationError({"action": f"Unknown action; choose one of {', '.join(BulkAction.values)}."})
    claims = Claim.objects.in_bulk(ids)
    outcomes = []
    for pk in ids:
        claim = claims.get(pk)
        if claim is None:
            outcomes.append(BulkOutcome(claim_id=pk, ok=False, code="not_found", detail="No claim has this id."))
            continue
        outcomes.append(_apply_one(claim=claim, actor=actor, action=action, version=versions.get(pk),
                                   assignee=assignee, report=report, rationale=rationale))
    return outcomes


def _apply_one(*, claim: Claim, actor: AbstractBaseUser, action: str, version: int | None,
               assignee: AbstractBaseUser | None, report: Report | None, rationale: str) -> BulkOutcome:
    try:
        if action == BulkAction.ASSIGN:
            claim_assign(claim=claim, assignee=assignee, actor=actor)
        elif action == BulkAction.DISMISS:
            claim_dismiss(claim=claim, actor=actor, rationale=rationale, expected_version=version)
        elif not report_add_claims(report=report, actor=actor, claim_ids=[claim.pk]):
            return BulkOutcome(claim_id=claim.pk, ok=True, code="already_covered",
                               detail="Already in this report.")
    except ClaimVersionConflict as conflict:
        return BulkOutcome(claim_id=claim.pk, ok=False, code="version_conflict", detail=conflict.message)
    except PermissionDenied as refusal:
        return BulkOutcome(claim_id=claim.pk, ok=False, code="permission_denied", detail=str(refusal))
    except ValidationError as error:
        return BulkOutcome(claim_id=claim.pk, ok=False, code=getattr(error, "code", None) or "invalid",
                           detail=" ".join(error.messages))
    return BulkOutcome(claim_id=claim.pk, ok=True)


def _checked_ids(claim_ids: Sequence[int]) -> list[int]:
    try:
        ids = list(dict.fromkeys(int(pk) for pk in claim_ids))
    except (TypeError, ValueError) as error:
        raise ValidationError({"ids": "Give claim ids as whole numbers."}) from error
    if not ids:
        raise ValidationError({"ids": "Select at least one claim."})
    if any(not 0 < pk <= MAX_ID for pk in ids):
        raise ValidationError({"ids": "Claim ids are positive whole numbers below 2^63."})
    limit = settings.VERIFY_BULK_MAX_CLAIMS
    if len(ids) > limit:
        raise ValidationError({"ids": f"{len(ids)} claims selected; one bulk action takes at most {limit}."})
    return ids
