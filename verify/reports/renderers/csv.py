"""CSV: one row per claim (claim, claimant, verdict, rationale, sources, article, reviewer, reviewed at)."""
import csv
import io

from verify.reports.document import ReportDocument
from verify.reports.rating import verdict_label

CONTENT_TYPE = "text/csv; charset=utf-8"
EXTENSION = "csv"
ITEMS_SHARE = 1.0
HEADER = ["claim", "claimant", "verdict", "rationale", "sources", "article", "reviewer", "reviewed at"]
# A cell starting with one of these is run as a formula by spreadsheets: prefix it with a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render(doc: ReportDocument) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(_row(item) for item in doc.items)
    # The BOM makes Excel read the file as UTF-8 ("…", accented names).
    return ("\ufeff" + buffer.getvalue()).encode()


def _row(item: dict) -> list[str]:
    sources = "\n".join(_source(source) for source in item["sources"])
    article = item["article_title"]
    if item["article_url"]:
        article = f"{article} <{item['article_url']}>" if article else item["article_url"]
    reviewed_at = item["reviewed_at"]
    return [
        _safe(item["claim_text"]), _safe(item["claimant"]), verdict_label(item["verdict"]),
        _safe(item["rationale"]), _safe(sources), _safe(article), _safe(item["reviewer"]),
        reviewed_at.isoformat(timespec="seconds") if reviewed_at else "",
    ]


def _source(source: dict) -> str:
    label = source.get("title") or source.get("publisher") or source["url"]
    text = f"{label} <{source['url']}>"
    if source.get("quote"):
        text += f": “{source['quote']}”"
    return text


def _safe(value: str) -> str:
    return "'" + value if value and value.startswith(FORMULA_STARTS) else value
