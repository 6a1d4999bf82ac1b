"""GET /api/dashboard/: the page's figures as JSON, editors only."""
import pytest

from tests.annotations.dashboard.desk import TODAY, build_desk

pytestmark = pytest.mark.django_db


def test_who_may_read_the_dashboard_api(anonymous_api, reviewer_api, editor_api):
    assert anonymous_api.get("/api/dashboard/").status_code == 401
    assert reviewer_api.get("/api/dashboard/").status_code == 403
    assert editor_api.get("/api/dashboard/").status_code == 200


def test_the_dashboard_api_gives_every_figure(editor_api):
    desk = build_desk()
    data = editor_api.get("/api/dashboard/?days=7").json()
    assert (data["days"], data["last_day"], len(data["daily"])) == (7, TODAY.isoformat(), 7)
    assert data["daily"][-1] == {"day": TODAY.isoformat(), "extracted": 3, "finalized": 2, "reviews": 4}
    assert {row["verdict"]: row["claims"] for row in data["verdicts"]}["verified"] == 3
    assert data["time_to_final"] == {"claims": 2, "median_seconds": 7200}
    assert data["review_gap_cap_seconds"] == 600
    assert [(r["reviewer"], r["reviews"], r["seconds_spent"]) for r in data["reviewers"]] == [
        ("rita-d", 3, 840), ("sam-d", 1, 0)]
    assert (data["agreement"]["claims"], data["agreement"]["agreed"], data["agreement"]["kappa"]) == (1, 0, 0.0)
    assert data["repeated"][0]["claim_id"] == desk["earlier"].pk and data["repeated"][0]["repeats"] == 3


def test_a_bad_period_answers_400_naming_days(editor_api):
    response = editor_api.get("/api/dashboard/?days=9999")
    assert response.status_code == 400
    assert "days" in response.json()
