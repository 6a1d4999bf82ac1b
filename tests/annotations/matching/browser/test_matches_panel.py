"""In Chromium: the claim page loads "Checked before?" and applying an earlier verdict works."""
import os

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SourceFactory
from annotations.matching import services
from verify.models import Verdict

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TROOPS = "As many as 11,000 North Korean troops could be stationed in the region."
REWORDED = "Up to 11000 North Korean soldiers could be deployed in the region, reports say."


def test_reviewer_applies_an_earlier_verdict_from_the_claim_page(reviewer_page, live_server, reviewer, settings):
    settings.VERIFY_MATCH_AUTO_THRESHOLD = 1.0  # a suggestion, for the reviewer to decide
    earlier = ClaimFactory(article=ArticleFactory(title="Earlier <b>story</b>"), text=TROOPS, verdict=Verdict.DISPUTED)
    review = ReviewFactory(claim=earlier, verdict=Verdict.DISPUTED, rationale="The ministry denies the figure.")
    SourceFactory(claim=earlier, review=review, url="https://example.org/denial", title="Ministry denial")
    new = ClaimFactory(article=ArticleFactory(), text=REWORDED)
    services.claim_matches_find(claim_id=new.pk)

    page = reviewer_page
    page.goto(f"{live_server.url}/claims/{new.pk}/")
    panel = page.locator("#claim-matches")
    expect(panel).to_contain_text("Checked before?")
    expect(panel).to_contain_text("Suggested")
    expect(panel).to_contain_text("% likely the same claim")
    expect(panel).to_contain_text("Ministry denial")
    expect(panel).to_contain_text("Earlier <b>story</b>")  # shown as text, not markup
    if os.environ.get("MATCHING_SCREENSHOT"):
        page.screenshot(path=os.environ["MATCHING_SCREENSHOT"], full_page=True)

    panel.get_by_role("button", name="Apply this verdict and its sources").click()
    expect(page.locator(".message-success")).to_contain_text("copied onto this claim as your review")
    new.refresh_from_db()
    assert new.verdict == Verdict.DISPUTED
    assert new.reviews.get().reviewer == reviewer
    expect(page.locator("#claim-matches")).to_contain_text("Confirmed")
