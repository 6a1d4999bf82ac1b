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
FORMULA_STARTS = frozenset("=+-@\t\r")
# Columns holding user text (not the verdict label or the timestamp).
_TEXT_COLUMNS = (0, 1, 3, 4, 5, 6)


def render(doc: ReportDocument) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(map(_row, doc.items))
    # The BOM makes Excel read the file as UTF-8 ("…", accented names).
    return ("\ufeff" + buffer.getvalue()).encode()


def _row(item: dict) -> list[str]:
    sources = "\n".join(map(_source, item["sources"])) if item["sources"] else ""
    article = item["article_title"]
    if item["article_url"]:
        article = f"{article} <{item['article_url']}>" if article else item["article_url"]
    reviewed_at = item["reviewed_at"]
    row = [
        item["claim_text"], item["claimant"], verdict_label(item["verdict"]), item["rationale"], sources,
        article, item["reviewer"], reviewed_at.isoformat(timespec="seconds") if reviewed_at else "",
    ]
    for index in _TEXT_COLUMNS:
        value = row[index]
        if value and value[0] in FORMULA_STARTS:
            row[index] = "'" + value
    return row


def _source(source: dict) -> str:
    label = source.get("title") or source.get("publisher") or source["url"]
    if source.get("quote"):
        return f"{label} <{source['url']}>: “{source['quote']}”"
    return f"{label} <{source['url']}>"
