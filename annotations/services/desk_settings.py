"""The desk settings editors change in the web UI (stored in one row; blank falls back to the environment)."""
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from annotations.models import DeskSettings, SignoffMode
from verify.audit.models import AuditAction
from verify.audit.services import audit_record
from verify.roles import EDITOR, user_has_role


def desk_settings_update(*, actor: AbstractBaseUser, signoff_mode: str) -> DeskSettings:
    """Set how verdicts become final ("" = VERIFY_SIGNOFF_MODE). Claims under way finish as they began."""
    if not user_has_role(actor, EDITOR):
        raise PermissionDenied("You need the editor role (or higher) to change desk settings.")
    if signoff_mode not in ("", *SignoffMode.values):
        raise ValidationError({"signoff_mode": f"Choose one of {', '.join(SignoffMode.values)}, or leave it "
                                               "blank for the environment's VERIFY_SIGNOFF_MODE."})
    with transaction.atomic():
        row = DeskSettings.objects.select_for_update().order_by("pk").first() or DeskSettings.objects.create()
        before = {"signoff_mode": row.signoff_mode}
        row.signoff_mode = signoff_mode
        row.updated_by = actor
        row.save()
        audit_record(actor=actor, action=AuditAction.DESK_SETTINGS_UPDATE, target=row, before=before,
                     after={"signoff_mode": signoff_mode})
    return row
