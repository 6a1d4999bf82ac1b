"""Other fact-checkers' published work, imported from schema.org ClaimReview data.

A `PublishedFactCheck` is one ClaimReview as its publisher wrote it: it joins the "checked before?"
corpus (a MatchDocument of kind FACT_CHECK) and shows in matches as "checked by <publisher>", never
as the desk's own verdict. One row per review URL: importing the same review again updates it.
`FactCheckFeed` is a subscription to a URL serving ClaimReview JSON, polled on its own interval.
"""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class ImportSource(models.TextChoices):
    UPLOAD = "upload", "File upload"
    API = "api", "API request"
    URL = "url", "Fetched URL"
    FEED = "feed", "Feed subscription"
    COMMAND = "command", "Management command"


class PublishedFactCheck(models.Model):
    review_url = models.URLField(max_length=2000, unique=True, help_text="The fact-check's own page.")
    publisher_name = models.CharField(max_length=300)
    publisher_url = models.URLField(max_length=2000, blank=True)
    claim_reviewed = models.TextField()
    claimant = models.CharField(max_length=300, blank=True)
    # The publisher's rating: its words (alternateName) and, when given, its numeric scale.
    rating_text = models.CharField(max_length=300, blank=True)
    rating_value = models.FloatField(null=True, blank=True)
    rating_best = models.FloatField(null=True, blank=True)
    rating_worst = models.FloatField(null=True, blank=True)
    title = models.CharField(max_length=500, blank=True)
    date_published = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=35, blank=True)
    source = models.CharField(max_length=10, choices=ImportSource.choices)
    # Where the data came from: the URL fetched, the uploaded file's name, or the feed's URL.
    source_detail = models.CharField(max_length=2000, blank=True)
    feed = models.ForeignKey("FactCheckFeed", null=True, blank=True, on_delete=models.SET_NULL, related_name="items")
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date_published", "-id"]

    def __str__(self) -> str:
        return f"{self.publisher_name}: {self.claim_reviewed[:60]}"


class FactCheckFeed(models.Model):
    """A URL serving ClaimReview JSON (a DataFeed, a list, the Fact Check Tools format), polled periodically."""

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    poll_interval_minutes = models.PositiveIntegerField(
        default=360, validators=[MinValueValidator(15), MaxValueValidator(7 * 24 * 60)])
    enabled = models.BooleanField(default=True)
    # Null: poll at the next beat. Failures push it out exponentially (services.fact_check_feed_poll).
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_imported = models.PositiveIntegerField(default=0)
    last_rejected = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "url"]

    def __str__(self) -> str:
        return self.title or self.url
