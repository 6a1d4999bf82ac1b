"""The matching API: roles (401/403), the similar endpoint, a claim's matches, decisions."""
import pytest

from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SourceFactory, UserFactory
from annotations.matching import services
from annotations.matching.models import MatchStatus
from verify.models import Verdict

pytestmark = pytest.mark.django_db

TROOPS = "As many as 11,000 North Korean troops could be stationed in the region."
REWORDED = "Up to 11000 North Korean soldiers could be deployed in the region, reports say."


@pytest.fixture
def match(settings):
    settings.VERIFY_MATCH_AUTO_THRESHOLD = 1.0  # these tests decide a suggestion themselves
    earlier = ClaimFactory(article=ArticleFactory(), text=TROOPS, verdict=Verdict.UNVERIFIED)
    review = ReviewFactory(claim=earlier, verdict=Verdict.UNVERIFIED)
    SourceFactory(claim=earlier, review=review, url="https://example.org/briefing")
    new = ClaimFactory(article=ArticleFactory(), text=REWORDED)
    [found] = services.claim_matches_find(claim_id=new.pk)
    return found


def test_similar_is_routed_before_the_claim_detail(reviewer_api, match):
    response = reviewer_api.get("/api/claims/similar/", {"q": "11,000 North Korean troops stationed in the region"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0]["matched"]["claim_id"] == match.document.claim_id
    assert results[0]["matched"]["verdict"] == Verdict.UNVERIFIED
    assert results[0]["matched"]["sources"][0]["url"] == "https://example.org/briefing"


def test_similar_marks_a_check_of_other_numbers_as_not_the_same_claim(reviewer_api, match):
    response = reviewer_api.get("/api/claims/similar/", {"q": "12,000 North Korean troops stationed in the region"})
    assert response.status_code == 200
    body = response.json()
    assert [r["numbers_agree"] for r in body["results"]] == [False]
    assert body["numbers_disagree"] is True
    same = reviewer_api.get("/api/claims/similar/", {"q": "11,000 North Korean troops stationed in the region"})
    assert [r["numbers_agree"] for r in same.json()["results"]] == [True]
    assert same.json()["numbers_disagree"] is False


@pytest.mark.parametrize("params,field", [({}, "q"), ({"q": "   "}, "q"), ({"q": "x" * 5001}, "q"),
                                          ({"q": "troops", "limit": "lots"}, "limit"),
                                          ({"q": "troops", "limit": "0"}, "limit")])
def test_similar_bad_input_is_a_400(reviewer_api, params, field):
    response = reviewer_api.get("/api/claims/similar/", params)
    assert response.status_code == 400
    assert field in response.json()


def test_anonymous_is_401_everywhere(anonymous_api, match):
    assert anonymous_api.get("/api/claims/similar/", {"q": "troops"}).status_code == 401
    assert anonymous_api.get(f"/api/claims/{match.claim_id}/matches/").status_code == 401
    for action in ("confirm", "reject", "apply"):
        assert anonymous_api.post(f"/api/matches/{match.pk}/{action}/").status_code == 401
    assert anonymous_api.get("/api/matches/conflicts/").status_code == 401


def test_users_without_a_role_are_403(match):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(UserFactory())
    assert client.get("/api/claims/similar/", {"q": "troops"}).status_code == 403
    assert client.get(f"/api/claims/{match.claim_id}/matches/").status_code == 403
    assert client.post(f"/api/matches/{match.pk}/confirm/").status_code == 403
    match.refresh_from_db()
    assert match.status == MatchStatus.SUGGESTED


def test_conflicts_are_for_editors(reviewer_api, editor_api):
    assert reviewer_api.get("/api/matches/conflicts/").status_code == 403
    assert editor_api.get("/api/matches/conflicts/").status_code == 200


def test_conflicts_list_the_disagreeing_claims(editor_api):
    first = ClaimFactory(article=ArticleFactory(), text=TROOPS, verdict=Verdict.VERIFIED)
    second = ClaimFactory(article=ArticleFactory(), text=TROOPS, verdict=Verdict.DISPUTED)
    services.claim_matches_find(claim_id=second.pk)
    [conflict] = editor_api.get("/api/matches/conflicts/").json()["conflicts"]
    assert [c["id"] for c in conflict["claims"]] == [first.pk, second.pk]


def test_claim_matches_lists_the_suggestion_with_its_finding(reviewer_api, match):
    response = reviewer_api.get(f"/api/claims/{match.claim_id}/matches/")
    assert response.status_code == 200
    [item] = response.json()["matches"]
    assert item["status"] == MatchStatus.SUGGESTED
    assert item["matched"]["verdict"] == Verdict.UNVERIFIED


def test_unknown_ids_are_404(reviewer_api):
    assert reviewer_api.get("/api/claims/999999/matches/").status_code == 404
    assert reviewer_api.post("/api/matches/999999/confirm/").status_code == 404


def test_confirm_and_reject(reviewer_api, reviewer, match):
    response = reviewer_api.post(f"/api/matches/{match.pk}/confirm/")
    assert response.status_code == 200
    assert response.json()["status"] == MatchStatus.CONFIRMED
    assert response.json()["decided_by"] == reviewer.username
    response = reviewer_api.post(f"/api/matches/{match.pk}/reject/")
    assert response.json()["status"] == MatchStatus.REJECTED
    assert reviewer_api.get(f"/api/claims/{match.claim_id}/matches/").json()["matches"] == []


def test_apply_copies_the_verdict_as_the_callers_review(reviewer_api, reviewer, match):
    response = reviewer_api.post(f"/api/matches/{match.pk}/apply/")
    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == Verdict.UNVERIFIED
    assert body["status"] == MatchStatus.CONFIRMED
    match.claim.refresh_from_db()
    review = match.claim.reviews.get(pk=body["review"])
    assert review.reviewer == reviewer
    assert [s.url for s in review.sources.all()] == ["https://example.org/briefing"]


def test_apply_on_a_rejected_match_is_a_400(reviewer_api, reviewer, match):
    services.match_reject(match=match, user=reviewer)
    response = reviewer_api.post(f"/api/matches/{match.pk}/apply/")
    assert response.status_code == 400
    assert "rejected" in response.json()["detail"]
    assert not match.claim.reviews.exists()


def test_ids_beyond_bigint_are_404_not_500(reviewer_api, reviewer):
    huge = 2**64
    assert reviewer_api.get(f"/api/claims/{huge}/matches/").status_code == 404
    assert reviewer_api.post(f"/api/matches/{huge}/confirm/").status_code == 404
    from django.test import Client

    client = Client()
    client.force_login(reviewer)
    assert client.get(f"/matching/claims/{huge}/matches/").status_code == 404
