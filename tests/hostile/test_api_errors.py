"""Invalid verdicts, unknown ids, over-long and malformed fields: a clear 4xx, nothing stored changes."""
import pytest

from annotations.models import Review
from tests.factories import ClaimFactory
from verify.models import Verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    return ClaimFactory(text="Officials said 14 bridges were repaired.")


def snapshot(claim):
    claim.refresh_from_db()
    return (claim.text, claim.claimant, claim.verdict, claim.version, Review.objects.count())


@pytest.mark.parametrize("verdict", ["bogus", "", None, "VERIFIED", "unreviewed", 7, ["verified"], {"a": 1}])
def test_an_invalid_verdict_is_a_400_and_changes_nothing(reviewer_api, claim, verdict):
    before = snapshot(claim)
    response = reviewer_api.post(f"/api/claims/{claim.pk}/reviews/",
                                 {"verdict": verdict, "rationale": "x", "version": claim.version}, format="json")
    assert response.status_code == 400, response.content
    assert "verdict" in response.json() and response.json()["code"] == "invalid"
    assert snapshot(claim) == before


@pytest.mark.parametrize("version", [0, -1, "one", None, 10**20])
def test_an_invalid_version_is_a_4xx_and_changes_nothing(reviewer_api, claim, version):
    before = snapshot(claim)
    response = reviewer_api.post(f"/api/claims/{claim.pk}/reviews/",
                                 {"verdict": Verdict.VERIFIED, "rationale": "x", "version": version}, format="json")
    assert response.status_code in (400, 409), response.content
    assert snapshot(claim) == before


def test_an_over_long_rationale_is_a_400(reviewer_api, claim):
    before = snapshot(claim)
    response = reviewer_api.post(f"/api/claims/{claim.pk}/reviews/",
                                 {"verdict": Verdict.VERIFIED, "rationale": "x" * 10_001, "version": claim.version},
                                 format="json")
    assert response.status_code == 400
    assert "rationale" in response.json()
    assert snapshot(claim) == before


@pytest.mark.parametrize("payload, field", [
    ({"text": "x" * 10_001}, "text"),
    ({"claimant": "x" * 301}, "claimant"),
    ({"text": ""}, "text"),
])
def test_over_long_or_empty_claim_edits_are_a_400(reviewer_api, claim, payload, field):
    before = snapshot(claim)
    response = reviewer_api.patch(f"/api/claims/{claim.pk}/", {**payload, "version": claim.version}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert snapshot(claim) == before


@pytest.mark.parametrize("method, path", [
    ("get", "/api/claims/999999/"),
    ("get", "/api/articles/999999/"),
    ("get", "/api/articles/999999/status/"),
    ("get", "/api/claims/999999/reviews/"),
    ("post", "/api/claims/999999/reviews/"),
    ("post", "/api/claims/999999/sources/"),
    ("get", "/api/claims/999999/history/"),
    ("patch", "/api/claims/999999/"),
    ("get", "/api/claims/abc/"),
    ("get", "/api/claims/99999999999999999999999/"),
])
def test_unknown_ids_are_a_404(editor_api, claim, method, path):
    before = snapshot(claim)
    response = getattr(editor_api, method)(path, {"verdict": Verdict.VERIFIED, "version": 1}, format="json")
    assert response.status_code == 404, (path, response.status_code)
    assert response.json()["code"] == "not_found", path
    assert snapshot(claim) == before


@pytest.mark.parametrize("path", ["/claims/999999/", "/articles/999999/", "/claims/abc/"])
def test_unknown_ids_on_pages_are_a_404(client, reviewer, path):
    client.force_login(reviewer)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("query", [
    "verdict=bogus", "article=abc", "article=-1", "score_min=abc", "page=abc", "page=999999", "page_size=-5",
    "ordering=nonexistent", "q=" + "x" * 5000, "q=%00", "article=99999999999999999999999",
])
def test_bad_filters_on_the_claim_list_are_a_4xx_or_empty_never_a_500(reviewer_api, claim, query):
    response = reviewer_api.get(f"/api/claims/?{query}")
    assert response.status_code < 500, (query, response.status_code)


@pytest.mark.parametrize("query", ["verdict=bogus", "article=abc", "score_min=abc", "page=abc", "q=%00",
                                   "article=99999999999999999999999", "order=zzz"])
def test_bad_filters_on_the_queue_page_never_500(client, reviewer, claim, query):
    client.force_login(reviewer)
    assert client.get(f"/claims/?{query}").status_code < 500, query


def test_wrong_content_type_is_a_415(reviewer_api, claim):
    response = reviewer_api.generic("POST", f"/api/claims/{claim.pk}/reviews/", b"verdict=verified",
                                    content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_anonymous_requests_are_401(anonymous_api, claim):
    answers = [anonymous_api.get("/api/claims/"), anonymous_api.post("/api/articles/", {"text": "x"}, format="json")]
    for response in answers:
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"
