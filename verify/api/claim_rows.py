"""The claim list's JSON rows, shaped exactly like ClaimListSerializer without its per-field machinery.

A DRF ModelSerializer spends most of a 50-row list request walking fields and building model
instances. These rows are built in one pass from the tuples of annotations.selectors.claim_list_values:
one dict per row, JSON columns parsed once, and timestamps left as datetimes in the current time zone,
which the renderer writes as DRF's DateTimeField would (ISO 8601, "Z" for UTC). ClaimListSerializer
stays the documented shape (OpenAPI) and the detail endpoints' serializer;
tests/verify/api/test_claim_rows.py holds the two outputs equal.
"""
from __future__ import annotations

from typing import Any

import orjson
from django.utils import timezone

from annotations.selectors import claim_list_timestamp


def claim_list_rows(values: list[tuple]) -> list[dict[str, Any]]:
    zone = timezone.get_current_timezone()
    rows = []
    # In the order of CLAIM_LIST_COLUMNS.
    for (claim_id, article_id, text, sentence, start_char, end_char, sentence_index, claimant, cue, quantities,
         entities, hedges, checkworthiness, verdict, extractor_version, extracted_text, extracted_claimant,
         version, assignee_id, assignee_username, created_at, updated_at, article_title, source_count) in values:
        rows.append({
            "id": claim_id,
            "article": article_id,
            "text": text,
            "sentence": sentence,
            "start_char": start_char,
            "end_char": end_char,
            "sentence_index": sentence_index,
            "claimant": claimant,
            "cue": cue,
            "quantities": orjson.loads(quantities),
            "entities": orjson.loads(entities),
            "hedges": orjson.loads(hedges),
            "checkworthiness": float(checkworthiness),
            "verdict": verdict,
            "extractor_version": extractor_version,
            "extracted_text": extracted_text,
            "extracted_claimant": extracted_claimant,
            "version": version,
            "assigned_to": None if assignee_id is None else {"id": assignee_id, "username": assignee_username},
            "created_at": claim_list_timestamp(created_at).astimezone(zone),
            "updated_at": claim_list_timestamp(updated_at).astimezone(zone),
            "article_title": article_title,
            "source_count": source_count,
        })
    return rows
