"""Markdown for CMSes and newsletters (CommonMark): user text is escaped, links are the sources."""
import re

from annotations.reports.claimants import claimant_kind, claimant_type_label
from annotations.reports.document import ReportDocument, item_anchor
from annotations.reports.rating import verdict_label
from verify.models import ClaimantType

LABEL = "Markdown"
CONTENT_TYPE = "text/markdown; charset=utf-8"
EXTENSION = "md"
ITEMS_SHARE = 1.0
# Many short-lived-looking but surviving objects: see services/render.py (_gc_paused).
PAUSE_GC = True
# Characters that would start markup (emphasis, links, HTML, tables, code) in running text.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#!~])")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def _url(url: str) -> str:
    # Inside <...> a URL may hold anything but spaces, "<" and ">".
    return "<" + url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E") + ">"


def render(doc: ReportDocument) -> bytes:
    lines = [f"# {escape(doc.title)}", ""]
    if doc.is_draft:
        lines += ["*Draft — not published.*", ""]
    else:
        by = f" by {escape(doc.org_name)}" if doc.org_name else ""
        lines += [f"*Published {doc.published_at:%d %B %Y}{by} · revision {doc.revision_number} · "
                  f"[permalink]({_url(doc.permalink)})*", ""]
    if doc.summary:
        lines += [escape(paragraph) for paragraph in doc.summary.split("\n\n") if paragraph.strip()]
        lines.append("")
    for item in doc.items:
        lines += _item(item)
    return "\n".join(lines).encode()


def _item(item: dict) -> list[str]:
    lines = [f'<a id="{item_anchor(item)}"></a>', "",
             f"## {escape(item['claim_text'])} — {verdict_label(item['verdict'])}", ""]
    facts = []
    if item["claimant"]:
        kind = claimant_kind(item)
        if kind == ClaimantType.UNNAMED:
            facts.append(f"**{ClaimantType.UNNAMED.label}:** {escape(item['claimant'])}")
        else:
            label = f" ({claimant_type_label(kind).lower()})" if kind else ""
            facts.append(f"**Claimant:** {escape(item['claimant'])}{label}")
    article = escape(item["article_title"] or item["article_url"] or "")
    if article:
        if item["article_url"]:
            article = f"[{article}]({_url(item['article_url'])})"
        if item["article_publisher"]:
            article += f" ({escape(item['article_publisher'])})"
        facts.append(f"**Article:** {article}")
    if facts:
        lines += ["  \n".join(facts), ""]
    if item["rationale"]:
        lines += [f"**Why:** {escape(item['rationale'])}", ""]
    if item["sources"]:
        lines.append("**Sources:**")
        lines.append("")
        for source in item["sources"]:
            label = escape(source.get("title") or source.get("publisher") or source["url"])
            line = f"- [{label}]({_url(source['url'])})"
            if source.get("publisher") and source.get("title"):
                line += f", {escape(source['publisher'])}"
            if source.get("quote"):
                line += f": “{escape(source['quote'])}”"
            lines.append(line)
        lines.append("")
    return lines
