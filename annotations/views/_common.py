"""Helpers shared by the reviewer pages: the role gate, the queue navigation and the claim highlight."""
from dataclasses import dataclass

from verify.permissions import role_required
from annotations.selectors import claim_queue
from verify.roles import REVIEWER
from annotations.forms import QueueFilterForm
from verify.models import Article, Claim

# Every reviewer page: login first (redirect), then the reviewer role or higher (403).
reviewer_required = role_required(REVIEWER)


def queue_filters(request) -> QueueFilterForm:
    """The queue's filters from the query string; invalid values are dropped (the form's cleaned data)."""
    filters = QueueFilterForm(data=request.GET)
    filters.is_valid()
    return filters


def claim_queue_for(*, user, filters: QueueFilterForm, include_verdict: bool = True):
    """The queue selector (written alongside the REST API), called with the page's filters."""
    return claim_queue(user=user, filters=filters.claim_filters(include_verdict=include_verdict))


@dataclass(frozen=True)
class QueuePosition:
    previous_id: int | None
    next_id: int | None
    index: int | None  # 0-based position of the claim in the queue, None when it is not in it
    total: int


def queue_position(*, user, filters: QueueFilterForm, claim_id: int) -> QueuePosition:
    """Where a claim stands in the filtered queue, for j/k and for "next claim after a verdict".

    A claim outside the queue (already judged, or opened from an article) leads to the queue's first.
    """
    ids = list(claim_queue_for(user=user, filters=filters).values_list("id", flat=True))
    if claim_id not in ids:
        first = next((pk for pk in ids if pk != claim_id), None)
        return QueuePosition(previous_id=None, next_id=first, index=None, total=len(ids))
    index = ids.index(claim_id)
    return QueuePosition(
        previous_id=ids[index - 1] if index > 0 else None,
        next_id=ids[index + 1] if index + 1 < len(ids) else None,
        index=index,
        total=len(ids),
    )


@dataclass(frozen=True)
class ClaimInContext:
    """The article text split around the claim; the template escapes each part on its own."""

    before: str
    claim: str
    after: str

    @property
    def found(self) -> bool:
        return bool(self.claim)


def claim_in_context(*, article: Article, claim: Claim) -> ClaimInContext:
    text = article.cleaned_text or ""
    start, end = claim.start_char, claim.end_char
    if 0 <= start < end <= len(text):
        return ClaimInContext(before=text[:start], claim=text[start:end], after=text[end:])
    # Offsets that do not fit the stored text (e.g. the article was cleaned again): find the words.
    for needle in (claim.extracted_text, claim.sentence, claim.text):
        position = text.find(needle) if needle else -1
        if position >= 0:
            return ClaimInContext(before=text[:position], claim=needle, after=text[position + len(needle):])
    return ClaimInContext(before=text, claim="", after="")
