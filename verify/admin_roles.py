"""Admin-console access by desk role instead of per-model Django permissions.

The role groups carry no model permissions, so the console asks verify.roles: editors (staff)
see and work the desk models; only admins delete, and every deletion is in the audit trail;
writes go through actions that call services. Reviewers are not staff and never get past the
console's login.
"""
from django.contrib import admin
from django.db import transaction

from verify.audit.services import audit_record_deletion
from verify.roles import ADMIN, EDITOR, user_has_role


def request_has_role(request, role: str) -> bool:
    """user_has_role, remembered for the request: the admin asks many times per page."""
    cache = request.__dict__.setdefault("_desk_roles", {})
    if role not in cache:
        user = request.user
        cache[role] = bool(user.is_active and user.is_staff and user_has_role(user, role))
    return cache[role]


class RoleModelAdmin(admin.ModelAdmin):
    """Editors view and run actions; nothing is added or edited by hand; admins may delete."""

    def has_module_permission(self, request) -> bool:
        return request_has_role(request, EDITOR)

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return request_has_role(request, ADMIN)

    def has_editor_permission(self, request) -> bool:
        """For `@admin.action(permissions=["editor"])`."""
        return self.has_module_permission(request)

    def delete_model(self, request, obj) -> None:
        with transaction.atomic():
            audit_record_deletion(actor=request.user, target=obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        with transaction.atomic():
            for obj in queryset:
                audit_record_deletion(actor=request.user, target=obj)
            super().delete_queryset(request, queryset)


class ReadOnlyModelAdmin(RoleModelAdmin):
    """Append-only records (reviews, the audit trail): nobody changes or deletes them, not even admins."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request_has_role(request, EDITOR)
