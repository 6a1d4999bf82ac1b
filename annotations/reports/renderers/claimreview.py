"""schema.org ClaimReview JSON-LD, as Google's fact-check rules ask for it.

The `claimreview` export is a graph of one ClaimReview per claim (for a CMS that gives each claim its own
page); on this site, each ClaimReview is embedded in exactly one page: its claim's page
(`/r/<slug>/claims/<id>/`), which is also its `url`. Report pages and revision pages carry none.

Field rules followed (schema.org + Google's ClaimReview guidelines):
- claimReviewed: the summary the editor wrote for the claim, else the whole claim; never cut (the publish
  check warns above 75 characters). The full claim is in itemReviewed.text.
- reviewRating: see annotations/reports/rating.py (Unverified has a label but no numeric value).
- url: the claim's page; author: the publishing Organization; datePublished: when the report first
  published this claim; dateModified: the revision's publication.
- itemReviewed: a Claim with author only for a named claimant (a Person or an Organization; left out for
  an unnamed source and when nobody is named, never guessed and never the publisher), datePublished and
  appearance / firstAppearance (the article the claim appeared in).
- citation: the sources, as CreativeWorks (url, name, publisher, and the quote as text).
"""
import orjson

from annotations.reports.claimants import claimant_kind, claimant_schema_type
from annotations.reports.document import ReportDocument, claim_page_prefix, item_anchor, item_claim_reviewed
from annotations.reports.rating import verdict_rating

LABEL = "ClaimReview JSON-LD"
CONTENT_TYPE = "application/ld+json; charset=utf-8"
EXTENSION = "jsonld"
ITEMS_SHARE = 1.0
# Many short-lived-looking but surviving objects: see services/render.py (_gc_paused).
PAUSE_GC = True
CONTEXT = "https://schema.org"


def render(doc: ReportDocument) -> bytes:
    # orjson: ~7x faster than json.dumps here, which keeps a 10,000-claim export near the query time.
    return orjson.dumps(claimreview_graph(doc))


def claimreview_graph(doc: ReportDocument) -> dict:
    builder = _Builder(doc)
    return {"@context": CONTEXT, "@graph": [builder.review(item) for item in doc.items]}


def claimreview_for_item(doc: ReportDocument, item: dict) -> dict:
    """The one ClaimReview a claim page embeds."""
    return {"@context": CONTEXT, **_Builder(doc).review(item)}


class _Builder:
    """Builds ClaimReviews for one document; parts many claims share (author, article, claimant) once."""

    def __init__(self, doc: ReportDocument):
        self.doc = doc
        self.author = {"@type": "Organization", "name": doc.org_name}
        if doc.org_url:
            self.author["url"] = doc.org_url
        self.modified = doc.published_at.date().isoformat() if doc.published_at else None
        self.permalink = doc.permalink
        self.claim_pages = claim_page_prefix(slug=doc.slug)
        self.appearances: dict = {}
        self.claimants: dict = {}
        self.ratings: dict = {}
        self.first_dates: dict = {}

    def review(self, item: dict) -> dict:
        claim = {"@type": "Claim", "text": item["claim_text"]}
        claimant_key = (item["claimant"], item["claimant_type"])
        if claimant_key not in self.claimants:
            self.claimants[claimant_key] = _claimant(item)
        if self.claimants[claimant_key]:
            claim["author"] = self.claimants[claimant_key]
        article_key = (item["article_id"], item["article_url"], item["article_published_at"])
        if article_key not in self.appearances:
            self.appearances[article_key] = _appearance(item)
        claim.update(self.appearances[article_key])
        review = {
            "@type": "ClaimReview",
            "url": self._url(item),
            "claimReviewed": item_claim_reviewed(item),
            "author": self.author,
            "reviewRating": self._rating(item),
            "itemReviewed": claim,
        }
        if self.modified:
            first = item.get("first_published_at")
            if first not in self.first_dates:
                self.first_dates[first] = first.date().isoformat() if first else self.modified
            review["datePublished"] = self.first_dates[first]
            review["dateModified"] = self.modified
        if item["sources"]:
            review["citation"] = [_citation(source) for source in item["sources"]]
        return review

    def _rating(self, item: dict) -> dict:
        verdict = item["verdict"]
        if verdict not in self.ratings:
            self.ratings[verdict] = verdict_rating(verdict)
        if not item["rationale"]:
            return self.ratings[verdict]
        return {**self.ratings[verdict], "ratingExplanation": item["rationale"]}

    def _url(self, item: dict) -> str:
        if item.get("claim_id"):
            return f"{self.claim_pages}{item['claim_id']}/"
        return f"{self.permalink}#{item_anchor(item)}"  # the claim was deleted since: its place in the report


def _appearance(item: dict) -> dict:
    """The Claim's datePublished, appearance and firstAppearance: the article it was found in."""
    found = {}
    if item["article_published_at"]:
        found["datePublished"] = item["article_published_at"].date().isoformat()
    if item["article_url"]:
        work = {"@type": "CreativeWork", "url": item["article_url"]}
        if item["article_title"]:
            work["headline"] = item["article_title"]
        if item["article_published_at"]:
            work["datePublished"] = found["datePublished"]
        if item["article_publisher"]:
            work["publisher"] = {"@type": "Organization", "name": item["article_publisher"]}
        found["appearance"] = [work]
        found["firstAppearance"] = work
    return found


def _citation(source: dict) -> dict:
    """A source the verdict rests on (schema.org CreativeWork.citation); the quote is its text."""
    work = {"@type": "CreativeWork", "url": source["url"]}
    if source.get("title"):
        work["name"] = source["title"]
    if source.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": source["publisher"]}
    if source.get("quote"):
        work["text"] = source["quote"]
    return work


def _claimant(item: dict) -> dict | None:
    """Claim.author: the named person or organisation; None for an unnamed source or nobody."""
    schema_type = claimant_schema_type(claimant_kind(item))
    return {"@type": schema_type, "name": item["claimant"]} if schema_type else None


def jsonld_for_script(data: dict) -> str:
    """JSON-LD made safe inside <script>: "<", ">" and "&" escaped as JSON unicode escapes."""
    text = orjson.dumps(data).decode()
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
