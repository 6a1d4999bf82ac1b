"""Admin console for reviews, sources and the audit trail: all read-only (writes go through services)."""
from django.contrib import admin

from annotations.admin_roles import ReadOnlyModelAdmin, RoleModelAdmin
from annotations.models import AuditEntry, Review, Source


@admin.register(Review)
class ReviewAdmin(ReadOnlyModelAdmin):
    list_display = ["id", "claim", "verdict", "reviewer", "created_at"]
    list_filter = ["verdict", "created_at"]
    search_fields = ["rationale", "claim__text", "reviewer__username"]
    list_select_related = ["claim", "reviewer"]
    date_hierarchy = "created_at"
    readonly_fields = ["claim", "reviewer", "verdict", "rationale", "created_at"]
    raw_id_fields = ["claim"]


@admin.register(Source)
class SourceAdmin(RoleModelAdmin):
    list_display = ["id", "title", "url", "publisher", "stance", "claim", "added_by", "created_at"]
    list_filter = ["stance", "created_at"]
    search_fields = ["url", "title", "publisher", "quote", "claim__text"]
    list_select_related = ["claim", "added_by"]
    readonly_fields = ["claim", "review", "url", "title", "publisher", "quote", "stance", "added_by", "created_at"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyModelAdmin):
    """The audit trail: no add, change or delete for anyone, superusers included."""

    list_display = ["created_at", "actor", "action", "target_type", "target_id", "claim"]
    list_filter = ["action", "target_type", "created_at"]
    search_fields = ["action", "target_id", "actor__username"]
    list_select_related = ["actor", "claim"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "actor", "action", "target_type", "target_id", "claim", "before", "after"]

    def get_actions(self, request):
        return {}  # not even "delete selected"
