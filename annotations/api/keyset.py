"""Keyset ("cursor") pagination for the claim list: every page costs the same at any depth and size.

Page-number pagination counts the whole filtered table (`COUNT(*)`, O(claims)) and skips with
OFFSET (O(page)); at 100,000 claims the count alone cost more than the page. A keyset page instead
continues after the last row it sent: the caller's query asks for rows whose `(order_value, id)` is
past the cursor (annotations.selectors.claim_list_values), an index range scan at any depth. It is also
stable while claims arrive or change verdict, so a desk walking the queue through the API neither
skips nor repeats a claim.

The cursor is opaque to clients (base64 of JSON); a tampered or stale one is a 400, not a 500.
"""
from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from verify.models import MAX_ID


class KeysetPagination(BasePagination):
    """Forward pages over rows ordered by `(field, id)` or `(-field, id)`, fetched by the caller."""

    cursor_query_param = "cursor"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate(self, request, *, order: str, fetch: Callable[[tuple[Any, int] | None, int], list[dict]]) -> list:
        """The page `request` asks for: `fetch(after, limit)` returns up to `limit` rows (dicts with the
        order field and "id") that come after `after`, the (value, id) of the previous page's last row."""
        self.request = request
        self.order_field = order
        size = self._page_size(request)
        cursor = request.query_params.get(self.cursor_query_param)
        rows = fetch(self._decode(cursor, order) if cursor else None, size + 1)
        self.has_next = len(rows) > size
        self.page = rows[:size]
        return self.page

    def get_paginated_response(self, data) -> Response:
        return Response({"next": self.get_next_link(), "results": data})

    def get_next_link(self) -> str | None:
        if not self.has_next or not self.page:
            return None
        last = self.page[-1]
        field = self.order_field.lstrip("-")
        return replace_query_param(self.request.build_absolute_uri(), self.cursor_query_param,
                                   _encode(field, last[field], last["id"]))

    def _page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            raise ValidationError({self.page_size_query_param: "A whole number is required."}) from None
        if size < 1:
            raise ValidationError({self.page_size_query_param: "Ask for at least one row."})
        return min(size, self.max_page_size)

    def _decode(self, cursor: str, order_field: str) -> tuple[Any, int]:
        """The (value, id) a cursor holds, checked: an id a primary key can hold, a finite score or a
        real date. Anything else (tampered, truncated, hand-made) is a 400 asking to start again."""
        try:
            payload = json.loads(base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode("ascii")))
            field, value, last_id = payload["f"], payload["v"], payload["id"]
        except (ValueError, KeyError, TypeError, binascii.Error, UnicodeEncodeError, RecursionError):
            raise self._invalid() from None
        if field != order_field.lstrip("-"):
            raise ValidationError({self.cursor_query_param: "This cursor belongs to another ordering."})
        if type(last_id) is not int or not 1 <= last_id <= MAX_ID:
            raise self._invalid()
        value = _score(value) if field == "checkworthiness" else _timestamp(value)
        if value is None:
            raise self._invalid()
        return value, last_id

    def _invalid(self) -> ValidationError:
        return ValidationError({self.cursor_query_param: "Invalid cursor; start again without one."})

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {"name": self.cursor_query_param, "required": False, "in": "query",
             "description": "Opaque position from a previous page's `next` link.", "schema": {"type": "string"}},
            {"name": self.page_size_query_param, "required": False, "in": "query",
             "description": f"Rows per page (1–{self.max_page_size}, default {self.page_size}).",
             "schema": {"type": "integer", "minimum": 1}},
        ]

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri",
                         "description": "The next page, or null on the last one."},
                "results": schema,
            },
        }


def _score(value: Any) -> float | None:
    """A finite number (a bool is not one, and 1e999 or a 400-digit integer is not finite), else None."""
    if type(value) not in (int, float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _timestamp(value: Any) -> datetime | None:
    """An ISO 8601 date and time that exists (not 2020-13-45), else None."""
    try:
        return parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _encode(field: str, value: Any, last_id: int) -> str:
    if isinstance(value, datetime):
        value = value.isoformat()
    raw = json.dumps({"f": field, "v": value, "id": last_id}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("ascii")).decode("ascii").rstrip("=")
