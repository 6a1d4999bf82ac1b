"""What ingestion keeps besides the Article: the fetched page, and the feeds with their entries."""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from verify.models import Article


class FetchedPage(models.Model):
    """The page as the fetcher received it (HTML kept verbatim) and what was extracted from it."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="fetched_page")
    requested_url = models.CharField(max_length=2000)
    final_url = models.CharField(max_length=2000, help_text="After redirects.")
    status_code = models.PositiveSmallIntegerField()
    mime_type = models.CharField(max_length=100)
    charset = models.CharField(max_length=40, blank=True)
    html = models.TextField(help_text="The fetched body, decoded.")
    metadata = models.JSONField(default=dict, blank=True)
    # Set when the page turned out to be an article we already had (same canonical URL or text).
    duplicate_of = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    fetched_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.final_url


class Feed(models.Model):
    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    poll_interval_minutes = models.PositiveIntegerField(
        default=60, validators=[MinValueValidator(5), MaxValueValidator(7 * 24 * 60)]
    )
    enabled = models.BooleanField(default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    # Null: poll at the next beat. Failures push it out exponentially (see services.feed_poll).
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    # HTTP validators from the last answer, sent back so an unchanged feed costs a 304.
    etag = models.CharField(max_length=300, blank=True)
    modified = models.CharField(max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "url"]

    def __str__(self) -> str:
        return self.title or self.url


class FeedEntry(models.Model):
    """One item of a feed, recorded once: a later poll that sees it again does nothing."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="entries")
    guid = models.CharField(max_length=1000, help_text="The entry's id/guid, or its link when it has none.")
    link = models.URLField(max_length=2000)
    canonical_url = models.URLField(max_length=2000, blank=True, db_index=True)
    title = models.CharField(max_length=500, blank=True)
    # sha256 of the entry's content/summary as the feed gave it ("" when it had none).
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["feed", "guid"], name="feed_entry_unique_guid_per_feed")]

    def __str__(self) -> str:
        return self.title or self.link
