"""Importing other fact-checkers' ClaimReview data into the "checked before?" corpus.

Every entry point (API, upload page, management command, feed poll) ends in `fact_checks_import`:
the data is parsed and checked (annotations/factchecks/parse.py), valid items are stored (one row
per review URL: a second import of the same review updates it) and indexed for matching in one
transaction, and the refused items come back with their reasons. Input that is unusable as a whole
raises FactCheckDataError and stores nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from annotations.factchecks.models import FactCheckFeed, ImportSource, PublishedFactCheck
from annotations.factchecks.parse import FactCheckDataError, FactCheckItem, Rejected, fact_checks_parse, json_load
from annotations.matching.services import fact_checks_index
from verify.audit.models import AuditAction
from verify.audit.services import audit_record
from verify.ingestion.fetch import FetchError, fetch_url

# What a server may call ClaimReview JSON (JSON-LD, JSON Feed, plain JSON, or text/plain from a bucket).
JSON_TYPES = frozenset({"application/json", "application/ld+json", "application/feed+json", "text/plain",
                        "text/json"})
_FIELDS = ("publisher_name", "publisher_url", "claim_reviewed", "claimant", "rating_text", "rating_value",
           "rating_best", "rating_worst", "title", "date_published", "language")


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


def _actor(user: AbstractBaseUser | None) -> AbstractBaseUser | None:
    return user if user is not None and user.is_authenticated else None


def fact_checks_import(*, data: object = None, content: bytes | str | None = None, source: str,
                       source_detail: str = "", user: AbstractBaseUser | None = None,
                       feed: FactCheckFeed | None = None) -> ImportOutcome:
    """Store the valid ClaimReview items of `data` (parsed JSON) or `content` (raw bytes or text).

    Raises FactCheckDataError (nothing stored) when the input as a whole cannot be read.
    """
    if content is not None:
        data = json_load(content=content, max_bytes=settings.VERIFY_FACTCHECK_IMPORT_MAX_BYTES)
    parsed = fact_checks_parse(data)
    outcome = ImportOutcome(rejected=parsed.rejected)
    if not parsed.items:
        return outcome
    with transaction.atomic():
        stored = _store(parsed.items, source=ImportSource(source), source_detail=source_detail[:2000],
                        user=_actor(user), feed=feed, outcome=outcome)
        fact_checks_index(fact_checks=stored)
        audit_record(actor=_actor(user), action=AuditAction.FACT_CHECKS_IMPORT, target=feed or stored[0], after={
            "source": source, "source_detail": source_detail[:300], "created": outcome.created,
            "updated": outcome.updated, "unchanged": outcome.unchanged, "rejected": len(outcome.rejected),
            "ids": outcome.ids[:1000]})
    return outcome


def _store(items: list[FactCheckItem], *, source: ImportSource, source_detail: str,
           user: AbstractBaseUser | None, feed: FactCheckFeed | None, outcome: ImportOutcome) -> list[PublishedFactCheck]:
    existing = {row.review_url: row for row in PublishedFactCheck.objects.select_for_update().filter(
        review_url__in=[item.review_url for item in items])}
    stored = []
    for item in items:
        values = {name: getattr(item, name) for name in _FIELDS}
        row = existing.get(item.review_url)
        if row is None:
            row = PublishedFactCheck.objects.create(review_url=item.review_url, source=source,
                                                    source_detail=source_detail, feed=feed, imported_by=user,
                                                    **values)
            outcome.created += 1
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            row.save(update_fields=[*values, "updated_at"])
            outcome.updated += 1
        else:
            outcome.unchanged += 1
        stored.append(row)
        outcome.ids.append(row.pk)
    return stored


def fact_checks_fetch(*, url: str) -> tuple[bytes, str]:
    """GET a URL of ClaimReview JSON through the SSRF-safe fetcher: (body, final URL).

    Raises FetchError (its message is for the person who asked)."""
    result = fetch_url(url=url, accept=JSON_TYPES)
    return result.content, result.final_url


def fact_checks_import_url(*, url: str, user: AbstractBaseUser | None = None,
                           source: str = ImportSource.URL) -> ImportOutcome:
    """Fetch `url` (SSRF-safe) and import what it serves; FactCheckDataError when it cannot be used."""
    try:
        content, final_url = fact_checks_fetch(url=url)
    except FetchError as error:
        raise FactCheckDataError(f"Could not fetch the URL: {error}") from error
    return fact_checks_import(content=content, source=source, source_detail=final_url, user=user)
