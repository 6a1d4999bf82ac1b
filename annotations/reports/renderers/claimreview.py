"""schema.org ClaimReview JSON-LD, one ClaimReview per claim, as Google Fact Check Tools reads it.

Field rules followed (schema.org + Google's ClaimReview guidelines):
- claimReviewed: a short summary of the claim, under 75 characters (longer claims are cut at a word
  and end with "…"); the full text is in itemReviewed.text.
- reviewRating: a Rating with alternateName (the verdict's label) and ratingValue/bestRating/
  worstRating on the scale documented in annotations/reports/rating.py.
- url: the report's permalink with a per-claim anchor; author: the publishing Organization;
  datePublished: the revision's publication date (ISO 8601).
- itemReviewed: a Claim with author (the claimant: a Person or an Organization; left out for an unnamed
  source such as "officials said" and when nobody is named, never guessed), datePublished (the
  article's) and appearance (the article URLs).
- citation: the sources, as CreativeWorks (url, name, publisher, and the quote as text).
"""
import orjson

from annotations.reports.claimants import claimant_kind, claimant_schema_type
from annotations.reports.document import ReportDocument, item_anchor
from annotations.reports.rating import BEST_RATING, RATING_VALUES, WORST_RATING, verdict_label

LABEL = "ClaimReview JSON-LD"
CONTENT_TYPE = "application/ld+json; charset=utf-8"
EXTENSION = "jsonld"
ITEMS_SHARE = 1.0
# Many short-lived-looking but surviving objects: see services/render.py (_gc_paused).
PAUSE_GC = True
CLAIM_REVIEWED_MAX_CHARS = 75


def render(doc: ReportDocument) -> bytes:
    # orjson: ~7x faster than json.dumps here, which keeps a 10,000-claim export near the query time.
    return orjson.dumps(claimreview_graph(doc))


def claimreview_graph(doc: ReportDocument) -> dict:
    author = {"@type": "Organization", "name": doc.org_name}
    if doc.org_url:
        author["url"] = doc.org_url
    permalink = doc.permalink
    date_published = doc.published_at.date().isoformat() if doc.published_at else None
    # Many claims share an article, a claimant or a verdict: build those parts once.
    appearances: dict = {}
    claimants: dict = {}
    reviews = []
    append = reviews.append
    for item in doc.items:
        verdict = item["verdict"]
        rating = {
            "@type": "Rating",
            "ratingValue": RATING_VALUES.get(verdict, WORST_RATING),
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": verdict_label(verdict),
        }
        if item["rationale"]:
            rating["ratingExplanation"] = item["rationale"]
        claim = {"@type": "Claim", "text": item["claim_text"]}
        claimant_key = (item["claimant"], item["claimant_type"])
        claimant = claimants.get(claimant_key, False)
        if claimant is False:
            claimant = claimants[claimant_key] = _claimant(item)
        if claimant:
            claim["author"] = claimant
        article_key = (item["article_id"], item["article_url"])
        appearance = appearances.get(article_key)
        if appearance is None:
            appearance = appearances[article_key] = _appearance(item)
        claim.update(appearance)
        review = {
            "@type": "ClaimReview",
            "url": f"{permalink}#{item_anchor(item)}",
            "claimReviewed": short_claim(item["claim_text"]),
            "author": author,
            "reviewRating": rating,
            "itemReviewed": claim,
        }
        if date_published:
            review["datePublished"] = date_published
        if item["sources"]:
            review["citation"] = [_citation(source) for source in item["sources"]]
        append(review)
    return {"@context": "https://schema.org", "@graph": reviews}


def _appearance(item: dict) -> dict:
    """The Claim's datePublished and appearance: the article it was found in."""
    found = {}
    if item["article_published_at"]:
        found["datePublished"] = item["article_published_at"].date().isoformat()
    if item["article_url"]:
        work = {"@type": "CreativeWork", "url": item["article_url"]}
        if item["article_title"]:
            work["headline"] = item["article_title"]
        if item["article_publisher"]:
            work["publisher"] = {"@type": "Organization", "name": item["article_publisher"]}
        found["appearance"] = [work]
    return found


def short_claim(text: str, limit: int = CLAIM_REVIEWED_MAX_CHARS) -> str:
    """The claim as one line of at most `limit` characters, cut at a word boundary with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.—-") + "…"


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


def jsonld_for_script(doc: ReportDocument) -> str:
    """The JSON-LD made safe inside <script>: "<", ">" and "&" escaped as JSON unicode escapes."""
    text = render(doc).decode()
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
