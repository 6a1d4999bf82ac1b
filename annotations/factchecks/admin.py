from django.contrib import admin

from annotations.factchecks.models import FactCheckFeed, PublishedFactCheck


@admin.register(PublishedFactCheck)
class PublishedFactCheckAdmin(admin.ModelAdmin):
    list_display = ["publisher_name", "claim_reviewed", "rating_text", "date_published", "source"]
    list_filter = ["source", "publisher_name"]
    search_fields = ["claim_reviewed", "publisher_name", "review_url"]
    readonly_fields = ["imported_by", "imported_at", "updated_at", "feed"]


@admin.register(FactCheckFeed)
class FactCheckFeedAdmin(admin.ModelAdmin):
    list_display = ["url", "title", "enabled", "poll_interval_minutes", "last_success_at", "consecutive_failures"]
    readonly_fields = ["last_polled_at", "last_success_at", "consecutive_failures", "last_error", "last_imported",
                       "last_rejected", "created_by", "created_at"]
