"""The one writer of the audit trail: every service that changes desk data records who changed what."""
import json
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

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
    actor = _known(actor)
    return AuditEntry.objects.create(
        actor=actor,
        actor_username=actor.get_username() if actor is not None else "",
        action=AuditAction(action),
        claim=claim if claim is not None else (target if isinstance(target, Claim) else None),
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        before=before or {},
        after=after or {},
    )


# Longest text field value kept in a deletion's snapshot (an article's text can be megabytes).
SNAPSHOT_TEXT_LIMIT = 1000


def audit_record_deletion(*, actor: AbstractBaseUser | None, target: models.Model) -> AuditEntry:
    """Record that `target` is being deleted (call before deleting it), with a snapshot of its fields.

    The entry names the object by type and id only: a link to it (e.g. `claim`) would stop the deletion."""
    actor = _known(actor)
    return AuditEntry.objects.create(
        actor=actor,
        actor_username=actor.get_username() if actor is not None else "",
        action=AuditAction.ADMIN_DELETE,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        before=_snapshot(target),
    )


def _known(actor: AbstractBaseUser | None) -> AbstractBaseUser | None:
    return actor if actor is not None and actor.is_authenticated else None


def _snapshot(target: models.Model) -> dict:
    fields = {}
    for field in target._meta.concrete_fields:
        value = getattr(target, field.attname)
        if isinstance(value, str) and len(value) > SNAPSHOT_TEXT_LIMIT:
            value = value[:SNAPSHOT_TEXT_LIMIT] + "…"
        fields[field.attname] = value
    return {"object": str(target)[:300], "fields": json.loads(json.dumps(fields, cls=DjangoJSONEncoder, default=str))}
