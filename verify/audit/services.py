"""The one writer of the audit trail: every service that changes desk data records who changed what."""
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from verify.audit.models import AuditAction, AuditEntry
from verify.models import Claim


def audit_record(
    *,
    actor: AbstractBaseUser | None,
    action: AuditAction,
    target: Any,
    before: dict | None = None,
    after: dict | None = None,
    claim: Claim | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=AuditAction(action),
        claim=claim if claim is not None else (target if isinstance(target, Claim) else None),
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        before=before or {},
        after=after or {},
    )
