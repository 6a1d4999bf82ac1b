"""The audit trail in the admin console: read-only for everyone, superusers included."""
from django.contrib import admin

from verify.admin_roles import ReadOnlyModelAdmin
from verify.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyModelAdmin):
    """The audit trail: no add, change or delete for anyone, superusers included."""

    list_display = ["created_at", "actor_username", "action", "target_type", "target_id", "claim"]
    list_filter = ["action", "target_type", "created_at"]
    search_fields = ["action", "target_id", "actor_username"]
    list_select_related = ["claim"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "actor_username", "actor", "action", "target_type", "target_id", "claim",
                       "before", "after"]

    def get_actions(self, request):
        return {}  # not even "delete selected"
