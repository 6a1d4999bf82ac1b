"""Optimistic concurrency for claims: lock the row, compare versions, explain a conflict.

Every write that changes what a reviewer judges (verdict, text, claimant and its type) bumps `Claim.version` and
records the new version in its audit entry's `after`, so a conflict can list exactly what changed.
"""
from collections.abc import Callable

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction

from annotations.models import ReviewStage
from verify.errors import ClaimVersionConflict
from verify.audit.models import AuditAction, AuditEntry
from verify.models import Claim, ClaimantType, SignoffState, Verdict

_QUOTE_LIMIT = 80


def claim_lock(*, claim: Claim, expected_version: int | None = None) -> Claim:
    """The claim re-read under a row lock (call inside a transaction); refuses a stale version."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("claim_lock must run inside transaction.atomic()")
    try:
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
    except ObjectDoesNotExist as exc:
        raise ValidationError("This claim no longer exists.", code="gone") from exc
    if expected_version is not None and expected_version != locked.version:
        raise ClaimVersionConflict(
            claim=locked,
            expected_version=expected_version,
            current_version=locked.version,
            changes=claim_changes_since(claim=locked, version=expected_version),
        )
    return locked


def claim_changes_since(*, claim: Claim, version: int) -> list[dict]:
    """The audited changes that moved the claim past `version`, oldest first. While the claim waits for
    a second independent review, the first one's verdict and rationale are left out."""
    entries = AuditEntry.objects.filter(claim=claim).order_by("created_at", "id")
    blind = claim.signoff == SignoffState.AWAITING_SECOND
    changes = []
    for entry in entries:
        entry_version = (entry.after or {}).get("version")
        if not isinstance(entry_version, int) or entry_version <= version:
            continue
        who = entry.actor_name
        after = audit_after_blinded(entry.after) if blind else entry.after
        changes.append({
            "who": who,
            "action": entry.action,
            "before": entry.before,
            "after": after,
            "when": entry.created_at,
            "summary": change_summary(who=who, action=entry.action, before=entry.before, after=after),
        })
    return changes


def audit_after_blinded(after: dict | None) -> dict:
    """An audit entry's `after` without the verdict and rationale of a first independent review."""
    after = after or {}
    if after.get("stage") != ReviewStage.FIRST:
        return after
    return {key: value for key, value in after.items() if key not in ("verdict", "rationale")}


def change_summary(*, who: str, action: AuditAction | str, before: dict, after: dict) -> str:
    """One line a reviewer understands, e.g. "rita set the verdict to disputed"."""
    summarize = _SUMMARIES.get(action)
    return summarize(who, after) if summarize is not None else f"{who} did {action}"


def _summary_edit(who: str, after: dict) -> str:
    parts = []
    if "text" in after:
        parts.append(f"changed the text to “{_shorten(after['text'])}”")
    if "claimant" in after:
        parts.append(f"changed the claimant to “{_shorten(after['claimant'])}”")
    if "claimant_type" in after:
        parts.append(f"set the claimant type to {_claimant_type_label(after['claimant_type'])}")
    return f"{who} {' and '.join(parts) or 'edited it'}"


def _summary_review(who: str, after: dict) -> str:
    if after.get("stage") == ReviewStage.FIRST:
        return f"{who} gave the first of two independent reviews"
    if after.get("stage") == ReviewStage.SECOND:
        return f"{who} gave the second independent review: {_verdict_label(after.get('verdict'))}"
    return f"{who} set the verdict to {_verdict_label(after.get('verdict'))}"


def _summary_assign(who: str, after: dict) -> str:
    assignee = after.get("assigned_to")
    return f"{who} assigned it to {assignee}" if assignee else f"{who} unassigned it"


# How each action reads in a claim's history; any other action reads "<who> did <action>".
_SUMMARIES: dict[AuditAction, Callable[[str, dict], str]] = {
    AuditAction.REVIEW_SUBMIT: lambda who, after: _summary_review(who, after),
    AuditAction.CLAIM_DISMISS: lambda who, after: f"{who} marked it not a claim",
    AuditAction.CLAIM_REOPEN: lambda who, after: f"{who} reopened it (verdict back to unreviewed)",
    AuditAction.CLAIM_APPROVE: lambda who, after: f"{who} approved the verdict {_verdict_label(after.get('verdict'))}",
    AuditAction.CLAIM_SEND_BACK: lambda who, after: f"{who} sent the verdict back for another review",
    AuditAction.CLAIM_DECIDE:
        lambda who, after: f"{who} decided the disagreement: {_verdict_label(after.get('verdict'))}",
    AuditAction.CLAIM_EDIT: _summary_edit,
    AuditAction.CLAIM_ASSIGN: _summary_assign,
    AuditAction.SOURCE_ATTACH:
        lambda who, after: f"{who} attached a source: {_shorten(after.get('title') or after.get('url') or '')}",
}


def _verdict_label(value) -> str:
    try:
        return Verdict(value).label.lower()
    except ValueError:
        return str(value)


def _claimant_type_label(value) -> str:
    try:
        return ClaimantType(value).label.lower()
    except ValueError:
        return "none"


def _shorten(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1] + "…"


def claim_sync(*, target: Claim, source: Claim, fields: tuple[str, ...]) -> None:
    """Copy the saved state onto the caller's instance so it does not go on with a stale version."""
    if target is source:
        return
    for name in fields:
        setattr(target, name, getattr(source, name))
