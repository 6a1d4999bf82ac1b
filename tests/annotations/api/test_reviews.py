"""/api/claims/{id}/reviews/: give a verdict (with sources and the version read), read the history."""
import pytest

from annotations.models import Review, Source
from annotations.services import review_submit
from tests.factories import ClaimFactory, UserFactory
from verify.models import Claim

pytestmark = pytest.mark.django_db


def _url(claim):
    return f"/api/claims/{claim.pk}/reviews/"


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_calls_get_401(anonymous_api, method):
    claim = ClaimFactory()

    assert getattr(anonymous_api, method)(_url(claim)).status_code == 401


@pytest.mark.parametrize("method", ["get", "post"])
def test_users_without_a_desk_role_get_403(norole_api, method):
    claim = ClaimFactory()

    response = getattr(norole_api, method)(_url(claim), {"verdict": "verified", "version": 1}, format="json")

    assert response.status_code == 403
    assert not Review.objects.exists()


@pytest.mark.parametrize("client_name", ["reviewer_api", "editor_api", "admin_api"])
def test_every_desk_role_can_give_a_verdict(request, client_name):
    claim = ClaimFactory()

    response = request.getfixturevalue(client_name).post(_url(claim), {"verdict": "verified", "version": 1},
                                                          format="json")

    assert response.status_code == 201
    assert Claim.objects.get(pk=claim.pk).verdict == "verified"


def test_posting_a_review_with_sources_returns_it_and_the_new_version(reviewer_api, reviewer):
    claim = ClaimFactory()

    response = reviewer_api.post(_url(claim), {
        "verdict": "disputed", "rationale": "Two sources disagree.", "version": 1,
        "sources": [{"url": "https://a.example.org", "stance": "supports"},
                    {"url": "https://b.example.org", "title": "B", "stance": "refutes", "quote": "No."}],
    }, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["claim"] == {"id": claim.pk, "verdict": "disputed", "version": 2, "signoff": "final"}
    assert (body["review"]["verdict"], body["review"]["reviewer"]["username"]) == ("disputed", "rita")
    assert [(s["url"], s["stance"]) for s in body["review"]["sources"]] == [
        ("https://a.example.org", "supports"), ("https://b.example.org", "refutes")]
    assert Source.objects.filter(review_id=body["review"]["id"]).count() == 2


def test_two_reviewers_on_the_same_version_the_second_gets_409_and_nothing_is_overwritten(reviewer_api):
    claim = ClaimFactory()
    other = UserFactory(username="omar", role="reviewer")
    from rest_framework.test import APIClient
    omar_api = APIClient()
    omar_api.force_authenticate(user=other)
    version_both_read = reviewer_api.get(f"/api/claims/{claim.pk}/").json()["version"]
    assert omar_api.get(f"/api/claims/{claim.pk}/").json()["version"] == version_both_read

    first = reviewer_api.post(_url(claim), {"verdict": "disputed", "version": version_both_read}, format="json")
    second = omar_api.post(_url(claim), {"verdict": "verified", "version": version_both_read,
                                         "sources": [{"url": "https://example.org"}]}, format="json")

    assert first.status_code == 201
    assert second.status_code == 409
    body = second.json()
    assert body["detail"] == ("This claim changed since you opened it (version 1 → 2): rita set the verdict to "
                              "disputed. Reload and review again.")
    assert (body["code"], body["current_version"]) == ("version_conflict", 2)
    assert [(c["who"], c["before"]["verdict"], c["after"]["verdict"]) for c in body["changes"]] == [
        ("rita", "unreviewed", "disputed")]
    assert Claim.objects.get(pk=claim.pk).verdict == "disputed"
    assert Review.objects.filter(claim=claim).count() == 1 and not Source.objects.exists()


@pytest.mark.parametrize("payload, field", [
    ({"verdict": "verified"}, "version"),
    ({"verdict": "unreviewed", "version": 1}, "verdict"),
    ({"verdict": "", "version": 1}, "verdict"),
    ({"version": 1}, "verdict"),
    ({"verdict": "verified", "version": 1, "sources": [{"url": "javascript:alert(1)"}]}, "sources"),
    ({"verdict": "verified", "version": 1, "sources": [{"title": "no url"}]}, "sources"),
    ({"verdict": "verified", "version": 1, "sources": "https://example.org"}, "sources"),
    ({"verdict": "verified", "version": 1, "sources": [{"url": "https://x.org", "stance": "likes"}]}, "sources"),
])
def test_bad_reviews_are_400_with_a_message_and_store_nothing(reviewer_api, payload, field):
    claim = ClaimFactory()

    response = reviewer_api.post(_url(claim), payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Review.objects.exists() and not Source.objects.exists()
    assert Claim.objects.get(pk=claim.pk).version == 1


def test_a_javascript_source_url_is_refused_by_the_service_rule(reviewer_api):
    response = reviewer_api.post(_url(ClaimFactory()), {
        "verdict": "verified", "version": 1, "sources": [{"url": "javascript:alert(1)"}]}, format="json")

    assert "Source 1" in response.json()["detail"] and "not a valid http(s) URL" in response.json()["detail"]


def test_get_lists_the_reviews_newest_first_with_their_sources(reviewer_api, reviewer, editor):
    claim = ClaimFactory()
    first = review_submit(claim=claim, reviewer=reviewer, verdict="unverified", sources=[{"url": "https://a.org"}])
    second = review_submit(claim=claim, reviewer=editor, verdict="verified")

    body = reviewer_api.get(_url(claim)).json()

    assert body["count"] == 2
    assert [(r["id"], r["verdict"], len(r["sources"])) for r in body["results"]] == [
        (second.pk, "verified", 0), (first.pk, "unverified", 1)]


def test_review_history_takes_a_constant_number_of_queries(reviewer_api, reviewer, django_assert_max_num_queries):
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=reviewer, verdict="verified", sources=[{"url": "https://a.org"}])
    with django_assert_max_num_queries(6) as few:
        reviewer_api.get(_url(claim))
    for number in range(15):
        review_submit(claim=claim, reviewer=reviewer, verdict="disputed", sources=[{"url": f"https://{number}.org"}])

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert reviewer_api.get(_url(claim)).json()["count"] == 16


def test_reviews_of_an_unknown_claim_are_404(reviewer_api):
    assert reviewer_api.get("/api/claims/999999/reviews/").status_code == 404
    assert reviewer_api.post("/api/claims/999999/reviews/", {"verdict": "verified", "version": 1},
                             format="json").status_code == 404


def test_reviews_cannot_be_changed_or_deleted_through_the_api(editor_api, reviewer):
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=reviewer, verdict="verified")

    assert editor_api.delete(_url(claim)).status_code == 405
    assert editor_api.put(_url(claim), {"verdict": "disputed"}, format="json").status_code == 405
    assert Review.objects.get(claim=claim).verdict == "verified"
