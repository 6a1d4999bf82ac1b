"""Writes for reviews, sources, users and the audit trail (one module per concept)."""
from annotations.services.audit import audit_record
from annotations.services.users import user_create_with_role

__all__ = ["audit_record", "user_create_with_role"]
