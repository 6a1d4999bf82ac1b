"""Feeds, their entries and fetched pages in the admin console: role-gated like the desk models
(editors view, admins delete, each deletion audited); nothing is added or edited here: feeds are
registered and changed on the feed pages (/feeds/)."""
from django.contrib import admin

from verify.admin_roles import RoleModelAdmin
from verify.ingestion.models import Feed, FeedEntry, FetchedPage


@admin.register(Feed)
class FeedAdmin(RoleModelAdmin):
    list_display = ["__str__", "url", "enabled", "poll_interval_minutes", "consecutive_failures", "last_polled_at",
                    "next_poll_at"]
    list_filter = ["enabled"]
    search_fields = ["url", "title"]
    readonly_fields = ["last_polled_at", "last_success_at", "next_poll_at", "consecutive_failures", "last_error",
                       "last_error_at", "etag", "modified", "created_by", "created_at", "updated_at"]


@admin.register(FeedEntry)
class FeedEntryAdmin(RoleModelAdmin):
    list_display = ["__str__", "feed", "article", "created_at"]
    list_select_related = ["feed", "article"]
    search_fields = ["link", "title", "guid"]
    raw_id_fields = ["feed", "article"]


@admin.register(FetchedPage)
class FetchedPageAdmin(RoleModelAdmin):
    list_display = ["final_url", "article", "status_code", "mime_type", "duplicate_of", "fetched_at"]
    list_select_related = ["article", "duplicate_of"]
    search_fields = ["final_url", "requested_url"]
    raw_id_fields = ["article", "duplicate_of"]
    readonly_fields = ["fetched_at"]
