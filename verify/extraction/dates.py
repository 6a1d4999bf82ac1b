"""Date quantities resolved against the publication date ("on Saturday" -> the Saturday before)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any


def resolve_dates(quantities: list[dict[str, Any]], *, published_at: datetime | date | None) -> list[dict[str, Any]]:
    """Placeholder until relative-date resolution lands: returns quantities unchanged."""
    return quantities
