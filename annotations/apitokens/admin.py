"""API tokens in the admin console: admins see who holds which (by prefix, never the key) and revoke
them (a deletion, audited like every deletion in the console)."""
from django.contrib import admin

from annotations.apitokens.models import ApiToken
from verify.admin_roles import RoleModelAdmin, request_has_role
from verify.roles import ADMIN


@admin.register(ApiToken)
class ApiTokenAdmin(RoleModelAdmin):
    list_display = ["prefix", "user", "created_at", "expires_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "prefix"]
    fields = readonly_fields = ["prefix", "user", "created_at", "expires_at"]

    def has_module_permission(self, request) -> bool:
        return request_has_role(request, ADMIN)

