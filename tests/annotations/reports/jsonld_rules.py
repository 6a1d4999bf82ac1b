"""ClaimReview field rules (schema.org types + Google's ClaimReview guidelines), checked in tests."""
from datetime import date
from urllib.parse import urlparse

# Google: required properties of a ClaimReview, and those it recommends (Search Central, "Fact check").
GOOGLE_REQUIRED = ("claimReviewed", "reviewRating", "url")
GOOGLE_RECOMMENDED = ("author", "datePublished", "itemReviewed")
GOOGLE_RECOMMENDED_CLAIM = ("datePublished", "appearance", "firstAppearance")


def google_missing(review: dict) -> list[str]:
    """Google's required and recommended ClaimReview properties the review lacks."""
    missing = [name for name in (*GOOGLE_REQUIRED, *GOOGLE_RECOMMENDED) if not review.get(name)]
    claim = review.get("itemReviewed") or {}
    missing += [f"itemReviewed.{name}" for name in GOOGLE_RECOMMENDED_CLAIM if not claim.get(name)]
    if not (review.get("reviewRating") or {}).get("alternateName"):
        missing.append("reviewRating.alternateName")
    return missing


def _is_url(value) -> bool:
    parsed = urlparse(value) if isinstance(value, str) else None
    return bool(parsed and parsed.scheme in ("http", "https") and parsed.netloc)


def _is_iso_date(value) -> bool:
    try:
        date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return False
    return True


def _named(thing, types, where: str) -> list[str]:
    if not isinstance(thing, dict):
        return [f"{where} must be an object"]
    errors = []
    if thing.get("@type") not in types:
        errors.append(f"{where}.@type must be one of {types}, not {thing.get('@type')!r}")
    if not isinstance(thing.get("name"), str) or not thing["name"].strip():
        errors.append(f"{where}.name must be a non-empty string")
    if "url" in thing and not _is_url(thing["url"]):
        errors.append(f"{where}.url must be an absolute http(s) URL")
    return errors


def claimreview_errors(review: dict) -> list[str]:
    errors = []
    if review.get("@type") != "ClaimReview":
        errors.append("@type must be ClaimReview")
    claim_reviewed = review.get("claimReviewed")
    if not isinstance(claim_reviewed, str) or not claim_reviewed.strip():
        errors.append("claimReviewed is required (a string)")
    elif claim_reviewed.endswith("…"):
        errors.append("claimReviewed must be what the editor wrote, never cut with '…'")
    if not _is_url(review.get("url")):
        errors.append("url is required (the absolute permalink)")
    errors += _named(review.get("author"), ("Organization", "Person"), "author")
    if not _is_iso_date(review.get("datePublished")):
        errors.append("datePublished must be an ISO 8601 date")
    rating = review.get("reviewRating")
    if not isinstance(rating, dict) or rating.get("@type") != "Rating":
        errors.append("reviewRating must be a Rating")
    else:
        numeric = [key for key in ("ratingValue", "bestRating", "worstRating") if key in rating]
        values = [rating[key] for key in ("ratingValue", "bestRating", "worstRating") if key in rating]
        if numeric and len(numeric) != 3:
            errors.append("a numeric rating needs ratingValue, bestRating and worstRating together")
        elif numeric and not all(isinstance(value, int) and not isinstance(value, bool) for value in values):
            errors.append("ratingValue, bestRating and worstRating must be integers")
        elif numeric and (not values[2] <= values[0] <= values[1] or values[2] >= values[1]):
            errors.append("ratingValue must lie between worstRating and bestRating (worst < best)")
        elif numeric and values[0] * 2 == values[1] + values[2]:
            errors.append("a middle ratingValue reads as 'half true'")
        if not isinstance(rating.get("alternateName"), str) or not rating["alternateName"]:
            errors.append("reviewRating.alternateName (the verdict's label) is required")
    for index, work in enumerate(review.get("citation", [])):
        if not isinstance(work, dict) or work.get("@type") != "CreativeWork" or not _is_url(work.get("url")):
            errors.append(f"citation[{index}] must be a CreativeWork with a url")
    claim = review.get("itemReviewed")
    if not isinstance(claim, dict) or claim.get("@type") != "Claim":
        errors.append("itemReviewed must be a Claim")
    else:
        if "author" in claim:
            errors += _named(claim["author"], ("Person", "Organization"), "itemReviewed.author")
        if "datePublished" in claim and not _is_iso_date(claim["datePublished"]):
            errors.append("itemReviewed.datePublished must be an ISO 8601 date")
        appearance = claim.get("appearance", [])
        if not isinstance(appearance, list):
            errors.append("itemReviewed.appearance must be a list")
        else:
            for index, work in enumerate(appearance):
                if not isinstance(work, dict) or work.get("@type") != "CreativeWork" or not _is_url(work.get("url")):
                    errors.append(f"itemReviewed.appearance[{index}] must be a CreativeWork with a url")
    return errors


def claimreview_document_errors(document: dict) -> list[str]:
    if document.get("@context") != "https://schema.org":
        return ["@context must be https://schema.org"]
    graph = document.get("@graph")
    if not isinstance(graph, list) or not graph:
        return ["@graph must be a non-empty list of ClaimReview"]
    return [f"[{index}] {error}" for index, review in enumerate(graph) for error in claimreview_errors(review)]
