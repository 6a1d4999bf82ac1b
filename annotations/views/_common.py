"""Helpers shared by the reviewer pages: the role gate, the queue navigation and the claim highlight."""
from dataclasses import dataclass

from verify.permissions import role_required
from annotations.selectors import QueuePosition, claim_queue, queue_position
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


def queue_position_for(*, user, filters: QueueFilterForm, claim: Claim) -> QueuePosition:
    """The claim's place in the queue the page's filters describe (for j/k, "Claim N of M" and the claim
    to open after a verdict)."""
    return queue_position(user=user, filters=filters.claim_filters(), claim=claim)


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
