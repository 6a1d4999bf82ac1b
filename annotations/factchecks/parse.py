"""Reading published ClaimReview data: from raw bytes to checked items, or a reason each was refused.

Accepted shapes (all JSON):
- one schema.org ClaimReview object, or a list of them;
- a JSON-LD document whose `@graph` holds them (other node types are skipped);
- a schema.org DataFeed (`dataFeedElement[].item[]`, the feed format of public fact-check aggregators);
- the Google Fact Check Tools API answer (`claims[].claimReview[]`, the claim's text, claimant and
  date on the claim, the publisher, rating and URL on each review).

The whole input is refused (`FactCheckDataError`, a sentence for the person who sent it) when it is
not UTF-8, not JSON, too large, nested too deep, or holds no ClaimReview shape at all; otherwise each
item is checked alone, so valid items are imported and each refused one comes back with its reason.
Pure: no Django models, no database.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

from verify.api.parsers import json_depth_exceeds

MAX_DEPTH = 32
MAX_ITEMS = 10_000
MAX_CLAIM_CHARS = 5_000
MAX_NAME_CHARS = 300
MAX_TITLE_CHARS = 500
MAX_URL_CHARS = 2_000
CLAIM_REVIEW = "ClaimReview"

# C0/C1 control characters other than tab and newlines: never part of a claim as published.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")
_URL = re.compile(r"https?://[^\s/?#@]+(?::\d+)?(?:[/?#]\S*)?", re.IGNORECASE)
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class FactCheckDataError(ValueError):
    """The input as a whole is unusable; `str(error)` says why, for the person who sent it."""


@dataclass(frozen=True)
class FactCheckItem:
    """One ClaimReview, checked and normalised: what PublishedFactCheck stores."""

    review_url: str
    publisher_name: str
    claim_reviewed: str
    publisher_url: str = ""
    claimant: str = ""
    rating_text: str = ""
    rating_value: float | None = None
    rating_best: float | None = None
    rating_worst: float | None = None
    title: str = ""
    date_published: date | None = None
    language: str = ""


@dataclass(frozen=True)
class Rejected:
    position: int  # 1-based, in the order the items were found
    reason: str
    review_url: str = ""


@dataclass
class ParseResult:
    items: list[FactCheckItem] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


def json_load(*, content: bytes | str, max_bytes: int) -> object:
    """Decode and parse raw input; FactCheckDataError when it is not UTF-8 JSON within the limits."""
    size = len(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
    if size > max_bytes:
        raise FactCheckDataError(f"The data is {size:,} bytes; the limit is {max_bytes:,}.")
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise FactCheckDataError(f"The data is not UTF-8 text (byte {exc.start:,} cannot be read).") from None
    if not content.strip():
        raise FactCheckDataError("The data is empty.")
    try:
        data = json.loads(content)
    except RecursionError:
        raise FactCheckDataError(f"The data nests deeper than {MAX_DEPTH} levels.") from None
    except ValueError as exc:
        raise FactCheckDataError(f"The data is not JSON: {getattr(exc, 'msg', exc)} "
                                 f"(line {getattr(exc, 'lineno', '?')}).") from None
    return data


def fact_checks_parse(data: object) -> ParseResult:
    """The ClaimReview items of parsed JSON, each checked; FactCheckDataError when there are none to read."""
    if json_depth_exceeds(data, MAX_DEPTH):
        raise FactCheckDataError(f"The data nests deeper than {MAX_DEPTH} levels.")
    raw = _raw_items(data)
    if raw is None:
        raise FactCheckDataError(
            "No ClaimReview data found: expected a ClaimReview object, a list of them, a JSON-LD @graph, "
            "a schema.org DataFeed (dataFeedElement) or a Fact Check Tools answer (claims[].claimReview).")
    if len(raw) > MAX_ITEMS:
        raise FactCheckDataError(f"The data holds {len(raw):,} items; the limit is {MAX_ITEMS:,} at a time.")
    result = ParseResult()
    seen: set[str] = set()
    for position, (review, claim) in enumerate(raw, start=1):
        try:
            item = _item(review, claim)
        except _Refused as refused:
            url = review.get("url") if isinstance(review, dict) else None
            result.rejected.append(Rejected(position=position, reason=str(refused),
                                            review_url=url[:MAX_URL_CHARS] if isinstance(url, str) else ""))
            continue
        if item.review_url in seen:
            result.rejected.append(Rejected(position=position, review_url=item.review_url,
                                            reason="The same review URL appears earlier in this data."))
            continue
        seen.add(item.review_url)
        result.items.append(item)
    return result


# --- shapes ------------------------------------------------------------------------------------------

def _is_claim_review(node: object) -> bool:
    if not isinstance(node, dict):
        return False
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == CLAIM_REVIEW for k in kinds)


def _raw_items(data: object) -> list[tuple[object, dict | None]] | None:
    """(review, Fact Check Tools claim or None) pairs, or None when no known shape is recognised."""
    if isinstance(data, dict) and isinstance(data.get("claims"), list):  # Fact Check Tools API
        pairs = []
        for claim in data["claims"]:
            reviews = claim.get("claimReview") if isinstance(claim, dict) else None
            if not isinstance(reviews, list) or not reviews:
                pairs.append((claim, None))  # refused below, with its reason
                continue
            pairs.extend((review, claim) for review in reviews)
        return pairs
    if isinstance(data, dict) and isinstance(data.get("dataFeedElement"), list):  # schema.org DataFeed
        pairs = []
        for element in data["dataFeedElement"]:
            inner = element.get("item") if isinstance(element, dict) else None
            if _is_claim_review(element):
                pairs.append((element, None))
            elif isinstance(inner, list) and inner:
                pairs.extend((item, None) for item in inner)
            elif isinstance(inner, dict):
                pairs.append((inner, None))
            else:
                pairs.append((element, None))
        return pairs
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        return [(node, None) for node in data["@graph"] if _is_claim_review(node)] or None
    if isinstance(data, dict) and _is_claim_review(data):
        return [(data, None)]
    if isinstance(data, list) and data:
        return [(node, None) for node in data]
    return None


# --- one item ----------------------------------------------------------------------------------------

class _Refused(Exception):
    pass


def _text(value: object, *, name: str, limit: int, required: bool = False, cut: bool = False) -> str:
    if isinstance(value, list) and value:  # JSON-LD allows a list where one value is meant
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    if value is None:
        value = ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise _Refused(f"{name} is not text.")
    if "\x00" in value:
        raise _Refused(f"{name} contains a null character.")
    value = _SPACES.sub(" ", _CONTROL.sub("", value)).strip()
    if required and not value:
        raise _Refused(f"{name} is missing.")
    if len(value) > limit and cut:
        return value[:limit - 1].rstrip() + "…"
    if len(value) > limit:
        raise _Refused(f"{name} is {len(value):,} characters; the limit is {limit:,}.")
    return value


def _url(value: object, *, name: str, required: bool = False) -> str:
    text = _text(value if not isinstance(value, dict) else value.get("url") or value.get("@id"),
                 name=name, limit=MAX_URL_CHARS, required=required)
    if text and not _URL.fullmatch(text):
        if required:
            raise _Refused(f"{name} is not an http:// or https:// address.")
        return ""
    return text


def _number(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if abs(number) < 1e9 and number == number else None


def _date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    found = _DATE.match(value.strip())
    if not found:
        return None
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        return None


def _item(review: object, claim: dict | None) -> FactCheckItem:
    if not isinstance(review, dict):
        raise _Refused("Not a JSON object.")
    if claim is None and not _is_claim_review(review):
        if review.get("claimReview") is not None:
            raise _Refused("Its claimReview list is empty or not a list.")
        raise _Refused("Not a ClaimReview (its @type is not ClaimReview).")
    publisher = review.get("author") or review.get("publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    publisher_name = _text(publisher.get("name") if isinstance(publisher, dict) else publisher,
                           name="The publisher's name", limit=MAX_NAME_CHARS, required=True)
    publisher_url = _url(publisher.get("url") if isinstance(publisher, dict) else None, name="The publisher's URL")
    if claim is not None:  # Fact Check Tools: the claim's own fields
        claim_text = claim.get("text")
        claimant = claim.get("claimant")
        language = review.get("languageCode")
        rating = {"alternateName": review.get("textualRating")}
        published = review.get("reviewDate") or claim.get("claimDate")
    else:
        claim_text = review.get("claimReviewed")
        item_reviewed = review.get("itemReviewed")
        claimant = item_reviewed.get("author") if isinstance(item_reviewed, dict) else None
        if not claim_text and isinstance(item_reviewed, dict):
            claim_text = item_reviewed.get("text") or item_reviewed.get("name")
        language = review.get("inLanguage")
        rating = review.get("reviewRating") or {}
        if isinstance(rating, list) and rating:
            rating = rating[0]
        if not isinstance(rating, dict):
            raise _Refused("reviewRating is not an object.")
        published = review.get("datePublished")
    language = _text(language, name="The language", limit=35)
    rating_text = _text(rating.get("alternateName") or rating.get("name"), name="The rating", limit=MAX_NAME_CHARS)
    rating_value = _number(rating.get("ratingValue"))
    if not rating_text and rating_value is None:
        raise _Refused("It has no rating (reviewRating.alternateName or ratingValue).")
    return FactCheckItem(
        review_url=_url(review.get("url"), name="The review URL", required=True),
        publisher_name=publisher_name,
        publisher_url=publisher_url,
        claim_reviewed=_text(claim_text, name="The claim reviewed", limit=MAX_CLAIM_CHARS, required=True),
        claimant=_text(claimant, name="The claimant", limit=MAX_NAME_CHARS),
        rating_text=rating_text,
        rating_value=rating_value,
        rating_best=_number(rating.get("bestRating")),
        rating_worst=_number(rating.get("worstRating")),
        title=_text(review.get("headline") or review.get("name") or review.get("title"), name="The title",
                    limit=MAX_TITLE_CHARS, cut=True),
        date_published=_date(published),
        language=language if _LANGUAGE.fullmatch(language) else "",
    )
