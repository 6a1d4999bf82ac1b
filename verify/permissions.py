"""Role checks for API views (DRF permissions) and template views (a decorator).

Unauthenticated: 401 in the API, a redirect to the login page in the browser. Wrong role: 403.
"""
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from verify.roles import ADMIN, EDITOR, REVIEWER, user_has_role


# What a refusal says, for pages and API alike.
ROLE_NEEDED = {
    REVIEWER: "You need the reviewer role (or higher) for this.",
    EDITOR: "You need the editor role (or higher) for this.",
    ADMIN: "You need the admin role for this.",
}


class _HasRole(BasePermission):
    role: str = REVIEWER
    message = "Your role does not allow this."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and user_has_role(request.user, self.role))


class IsReviewer(_HasRole):
    role = REVIEWER
    message = ROLE_NEEDED[REVIEWER]


class IsEditor(_HasRole):
    role = EDITOR
    message = ROLE_NEEDED[EDITOR]


class IsAdmin(_HasRole):
    role = ADMIN
    message = ROLE_NEEDED[ADMIN]


def role_required(role: str):
    """Decorator for function views: login first, then the role (403 otherwise)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_has_role(request.user, role):
                raise PermissionDenied(ROLE_NEEDED[role])
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
