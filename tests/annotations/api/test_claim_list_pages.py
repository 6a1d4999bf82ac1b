"""Keyset pages of GET /api/claims/: every claim exactly once, in order, at any depth, while claims change."""
import pytest

from tests.factories import ClaimFactory
from verify.models import Claim

LIST = "/api/claims/"


def _walk(client, params):
    """Follow `next` links to the end; returns every claim id seen, in order."""
    seen, url, pages = [], LIST, 0
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        seen += [row["id"] for row in body["results"]]
        pages += 1
        if body["next"] is None:
            return seen, pages
        response = client.get(body["next"])


@pytest.mark.parametrize("ordering", ["-checkworthiness", "checkworthiness", "-created_at", "created_at",
                                      "-updated_at", "updated_at"])
def test_walking_the_pages_returns_every_claim_once_in_the_list_order(reviewer_api, ordering):
    # Many ties on the score: the cursor must carry the id to split them.
    for index in range(23):
        ClaimFactory(checkworthiness=[0.9, 0.5, 0.5, 0.1][index % 4])
    expected = list(Claim.objects.order_by(ordering, "id").values_list("id", flat=True))

    seen, pages = _walk(reviewer_api, {"ordering": ordering, "page_size": 4})

    assert seen == expected
    assert pages == 6


def test_filters_apply_on_every_page(reviewer_api):
    ClaimFactory.create_batch(5, verdict="disputed")
    ClaimFactory.create_batch(5, verdict="unreviewed")

    seen, _ = _walk(reviewer_api, {"verdict": "disputed", "page_size": 2})

    assert sorted(seen) == sorted(Claim.objects.filter(verdict="disputed").values_list("id", flat=True))


def test_a_claim_added_ahead_of_the_cursor_neither_repeats_nor_shifts_the_next_page(reviewer_api):
    claims = [ClaimFactory(checkworthiness=score) for score in (0.9, 0.8, 0.7, 0.6)]
    first = reviewer_api.get(LIST, {"page_size": 2}).json()
    ClaimFactory(checkworthiness=0.95)  # sorts before everything already sent

    second = reviewer_api.get(first["next"]).json()

    assert [row["id"] for row in first["results"]] == [claims[0].pk, claims[1].pk]
    assert [row["id"] for row in second["results"]] == [claims[2].pk, claims[3].pk]


@pytest.mark.parametrize("cursor", ["not-base64!", "eyJ4Ijox", "e30", "eyJmIjoiY2hlY2t3b3J0aGluZXNzIiwidiI6IngiLCJpZCI6MX0"])
def test_a_garbled_cursor_is_a_400_not_a_500(reviewer_api, cursor):
    ClaimFactory()

    response = reviewer_api.get(LIST, {"cursor": cursor})

    assert response.status_code == 400
    assert "cursor" in response.json()


def test_a_cursor_from_another_ordering_is_refused(reviewer_api):
    ClaimFactory.create_batch(3)
    next_link = reviewer_api.get(LIST, {"page_size": 1}).json()["next"]
    cursor = next_link.split("cursor=")[1].split("&")[0]

    response = reviewer_api.get(LIST, {"cursor": cursor, "ordering": "created_at"})

    assert response.status_code == 400
    assert "another ordering" in str(response.json()["cursor"])


@pytest.mark.parametrize("size, status, rows", [("0", 400, None), ("x", 400, None), ("1", 200, 1), ("999", 200, 3)])
def test_page_size_is_validated_and_capped(reviewer_api, size, status, rows):
    ClaimFactory.create_batch(3)

    response = reviewer_api.get(LIST, {"page_size": size})

    assert response.status_code == status
    if rows is not None:
        assert len(response.json()["results"]) == rows


def test_the_last_page_has_no_next_link(reviewer_api):
    ClaimFactory.create_batch(2)

    assert reviewer_api.get(LIST, {"page_size": 2}).json()["next"] is None
