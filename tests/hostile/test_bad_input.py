"""Input that used to crash (500): deep JSON, hand-made claim-list cursors, odd ids in the report forms,
NUL characters in an upload. Each is now a 4xx (or, for NULs, stored without them) and nothing is lost."""
import base64
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from annotations.reports.models import Report, ReportClaim
from tests.factories import ClaimFactory, ReportFactory, UserFactory
from verify.api.parsers import MAX_JSON_DEPTH
from verify.models import Article

pytestmark = pytest.mark.django_db


def nested(depth: int) -> str:
    return '{"username": ' + "[" * depth + "]" * depth + ', "password": "x"}'


def cursor(payload: str) -> str:
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 1_000, 100_000])
def test_deeply_nested_json_on_the_unauthenticated_token_endpoint_is_a_400(anonymous_api, depth):
    response = anonymous_api.generic("POST", "/api/auth/token/", nested(depth), content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "parse_error"
    assert str(MAX_JSON_DEPTH) in response.json()["detail"]


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_json_on_any_endpoint_is_a_400_and_stores_nothing(reviewer_api, depth):
    claim = ClaimFactory()
    body = json.dumps({"verdict": "verified", "version": claim.version})[:-1] + ', "sources": ' + \
        "[" * depth + "]" * depth + "}"
    response = reviewer_api.generic("POST", f"/api/claims/{claim.pk}/reviews/", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "parse_error"
    claim.refresh_from_db()
    assert claim.version == 1 and not claim.reviews.exists()


def test_json_as_deep_as_the_limit_is_still_parsed(anonymous_api):
    # MAX_JSON_DEPTH levels in all: the body object and MAX_JSON_DEPTH - 1 lists inside it.
    response = anonymous_api.generic("POST", "/api/auth/token/", nested(MAX_JSON_DEPTH - 1),
                                     content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "invalid"  # a username must be a string


@pytest.mark.parametrize("payload, ordering", [
    ('{"f":"checkworthiness","v":1e999,"id":1}', ""),
    ('{"f":"checkworthiness","v":0.5,"id":' + "9" * 400 + "}", ""),
    ('{"f":"checkworthiness","v":' + "9" * 400 + ',"id":1}', ""),
    ('{"f":"checkworthiness","v":true,"id":1}', ""),
    ('{"f":"checkworthiness","v":0.5,"id":true}', ""),
    ('{"f":"checkworthiness","v":0.5,"id":0}', ""),
    ('{"f":"created_at","v":"2020-13-45T00:00:00","id":1}', "-created_at"),
    ('{"f":"created_at","v":"2020-02-30T10:00:00Z","id":1}', "created_at"),
    ('{"f":"updated_at","v":1700000000,"id":1}', "-updated_at"),
    ("[" * 5000 + "]" * 5000, ""),
])
def test_malformed_claim_list_cursors_are_a_400(reviewer_api, payload, ordering):
    ClaimFactory()
    query = {"cursor": cursor(payload), **({"ordering": ordering} if ordering else {})}
    response = reviewer_api.get("/api/claims/", query)
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid" and "cursor" in response.json()


def test_a_cursor_from_a_real_next_link_still_works(reviewer_api):
    claims = ClaimFactory.create_batch(3)
    first = reviewer_api.get("/api/claims/", {"page_size": 2}).json()
    second = reviewer_api.get(first["next"]).json()
    seen = [row["id"] for row in first["results"] + second["results"]]
    assert sorted(seen) == sorted(claim.pk for claim in claims) and second["next"] is None


@pytest.fixture
def editor_browser():
    client = Client()
    client.force_login(UserFactory(role="editor"))
    return client


@pytest.mark.parametrize("value", ["²", "٣", "1²", "9" * 30, "0"])
def test_report_forms_refuse_odd_ids_with_a_400(editor_browser, value):
    report = ReportFactory()
    claim = ClaimFactory()
    ReportClaim.objects.create(report=report, claim=claim, position=1)

    created = editor_browser.post("/reports/", {"title": "T", "claim_ids": f"{claim.pk}, {value}"})
    by_article = editor_browser.post("/reports/", {"title": "T", "article_id": value})
    removed = editor_browser.post(f"/reports/{report.pk}/claims/remove/", {"claim": [str(claim.pk), value]})
    added = editor_browser.post(f"/reports/{report.pk}/claims/add/", {"claim_ids": value})

    assert (created.status_code, by_article.status_code, removed.status_code, added.status_code) == (400,) * 4
    assert "whole numbers" in removed.content.decode() and "whole numbers" in created.content.decode()
    assert Report.objects.count() == 1 and list(report.report_claims.values_list("claim", flat=True)) == [claim.pk]


@pytest.mark.parametrize("value", ["²", "9" * 30])
def test_the_queue_filter_and_previous_claim_link_ignore_odd_ids(client, value):
    client.force_login(UserFactory(role="reviewer"))
    claim = ClaimFactory()
    assert client.get(reverse("desk:claim-list"), {"article": value}).status_code == 200
    assert client.get(reverse("desk:claim-detail", args=[claim.pk]), {"prev": value}).status_code == 200


def test_a_utf16_upload_holding_nul_characters_is_stored_without_them(client):
    client.force_login(UserFactory(role="reviewer"))
    text = "The ministry said\x00 that 4,000 homes\x00 were rebuilt in 2024."
    upload = SimpleUploadedFile("homes.txt", text.encode("utf-16"))
    response = client.post(reverse("desk:article-submit"), {"file": upload})
    assert response.status_code == 302, response.content[:500]
    assert Article.objects.get().raw_content == text.replace("\x00", "")



@pytest.mark.django_db
@pytest.mark.parametrize("query", ["ordering=%00title", "publisher=a%00b", "x%00=1"])
def test_a_nul_anywhere_in_an_api_query_is_a_400_even_in_a_parameter_the_view_ignores(reviewer_api, query):
    response = reviewer_api.get(f"/api/articles/?{query}")
    assert response.status_code == 400 and response.json()["code"] == "invalid"


@pytest.mark.django_db
def test_text_with_a_nul_is_refused_before_any_lookup_and_never_echoed(reviewer_api):
    response = reviewer_api.post("/api/claims/bulk/", {"action": "assign", "ids": [ClaimFactory().pk],
                                                       "assignee": "ri\x00ta"}, format="json")
    assert response.status_code == 400 and response.json()["assignee"] == ["Null characters are not allowed."]
    assert b"\\u0000" not in response.content and b"\x00" not in response.content
