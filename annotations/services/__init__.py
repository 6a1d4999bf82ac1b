"""Writes for claims, reviews, sources and users (one module per concept)."""
from annotations.services.claims import claim_assign, claim_dismiss, claim_edit, claim_reopen
from annotations.services.reviews import review_submit
from annotations.services.sources import source_attach
from annotations.services.users import user_create_with_role

__all__ = [
    "claim_assign",
    "claim_dismiss",
    "claim_edit",
    "claim_reopen",
    "review_submit",
    "source_attach",
    "user_create_with_role",
]
