"""What a correction is: the parts of a published claim whose change makes a report stale, and the diff.

A published item is compared with the claim as it is now (the snapshot publishing would freeze). Any
difference in the claim's text, the summary published as claimReviewed, the verdict, the rationale or
the sources is a change readers must be told about: the report is stale until a revision publishes it,
and that revision records (and the public pages show) what changed.
"""
from django.db import models


class ItemChange(models.TextChoices):
    ADDED = "added", "Claim added"
    TEXT = "text", "Claim text corrected"
    SUMMARY = "summary", "Summary reworded"
    VERDICT = "verdict", "Verdict changed"
    RATIONALE = "rationale", "Rationale revised"
    SOURCES = "sources", "Sources changed"


# The source fields readers see; a change to any of them is a change to the sources.
SOURCE_FIELDS = ("url", "title", "publisher", "quote")


def _sources_key(sources: list[dict]) -> list[tuple]:
    return [tuple((source.get(name) or "") for name in SOURCE_FIELDS) for source in sources or []]


def _summary(item: dict) -> str:
    return item.get("claim_reviewed") or item["claim_text"]


def item_changes(*, published: dict | None, current: dict) -> list[str]:
    """The ItemChange values between a published item and the same claim now ([] when none)."""
    if published is None:
        return [ItemChange.ADDED.value]
    changes = []
    if published["claim_text"] != current["claim_text"]:
        changes.append(ItemChange.TEXT.value)
    if _summary(published) != _summary(current) and published["claim_text"] == current["claim_text"]:
        changes.append(ItemChange.SUMMARY.value)
    if published["verdict"] != current["verdict"]:
        changes.append(ItemChange.VERDICT.value)
    if (published["rationale"] or "") != (current["rationale"] or ""):
        changes.append(ItemChange.RATIONALE.value)
    if _sources_key(published["sources"]) != _sources_key(current["sources"]):
        changes.append(ItemChange.SOURCES.value)
    return changes


def change_labels(changes: list[str]) -> list[str]:
    """Readable labels for stored ItemChange values (unknown values are shown as they are)."""
    return [ItemChange(value).label if value in ItemChange.values else value for value in changes or []]
