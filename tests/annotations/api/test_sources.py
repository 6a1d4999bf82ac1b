"""/api/claims/{id}/sources/: list and attach."""
import pytest

from annotations.models import Source
from annotations.services import review_submit
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _url(claim):
    return f"/api/claims/{claim.pk}/sources/"


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_calls_get_401(anonymous_api, method):
    assert getattr(anonymous_api, method)(_url(ClaimFactory())).status_code == 401


@pytest.mark.parametrize("method", ["get", "post"])
def test_users_without_a_desk_role_get_403(norole_api, method):
    response = getattr(norole_api, method)(_url(ClaimFactory()), {"url": "https://example.org"}, format="json")

    assert response.status_code == 403
    assert not Source.objects.exists()


@pytest.mark.parametrize("client_name", ["reviewer_api", "editor_api", "admin_api"])
def test_every_desk_role_attaches_a_source(request, client_name):
    claim = ClaimFactory()

    response = request.getfixturevalue(client_name).post(
        _url(claim), {"url": "https://example.org/r", "title": "Report", "stance": "supports"}, format="json")

    assert response.status_code == 201
    assert (response.json()["url"], response.json()["stance"], response.json()["claim"]) == (
        "https://example.org/r", "supports", claim.pk)


def test_a_source_can_back_a_review_of_the_claim(reviewer_api, reviewer):
    claim = ClaimFactory()
    review = review_submit(claim=claim, reviewer=reviewer, verdict="verified")

    response = reviewer_api.post(_url(claim), {"url": "https://example.org", "review": review.pk}, format="json")

    assert response.json()["review"] == review.pk


def test_a_review_of_another_claim_is_400(reviewer_api, reviewer):
    review = review_submit(claim=ClaimFactory(), reviewer=reviewer, verdict="verified")

    response = reviewer_api.post(_url(ClaimFactory()), {"url": "https://example.org", "review": review.pk}, format="json")

    assert response.status_code == 400
    assert "review" in response.json()


@pytest.mark.parametrize("payload, field", [
    ({"url": "javascript:alert(1)"}, "url"), ({"url": "ftp://x.org/f"}, "url"), ({}, "url"),
    ({"url": "https://x.org", "stance": "loves"}, "stance"),
])
def test_bad_sources_are_400(reviewer_api, payload, field):
    response = reviewer_api.post(_url(ClaimFactory()), payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Source.objects.exists()


def test_list_is_paginated_oldest_first_in_constant_queries(reviewer_api, django_assert_max_num_queries):
    claim = ClaimFactory()
    first = SourceFactory(claim=claim)
    with django_assert_max_num_queries(5) as few:
        reviewer_api.get(_url(claim))
    SourceFactory.create_batch(20, claim=claim)

    with django_assert_max_num_queries(len(few.captured_queries)):
        body = reviewer_api.get(_url(claim), {"page_size": 5}).json()

    assert body["count"] == 21 and len(body["results"]) == 5 and body["results"][0]["id"] == first.pk
