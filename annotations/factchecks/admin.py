"""Other fact-checkers' imported work and the feed subscriptions in the admin console: role-gated like
the desk models (editors view, admins delete, each deletion audited); imports and subscriptions are
made on /fact-checks/, the API or the command, so that they are checked and indexed."""
from django.contrib import admin

from annotations.factchecks.models import FactCheckFeed, PublishedFactCheck
from verify.admin_roles import RoleModelAdmin


@admin.register(PublishedFactCheck)
class PublishedFactCheckAdmin(RoleModelAdmin):
    list_display = ["publisher_name", "claim_reviewed", "rating_text", "date_published", "source"]
    list_filter = ["source", "publisher_name"]
    search_fields = ["claim_reviewed", "publisher_name", "review_url"]
    raw_id_fields = ["feed", "imported_by"]


@admin.register(FactCheckFeed)
class FactCheckFeedAdmin(RoleModelAdmin):
    list_display = ["__str__", "url", "enabled", "poll_interval_minutes", "consecutive_failures", "last_success_at",
                    "next_poll_at"]
    list_filter = ["enabled"]
    search_fields = ["url", "title"]
    readonly_fields = ["last_polled_at", "last_success_at", "next_poll_at", "consecutive_failures", "last_error",
                       "last_imported", "last_rejected", "created_by", "created_at"]
