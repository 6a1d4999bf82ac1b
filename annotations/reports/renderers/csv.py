"""CSV: one row per claim (claim, claimant, claimant type, verdict, rationale, sources, article, reviewer,
reviewed at). An unnamed source keeps its words in "claimant" and says so in "claimant type"."""
from annotations.reports.claimants import claimant_kind, claimant_type_label
from annotations.reports.document import ReportDocument
from annotations.reports.rating import verdict_label

LABEL = "CSV"
CONTENT_TYPE = "text/csv; charset=utf-8"
EXTENSION = "csv"
ITEMS_SHARE = 1.0
# Many short-lived-looking but surviving objects: see services/render.py (_gc_paused).
PAUSE_GC = True
HEADER = ["claim", "claimant", "claimant type", "verdict", "rationale", "sources", "article", "reviewer", "reviewed at"]
# A cell starting with one of these is run as a formula by spreadsheets: prefix it with a quote.
FORMULA_STARTS = frozenset("=+-@\t\r")
# Columns holding user text (not the claimant type, the verdict label or the timestamp).
_TEXT_COLUMNS = (0, 1, 4, 5, 6, 7)


def render(doc: ReportDocument) -> bytes:
    # Every field quoted (RFC 4180, like csv.QUOTE_ALL) with str.replace: 3x faster than csv.writer,
    # which matters at 10,000 claims. The BOM makes Excel read the file as UTF-8 ("…", names).
    lines = [",".join(map(_quote, HEADER))]
    lines.extend(",".join(map(_quote, _row(item))) for item in doc.items)
    lines.append("")
    return ("\ufeff" + "\r\n".join(lines)).encode()


def _quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _row(item: dict) -> list[str]:
    sources = "\n".join(map(_source, item["sources"])) if item["sources"] else ""
    article = item["article_title"]
    if item["article_url"]:
        article = f"{article} <{item['article_url']}>" if article else item["article_url"]
    reviewed_at = item["reviewed_at"]
    row = [
        item["claim_text"], item["claimant"], claimant_type_label(claimant_kind(item)), verdict_label(item["verdict"]),
        item["rationale"], sources,
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
