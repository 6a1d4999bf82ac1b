"""The bulk, sign-off and agreement endpoints: thin over the services, role-checked, in the schema."""
import pytest

from annotations.services import review_submit
from tests.factories import ClaimFactory, ReportFactory, UserFactory
from verify.models import Claim

pytestmark = pytest.mark.django_db


def test_bulk_dismiss_answers_each_claims_outcome(reviewer_api, reviewer):
    other = UserFactory(username="omar", role="reviewer")
    fresh, stale = ClaimFactory(), ClaimFactory()
    versions = [{"claim": fresh.pk, "version": fresh.version}, {"claim": stale.pk, "version": stale.version}]
    review_submit(claim=stale, reviewer=other, verdict="verified")

    response = reviewer_api.post("/api/claims/bulk/", {"action": "dismiss", "ids": [fresh.pk, stale.pk],
                                                       "versions": versions}, format="json")

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["done"], body["failed"]) == (1, 1)
    assert [(r["claim_id"], r["ok"], r["code"]) for r in body["results"]] == [
        (fresh.pk, True, ""), (stale.pk, False, "version_conflict")]
    assert Claim.objects.get(pk=fresh.pk).verdict == "not_a_claim"


def test_bulk_assign_by_an_editor_names_the_reviewer(editor_api, reviewer):
    claims = ClaimFactory.create_batch(2)
    response = editor_api.post("/api/claims/bulk/", {"action": "assign", "ids": [c.pk for c in claims],
                                                     "assignee": "rita"}, format="json")
    assert response.json()["done"] == 2
    assert set(Claim.objects.values_list("assigned_to__username", flat=True)) == {"rita"}


@pytest.mark.parametrize("payload, field", [
    ({"action": "dismiss", "ids": []}, "ids"),
    ({"action": "nuke", "ids": [1]}, "action"),
    ({"action": "dismiss", "ids": [1], "versions": [{"claim": "abc", "version": 1}]}, "versions"),
    ({"action": "dismiss", "ids": "1,2"}, "ids"),
])
def test_a_bad_bulk_request_is_a_400_naming_the_field(reviewer_api, payload, field):
    response = reviewer_api.post("/api/claims/bulk/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_a_bulk_request_naming_an_unknown_assignee_is_a_404_naming_the_field(reviewer_api):
    response = reviewer_api.post("/api/claims/bulk/", {"action": "assign", "ids": [1], "assignee": "nobody"},
                                 format="json")
    assert response.status_code == 404 and response.json()["code"] == "not_found" and "assignee" in response.json()


def test_adding_to_a_report_in_bulk_needs_an_editor(reviewer_api, editor_api):
    report, claim = ReportFactory(), ClaimFactory(verdict="verified")
    payload = {"action": "report_add", "ids": [claim.pk], "report": report.pk}
    assert reviewer_api.post("/api/claims/bulk/", payload, format="json").status_code == 403
    assert editor_api.post("/api/claims/bulk/", payload, format="json").json()["done"] == 1


def test_an_editor_approves_through_the_api_and_a_reviewer_may_not(reviewer_api, editor_api, reviewer, settings):
    settings.VERIFY_SIGNOFF_MODE = "editor_approval"
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=reviewer, verdict="verified")
    claim.refresh_from_db()

    assert reviewer_api.post(f"/api/claims/{claim.pk}/approve/", {"version": claim.version}).status_code == 403
    response = editor_api.post(f"/api/claims/{claim.pk}/approve/", {"version": claim.version})

    assert response.status_code == 200, response.content
    assert response.json()["signoff"] == "final"
    assert editor_api.post(f"/api/claims/{claim.pk}/approve/", {"version": claim.version}).status_code == 400


