"""API tokens in the admin console: admins see who holds which (by prefix, never the key) and revoke."""
from django.contrib import admin

from annotations.apitokens.models import ApiToken
from verify.admin_roles import request_has_role
from verify.roles import ADMIN


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "created_at", "expires_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "prefix"]
    fields = readonly_fields = ["prefix", "user", "created_at", "expires_at"]

    def has_module_permission(self, request) -> bool:
        return request_has_role(request, ADMIN)

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)  # deleting is revoking
