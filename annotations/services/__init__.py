"""Writes for claims, reviews, sources and users (one module per concept)."""
from annotations.services.bulk import BulkAction, BulkOutcome, claims_bulk_apply
from annotations.services.claims import claim_assign, claim_dismiss, claim_edit, claim_reopen
from annotations.services.desk_settings import desk_settings_update
from annotations.services.reviews import review_submit
from annotations.services.signoff_actions import claim_approve, claim_decide, claim_send_back
from annotations.services.sources import source_attach
from annotations.services.users import user_create_with_role

__all__ = [
    "BulkAction",
    "BulkOutcome",
    "claims_bulk_apply",
    "claim_approve",
    "claim_assign",
    "claim_decide",
    "claim_dismiss",
    "claim_edit",
    "claim_reopen",
    "claim_send_back",
    "desk_settings_update",
    "review_submit",
    "source_attach",
    "user_create_with_role",
]