def test_the_second_reviewer_does_not_get_the_first_verdict_from_the_api(reviewer_api, editor_api, settings):
    settings.VERIFY_SIGNOFF_MODE = "double"
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=UserFactory(username="omar", role="reviewer"), verdict="disputed",
                  rationale="Officials deny it.")

    reviews = reviewer_api.get(f"/api/claims/{claim.pk}/reviews/").json()
    history = reviewer_api.get(f"/api/claims/{claim.pk}/history/").json()

    assert reviews["count"] == 0
    assert "disputed" not in str(history) and "Officials" not in str(history)
    claim.refresh_from_db()
    response = reviewer_api.post(f"/api/claims/{claim.pk}/reviews/", {"verdict": "verified", "version": claim.version},
                                 format="json")
    assert response.json()["claim"]["signoff"] == "disagreement"
    decided = editor_api.post(f"/api/claims/{claim.pk}/decide/", {"verdict": "disputed", "version":
                                                                  response.json()["claim"]["version"]})
    assert decided.status_code == 201, decided.content
    assert decided.json()["claim"] == {"id": claim.pk, "verdict": "disputed", "signoff": "final",
                                       "version": claim.version + 2}


def test_agreement_is_for_editors_and_reports_pairs(reviewer_api, editor_api, reviewer, settings):
    settings.VERIFY_SIGNOFF_MODE = "double"
    omar = UserFactory(username="omar", role="reviewer")
    for first, second in (("verified", "verified"), ("disputed", "verified")):
        claim = ClaimFactory()
        review_submit(claim=claim, reviewer=reviewer, verdict=first)
        review_submit(claim=claim, reviewer=omar, verdict=second)

    assert reviewer_api.get("/api/agreement/").status_code == 403
    body = editor_api.get("/api/agreement/").json()

    assert body["overall"]["claims"] == 2 and body["overall"]["observed"] == 0.5
    assert [(pair["reviewers"], pair["claims"]) for pair in body["pairs"]] == [(["omar", "rita"], 2)]


def test_editors_change_the_signoff_mode_reviewers_only_read_it(reviewer_api, editor_api, settings):
    settings.VERIFY_SIGNOFF_MODE = "single"
    assert reviewer_api.get("/api/desk-settings/").json() == {"signoff_mode": "single", "stored_signoff_mode": ""}
    assert reviewer_api.patch("/api/desk-settings/", {"stored_signoff_mode": "double"}).status_code == 403
    response = editor_api.patch("/api/desk-settings/", {"stored_signoff_mode": "double"})
    assert response.json() == {"signoff_mode": "double", "stored_signoff_mode": "double"}
    assert editor_api.patch("/api/desk-settings/", {"stored_signoff_mode": "triple"}).status_code == 400


def test_the_new_endpoints_are_in_the_openapi_schema(editor_api):
    paths = editor_api.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    for path in ("/api/claims/bulk/", "/api/claims/{claim_id}/approve/", "/api/claims/{claim_id}/send-back/",
                 "/api/claims/{claim_id}/decide/", "/api/agreement/", "/api/desk-settings/"):
        assert path in paths


def test_the_claim_detail_leaves_out_the_hidden_first_reviews_sources_and_says_its_signoff(reviewer_api, settings):
    settings.VERIFY_SIGNOFF_MODE = "double"
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=UserFactory(username="omar", role="reviewer"), verdict="disputed",
                  sources=[{"url": "https://example.org/denial", "stance": "refutes"}])

    body = reviewer_api.get(f"/api/claims/{claim.pk}/").json()

    assert (body["verdict"], body["signoff"], body["sources"]) == ("unreviewed", "awaiting_second", [])
    listed = reviewer_api.get("/api/claims/", {"verdict": "unreviewed"}).json()["results"]
    assert [(row["id"], row["signoff"]) for row in listed] == [(claim.pk, "awaiting_second")]


def test_bulk_assign_naming_nobody_assigns_the_claims_to_the_caller(reviewer_api, reviewer):
    claims = ClaimFactory.create_batch(2)
    response = reviewer_api.post("/api/claims/bulk/", {"action": "assign", "ids": [c.pk for c in claims]},
                                 format="json")
    assert response.status_code == 200 and response.json()["done"] == 2
    assert {claim.assigned_to_id for claim in Claim.objects.filter(pk__in=[c.pk for c in claims])} == {reviewer.pk}


def test_bulk_refuses_a_body_of_the_wrong_types(reviewer_api):
    response = reviewer_api.post("/api/claims/bulk/", {"action": "assign", "ids": [ClaimFactory().pk],
                                                       "rationale": 0}, format="json")
    assert response.status_code == 400 and "rationale" in response.json()
