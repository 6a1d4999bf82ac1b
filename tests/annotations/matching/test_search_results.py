"""What "checked before?" search lists: only results at the suggestion threshold, a claim and its own
report item as one entry, and checks of other numbers marked as such, with the numbers rule message
when no listed check states the query's numbers."""
import pytest
from django.test import Client
from django.urls import reverse

from annotations.matching import selectors, services
from tests.factories import ArticleFactory, ClaimFactory, ReportItemFactory, ReviewFactory
from verify.models import Verdict

pytestmark = pytest.mark.django_db

TROOPS = "As many as 11,000 North Korean troops could be stationed in the region."
REWORDED = "Up to 11000 North Korean soldiers could be deployed in the region, reports say."
UNRELATED = "The region's wheat harvest was the largest in a decade, farmers said on Monday."


def checked(text, verdict=Verdict.UNVERIFIED):
    claim = ClaimFactory(article=ArticleFactory(), text=text)
    ReviewFactory(claim=claim, verdict=verdict)
    services.match_document_for_claim(claim=claim)
    return claim


def test_results_below_the_suggestion_threshold_are_not_listed(settings):
    close, unrelated = checked(TROOPS), checked(UNRELATED)
    settings.VERIFY_MATCH_SUGGEST_THRESHOLD = 0.5
    found = selectors.similar_search(text=REWORDED)
    assert [r.finding.claim_id for r in found.results] == [close.pk]
    assert all(r.score >= 0.5 for r in found.results)
    assert unrelated.pk not in [r.finding.claim_id for r in selectors.claims_similar(text="region")]


def test_a_claim_and_its_own_report_item_are_one_entry():
    claim = checked(TROOPS)
    ReportItemFactory(claim=claim)
    services.report_items_index()
    [entry] = selectors.claims_similar(text=REWORDED)
    assert entry.finding.kind == "claim" and entry.finding.claim_id == claim.pk
    assert len(entry.finding.reports) == 1  # the report item shows as the claim's report


def test_a_check_of_other_numbers_is_listed_as_not_the_same_claim_with_the_numbers_rule_message(reviewer):
    earlier = checked(TROOPS)
    checked(UNRELATED)
    query = TROOPS.replace("11,000", "12,000")
    found = selectors.similar_search(text=query)
    assert [(r.finding.claim_id, r.numbers_agree) for r in found.results] == [(earlier.pk, False)]
    assert found.numbers_disagree
    client = Client()
    client.force_login(reviewer)
    page = client.get(reverse("matching:search"), {"q": query}).content.decode()
    assert "Nothing checked with these numbers" in page
    assert "States other numbers" in page
    assert "wheat harvest" not in page


def test_a_check_of_the_same_numbers_carries_no_numbers_warning(reviewer):
    checked(TROOPS)
    found = selectors.similar_search(text=REWORDED)
    assert [r.numbers_agree for r in found.results] == [True] and not found.numbers_disagree
    client = Client()
    client.force_login(reviewer)
    page = client.get(reverse("matching:search"), {"q": REWORDED}).content.decode()
    assert "States other numbers" not in page and "Nothing checked with these numbers" not in page


def test_nothing_alike_is_not_a_numbers_disagreement():
    checked(TROOPS)
    found = selectors.similar_search(text="Parliament passed the budget after a night of debate.")
    assert found.results == [] and not found.numbers_disagree


def test_the_api_says_when_only_the_numbers_disagree(reviewer_api):
    checked(TROOPS)
    body = reviewer_api.get("/api/claims/similar/", {"q": TROOPS.replace("11,000", "12,000")}).json()
    assert [r["numbers_agree"] for r in body["results"]] == [False] and body["numbers_disagree"] is True
