"""The auto/suggest thresholds are probabilities (Candidate.score, calibrated): what is stored, linked and listed."""
import pytest
from django.test import Client
from django.urls import reverse

from annotations.matching import selectors, services
from annotations.matching.index import shared_index
from annotations.matching.models import ClaimMatch, MatchStatus
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory
from verify.models import Verdict

pytestmark = pytest.mark.django_db

TROOPS = "As many as 11,000 North Korean troops could be stationed in the region."
REWORDED = "Up to 11000 North Korean soldiers could be deployed in the region, reports say."


def checked(text):
    claim = ClaimFactory(article=ArticleFactory(), text=text, verdict=Verdict.UNVERIFIED)
    ReviewFactory(claim=claim, verdict=Verdict.UNVERIFIED)
    services.match_document_for_claim(claim=claim)
    return claim


def probability_of(text: str) -> float:
    [best, *_] = shared_index.search(text, limit=5)
    assert 0.0 < best.score < 1.0
    return best.score


def test_a_pair_at_the_auto_threshold_is_linked_and_just_below_it_is_suggested(settings):
    earlier = checked(TROOPS)
    new = ClaimFactory(article=ArticleFactory(), text=REWORDED)
    services.match_document_for_claim(claim=new)
    probability = shared_index.search(REWORDED, limit=5, exclude={new.match_document.pk})[0].score
    settings.VERIFY_MATCH_SUGGEST_THRESHOLD = 0.0
    settings.VERIFY_MATCH_AUTO_THRESHOLD = probability
    [match] = services.claim_matches_find(claim_id=new.pk)
    assert (match.document.claim_id, match.status) == (earlier.pk, MatchStatus.AUTO)
    assert match.score == pytest.approx(probability, abs=1e-4)
    ClaimMatch.objects.all().delete()
    settings.VERIFY_MATCH_AUTO_THRESHOLD = probability + 0.001
    [match] = services.claim_matches_find(claim_id=new.pk)
    assert match.status == MatchStatus.SUGGESTED


def test_a_pair_below_the_suggest_threshold_is_not_stored(settings):
    checked(TROOPS)
    new = ClaimFactory(article=ArticleFactory(), text=REWORDED)
    services.match_document_for_claim(claim=new)
    probability = shared_index.search(REWORDED, limit=5, exclude={new.match_document.pk})[0].score
    settings.VERIFY_MATCH_AUTO_THRESHOLD = 1.0
    settings.VERIFY_MATCH_SUGGEST_THRESHOLD = probability + 0.001
    assert services.claim_matches_find(claim_id=new.pk) == []
    settings.VERIFY_MATCH_SUGGEST_THRESHOLD = probability
    assert [m.status for m in services.claim_matches_find(claim_id=new.pk)] == [MatchStatus.SUGGESTED]


def test_search_never_lists_a_result_below_the_suggest_threshold(settings):
    close = checked(TROOPS)
    probability = probability_of(REWORDED)
    settings.VERIFY_MATCH_AUTO_THRESHOLD = 1.0
    settings.VERIFY_MATCH_SUGGEST_THRESHOLD = probability + 0.001
    assert selectors.similar_search(text=REWORDED).results == []
    settings.VERIFY_MATCH_SUGGEST_THRESHOLD = probability
    [result] = selectors.similar_search(text=REWORDED).results
    assert result.finding.claim_id == close.pk and result.score == pytest.approx(probability)


def test_the_search_page_and_the_api_show_the_probability(settings, reviewer, reviewer_api):
    checked(TROOPS)
    probability = probability_of(REWORDED)
    settings.VERIFY_MATCH_SUGGEST_THRESHOLD = 0.0
    client = Client()
    client.force_login(reviewer)
    page = client.get(reverse("matching:search"), {"q": REWORDED}).content.decode()
    assert f"{round(probability * 100)}% likely the same claim" in page
    [result] = reviewer_api.get("/api/claims/similar/", {"q": REWORDED}).json()["results"]
    assert result["score"] == pytest.approx(probability)


def test_the_claim_page_panel_shows_each_match_as_a_percentage(settings, reviewer):
    checked(TROOPS)
    new = ClaimFactory(article=ArticleFactory(), text=REWORDED)
    settings.VERIFY_MATCH_SUGGEST_THRESHOLD = 0.0
    [match] = services.claim_matches_find(claim_id=new.pk)
    client = Client()
    client.force_login(reviewer)
    panel = client.get(reverse("matching:claim-matches", args=[new.pk])).content.decode()
    assert f"{round(match.score * 100)}% likely the same claim" in panel


def test_a_stored_suggestion_under_a_raised_threshold_is_no_longer_listed(settings):
    checked(TROOPS)
    new = ClaimFactory(article=ArticleFactory(), text=REWORDED)
    settings.VERIFY_MATCH_SUGGEST_THRESHOLD = 0.0
    settings.VERIFY_MATCH_AUTO_THRESHOLD = 1.0
    [match] = services.claim_matches_find(claim_id=new.pk)
    assert [v.match for v in selectors.claim_matches(claim=new)] == [match]
    settings.VERIFY_MATCH_SUGGEST_THRESHOLD = match.score + 0.001
    settings.VERIFY_MATCH_AUTO_THRESHOLD = 1.0
    assert selectors.claim_matches(claim=new) == []
