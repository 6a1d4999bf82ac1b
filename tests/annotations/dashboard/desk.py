"""A small desk with known figures, dated relative to a fixed day, for the dashboard's tests."""
from datetime import datetime, timedelta, timezone

from annotations.matching.models import ClaimMatch, MatchStatus
from annotations.models import Review
from tests.factories import (
    ArticleFactory, ClaimFactory, ClaimMatchFactory, FinalVerdictFactory, MatchDocumentFactory, ReviewFactory,
    UserFactory, claim_follow_latest_review,
)
from verify.models import Claim, Verdict

# Today (UTC): the pages and the API count back from the real today.
TODAY = datetime.now(timezone.utc).date()


def at(day_offset: int, hour: int = 9, minute: int = 0) -> datetime:
    """`day_offset` days before TODAY, at hour:minute UTC."""
    return datetime.combine(TODAY - timedelta(days=day_offset), datetime.min.time(), tzinfo=timezone.utc) + timedelta(
        hours=hour, minutes=minute)


def claim_at(when: datetime, **fields) -> Claim:
    claim = ClaimFactory(**fields)
    Claim.objects.filter(pk=claim.pk).update(created_at=when)
    claim.refresh_from_db()
    return claim


def review_at(when: datetime, **fields) -> Review:
    review = ReviewFactory(**fields)
    Review.objects.filter(pk=review.pk).update(created_at=when)
    # The factory made the claim follow its latest review by the real clock; follow it again by the desk's
    # clock, or before 09:00 UTC a review dated later today would lose to one made a moment ago.
    claim_follow_latest_review(review.claim)
    return review


def final_at(claim: Claim, when: datetime):
    return FinalVerdictFactory(claim=claim, verdict=claim.verdict, extracted_at=claim.created_at, first_final_at=when)


def build_desk() -> dict:
    """Three claims extracted today, one yesterday, one 40 days ago (outside a 30-day period); two
    made final (after 1 h and 3 h); two reviewers, one claim reviewed by both (they disagree)."""
    rita = UserFactory(username="rita-d", role="reviewer")
    sam = UserFactory(username="sam-d", role="reviewer")
    today = [claim_at(at(0, 8)) for _ in range(3)]
    yesterday = claim_at(at(1, 8))
    old = claim_at(at(40, 8))
    review_at(at(0, 9), claim=today[0], reviewer=rita, verdict=Verdict.VERIFIED)
    review_at(at(0, 9, 4), claim=today[1], reviewer=rita, verdict=Verdict.DISPUTED)  # 4 min after her previous
    review_at(at(0, 11), claim=today[1], reviewer=sam, verdict=Verdict.VERIFIED)
    review_at(at(0, 12), claim=today[2], reviewer=rita, verdict=Verdict.VERIFIED)  # a long gap: capped at 10 min
    today[0].refresh_from_db(), today[1].refresh_from_db()
    final_at(today[0], at(0, 9))  # 1 h after extraction
    final_at(today[1], at(0, 11))  # 3 h
    earlier = ClaimFactory(article=ArticleFactory(), text="Earlier: 11,000 troops", verdict=Verdict.DISPUTED)
    document = MatchDocumentFactory(claim=earlier)
    links = [ClaimMatchFactory(claim=claim, document=document, status=MatchStatus.AUTO)
             for claim in (today[0], today[2], yesterday)]
    links.append(ClaimMatchFactory(claim=today[1], document=MatchDocumentFactory(claim=old), status=MatchStatus.REJECTED))
    for link in links:  # matching runs as claims are extracted
        ClaimMatch.objects.filter(pk=link.pk).update(created_at=link.claim.created_at)
    Claim.objects.filter(pk=earlier.pk).update(created_at=at(60))
    return {"rita": rita, "sam": sam, "today": today, "yesterday": yesterday, "old": old, "earlier": earlier,
            "document": document}
