"""The claim list's JSON rows, shaped exactly like ClaimListSerializer without its per-field machinery.

A DRF ModelSerializer spends most of a 50-row list request walking fields and building model
instances; these rows come from annotations.selectors.claim_list_page and only need their dates
formatted and the assignee nested. ClaimListSerializer stays the documented shape (OpenAPI) and the
detail endpoints' serializer; tests/verify/api/test_claim_rows.py holds the two outputs equal.
"""
from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from django.utils import timezone


def _datetime(value: datetime, zone: tzinfo) -> str:
    """DRF's DateTimeField output: ISO 8601 in the current time zone, "Z" for UTC."""
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def claim_list_rows(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    zone = timezone.get_current_timezone()
    rows = []
    for value in values:
        assignee_id = value["assigned_to_id"]
        rows.append({
            "id": value["id"],
            "article": value["article_id"],
            "text": value["text"],
            "sentence": value["sentence"],
            "start_char": value["start_char"],
            "end_char": value["end_char"],
            "sentence_index": value["sentence_index"],
            "claimant": value["claimant"],
            "cue": value["cue"],
            "quantities": value["quantities"],
            "entities": value["entities"],
            "hedges": value["hedges"],
            "checkworthiness": float(value["checkworthiness"]),
            "verdict": value["verdict"],
            "extractor_version": value["extractor_version"],
            "extracted_text": value["extracted_text"],
            "extracted_claimant": value["extracted_claimant"],
            "version": value["version"],
            "assigned_to": (None if assignee_id is None
                            else {"id": assignee_id, "username": value["assigned_to__username"]}),
            "created_at": _datetime(value["created_at"], zone),
            "updated_at": _datetime(value["updated_at"], zone),
            "article_title": value["article__title"],
            "source_count": value["source_count"],
        })
    return rows
