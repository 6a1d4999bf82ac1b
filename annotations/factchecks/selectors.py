"""Reads of other fact-checkers' imported work and the feed subscriptions."""
from django.db.models import QuerySet

from annotations.factchecks.models import FactCheckFeed, PublishedFactCheck


def fact_check_list(*, publisher: str = "") -> QuerySet[PublishedFactCheck]:
    items = PublishedFactCheck.objects.all()
    if publisher:
        items = items.filter(publisher_name__iexact=publisher)
    return items


def fact_check_feed_list() -> QuerySet[FactCheckFeed]:
    return FactCheckFeed.objects.all()
