"""The three desk roles. Each user is in one group; the groups are created by a migration."""
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

REVIEWER = "reviewer"
EDITOR = "editor"
ADMIN = "admin"
ROLES = (REVIEWER, EDITOR, ADMIN)
# A role includes the powers of the ones before it.
ROLE_RANK = {REVIEWER: 1, EDITOR: 2, ADMIN: 3}
_CACHE_ATTRIBUTE = "_verity_role"


def user_role(user: AbstractBaseUser | AnonymousUser) -> str | None:
    """The user's highest role, or None for anonymous users and users with no role."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return ADMIN
    # Remembered on the user object, which lives for one request: permission checks, templates and
    # services ask several times per request, and each ask would otherwise be a query.
    if not hasattr(user, _CACHE_ATTRIBUTE):
        names = {group.name for group in user.groups.all()}
        setattr(user, _CACHE_ATTRIBUTE, next((role for role in reversed(ROLES) if role in names), None))
    return getattr(user, _CACHE_ATTRIBUTE)


def user_role_remember(user: AbstractBaseUser, group_role: str | None) -> None:
    """Remember a role read along with the user (the API's token query reads it in the same row)."""
    if not user.is_superuser:
        setattr(user, _CACHE_ATTRIBUTE, group_role)


def user_role_forget(user: AbstractBaseUser) -> None:
    """Drop the remembered role after the user's groups changed."""
    user.__dict__.pop(_CACHE_ATTRIBUTE, None)


def user_has_role(user: AbstractBaseUser | AnonymousUser, role: str) -> bool:
    """True when the user holds `role` or a higher one."""
    held = user_role(user)
    return held is not None and ROLE_RANK[held] >= ROLE_RANK[role]
