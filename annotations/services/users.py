"""Desk users and their roles."""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from verify.roles import ADMIN, EDITOR, ROLES, user_role_forget
from verify.audit.models import AuditAction
from verify.audit.services import audit_record


def user_create_with_role(
    *, username: str, password: str, role: str, email: str = "", validate: bool = True
) -> tuple[AbstractUser, bool]:
    """Create the user, or update its password and role; the role decides admin-console access."""
    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.")
    User = get_user_model()
    with transaction.atomic():
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        if validate:
            validate_password(password, user)
        user.set_password(password)
        user.is_staff = role in (EDITOR, ADMIN)
        user.is_superuser = role == ADMIN
        if email:
            user.email = email
        user.save()
        user.groups.set([Group.objects.get_or_create(name=role)[0]])
        user_role_forget(user)
        audit_record(actor=None, action=AuditAction.USER_ROLE_SET, target=user,
                     after={"username": username, "role": role})
    return user, created
