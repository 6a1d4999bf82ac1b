"""Main text and metadata of a fetched web page, with trafilatura."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timezone

from django.utils.dateparse import parse_date, parse_datetime

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtractedPage:
    text: str  # the article body, paragraphs separated by blank lines; "" when none was found
    title: str = ""
    author: str = ""
    publisher: str = ""
    published_at: datetime | None = None
    canonical_url: str = ""
    language: str = ""


def page_extract(*, html: str, url: str = "") -> ExtractedPage:
    """Boilerplate (navigation, footers, comments) is dropped; what is left is the story."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html, url=url or None, with_metadata=True, include_comments=False, include_tables=False,
        )
    except Exception:  # trafilatura and lxml raise many types on malformed markup; keep the raw page
        logger.warning("trafilatura could not parse %s", url, exc_info=True)
        return ExtractedPage(text="")
    if document is None:
        return ExtractedPage(text="")
    data = document.as_dict()
    lines = [line.strip() for line in (data.get("text") or "").splitlines()]
    return ExtractedPage(
        text="\n\n".join(line for line in lines if line),
        title=(data.get("title") or "")[:500],
        author=(data.get("author") or "")[:200],
        publisher=(data.get("sitename") or "")[:200],
        published_at=date_parse(data.get("date") or ""),
        canonical_url=_http_url(data.get("url") or ""),
        language=(data.get("language") or "")[:16],
    )


def date_parse(value: str) -> datetime | None:
    """trafilatura gives "YYYY-MM-DD" (or a full timestamp); dates become midnight UTC."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = parse_datetime(value)
        if parsed is not None:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
        day = parse_date(value)
    except ValueError:
        return None
    return datetime.combine(day, time.min, tzinfo=timezone.utc) if day else None


def _http_url(value: str) -> str:
    value = value.strip()
    return value[:2000] if value.startswith(("http://", "https://")) else ""
