"""Main text and metadata of an HTML page, with trafilatura: fetched pages, uploads and pastes alike."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from datetime import datetime, time, timezone

from django.utils.dateparse import parse_date, parse_datetime

logger = logging.getLogger(__name__)

_DOCUMENT = re.compile(r"<(html|body)[\s>]", re.IGNORECASE)


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
    """Boilerplate (navigation, asides, footers, comments) is dropped; what is left is the story.

    A fragment without a body is read as a document's body (trafilatura refuses bare fragments).
    """
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            _as_document(html), url=url or None, with_metadata=True, include_comments=False, include_tables=False,
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


def html_text(*, html: str) -> str:
    """The article text of submitted HTML: the page's main text, as `page_extract` finds it.

    When trafilatura finds no main text (a fragment too short for it, like "<p>One sentence.</p>"),
    the plain text of the markup, script and style dropped. Never raises.
    """
    document = _as_document(html)
    # lxml gives up below a few hundred nested elements; the standard parser has no depth limit.
    return page_extract(html=html).text or _plain_text(document) or _markup_text(document)


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


def _as_document(html: str) -> str:
    """A fragment wrapped in a document; a document (with an html or body element) as it is."""
    return html if _DOCUMENT.search(html) else f"<html><body>{html}</body></html>"


def _plain_text(document: str) -> str:
    import trafilatura

    try:
        text = trafilatura.html2txt(document)
    except Exception:  # as in page_extract: malformed markup raises many types; nothing readable then
        logger.warning("trafilatura could not read HTML as plain text", exc_info=True)
        return ""
    return text.strip()


class _TextCollector(HTMLParser):
    """Text outside script, style and other never-visible elements, one block per line."""

    HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe"})
    BLOCKS = frozenset({"p", "div", "li", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data) -> None:
        if not self.hidden:
            self.parts.append(data.replace("\n", " "))


def _markup_text(document: str) -> str:
    collector = _TextCollector()
    collector.feed(document)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).splitlines())
    return "\n\n".join(line for line in lines if line)
