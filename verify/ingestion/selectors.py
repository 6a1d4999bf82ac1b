"""Reads for the feed pages and API."""
from django.db.models import Count, QuerySet

from verify.ingestion.models import Feed, FeedEntry


def feed_list() -> QuerySet[Feed]:
    return Feed.objects.annotate(entry_count=Count("entries")).order_by("title", "url")


def feed_entries(*, feed: Feed, limit: int = 50) -> QuerySet[FeedEntry]:
    return feed.entries.select_related("article").order_by("-created_at", "-id")[:limit]
