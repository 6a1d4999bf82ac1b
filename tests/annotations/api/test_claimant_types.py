"""/api/claims/: claimant_type is read from extraction, and a reviewer's PATCH may set it."""
import pytest

from tests.factories import ClaimFactory
from verify.models import Claim, ClaimantType

pytestmark = pytest.mark.django_db


def _url(claim):
    return f"/api/claims/{claim.pk}/"


def test_list_and_detail_carry_the_claimant_type_after_the_claimant(reviewer_api):
    claim = ClaimFactory(claimant="military experts", claimant_type=ClaimantType.UNNAMED)
    (row,) = reviewer_api.get("/api/claims/").json()["results"]
    detail = reviewer_api.get(_url(claim)).json()
    assert row["claimant_type"] == detail["claimant_type"] == "unnamed"
    assert list(row)[list(row).index("claimant") + 1] == "claimant_type"


def test_the_article_detail_lists_its_claims_with_their_types(reviewer_api):
    claim = ClaimFactory(claimant="Volodymyr Zelensky", claimant_type=ClaimantType.PERSON)
    body = reviewer_api.get(f"/api/articles/{claim.article_id}/").json()
    assert [c["claimant_type"] for c in body["claims"]] == ["person"]


def test_patch_sets_the_claimant_and_its_type(reviewer_api):
    claim = ClaimFactory(claimant="reports", claimant_type=ClaimantType.UNNAMED)
    response = reviewer_api.patch(_url(claim), {"version": 1, "claimant": "Reuters",
                                                "claimant_type": "organisation"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["claimant"], body["claimant_type"], body["extracted_claimant"]) == (
        "Reuters", "organisation", "reports")


def test_patch_with_an_unknown_claimant_type_is_400(reviewer_api):
    claim = ClaimFactory(claimant="reports")
    response = reviewer_api.patch(_url(claim), {"version": 1, "claimant_type": "Organization"}, format="json")
    assert response.status_code == 400
    assert "claimant_type" in response.json()
    assert Claim.objects.get(pk=claim.pk).version == 1
