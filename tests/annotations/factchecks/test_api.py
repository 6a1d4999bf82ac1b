"""The fact-check API: editors import (data or url), reviewers list; bad input is a 400 storing nothing."""
import json
from pathlib import Path

import pytest

from annotations.factchecks.models import PublishedFactCheck
from verify.ingestion.fetch import FetchResult

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
IMPORT = "/api/fact-checks/import/"


def _data(name):
    return json.loads((FIXTURES / name).read_text())


def test_editors_import_json_and_see_the_refused_items(editor_api):
    response = editor_api.post(IMPORT, {"data": _data("datafeed.json")}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["created"], len(body["ids"])) == (2, 2)
    assert [r["position"] for r in body["rejected"]] == [3, 4]
    assert body["rejected"][1]["reason"] == "The review URL is not an http:// or https:// address."


def test_reviewers_may_not_import_but_may_list(reviewer_api, editor_api):
    assert reviewer_api.post(IMPORT, {"data": _data("single.json")}, format="json").status_code == 403
    editor_api.post(IMPORT, {"data": _data("single.json")}, format="json")
    listed = reviewer_api.get("/api/fact-checks/").json()
    assert [item["publisher_name"] for item in listed["results"]] == ["Harbour Fact Check"]
    assert listed["results"][0]["rating_text"] == "Mostly false"


@pytest.mark.parametrize("body", [{"data": {"hello": "world"}}, {"data": "ClaimReview"}, {},
                                  {"data": _data("single.json"), "url": "https://example.org/x.json"}])
def test_unusable_bodies_are_a_400_and_store_nothing(editor_api, body):
    response = editor_api.post(IMPORT, body, format="json")
    assert response.status_code == 400
    assert response.json()["code"]
    assert not PublishedFactCheck.objects.exists()


def test_a_url_is_fetched_and_imported(editor_api, monkeypatch):
    content = (FIXTURES / "factcheck_tools.json").read_bytes()
    monkeypatch.setattr("annotations.factchecks.services.fetch_url", lambda *, url, accept: FetchResult(
        url=url, final_url=url, status_code=200, mime_type="application/json", charset="utf-8", content=content,
        text=""))
    response = editor_api.post(IMPORT, {"url": "https://deltaverifica.example.com/api.json"}, format="json")
    assert response.status_code == 200 and response.json()["created"] == 2


def test_an_internal_url_is_refused(editor_api):
    response = editor_api.post(IMPORT, {"url": "http://127.0.0.1/claims.json"}, format="json")
    assert response.status_code == 400
    assert "url" in response.json()


def test_similar_shows_the_fact_checkers_rating_not_a_verdict(editor_api, reviewer_api):
    editor_api.post(IMPORT, {"data": _data("single.json")}, format="json")
    response = reviewer_api.get("/api/claims/similar/", {"q": "Up to 11000 North Korean soldiers in the region"})
    [result] = response.json()["results"]
    assert result["matched"]["kind"] == "fact_check"
    assert (result["matched"]["publisher"], result["matched"]["rating"], result["matched"]["verdict"]) == (
        "Harbour Fact Check", "Mostly false", "")


def test_editors_subscribe_to_a_feed_once(editor_api, reviewer_api, monkeypatch):
    monkeypatch.setattr("annotations.factchecks.feeds.url_validate", lambda *, url: url)
    body = {"url": "https://lighthouse.example.org/claimreview.json", "poll_interval_minutes": 60}
    created = editor_api.post("/api/fact-check-feeds/", body, format="json")
    assert created.status_code == 201 and created.json()["poll_interval_minutes"] == 60
    assert editor_api.post("/api/fact-check-feeds/", body, format="json").status_code == 409
    assert reviewer_api.get("/api/fact-check-feeds/").status_code == 403
    assert [f["url"] for f in editor_api.get("/api/fact-check-feeds/").json()["results"]] == [body["url"]]


def test_an_internal_feed_url_is_a_400(editor_api):
    response = editor_api.post("/api/fact-check-feeds/", {"url": "http://127.0.0.1/feed.json"}, format="json")
    assert response.status_code == 400 and "url" in response.json()
