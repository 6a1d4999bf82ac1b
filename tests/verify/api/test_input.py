"""API request bodies are taken as the schema describes them: JSON only, no unknown keys, no wrong types,
RFC 3339 dates, strict query parameters; each refusal is a 400 (415 for another media type) and stores nothing."""
import pytest

from tests.factories import ClaimFactory, FeedFactory
from verify.models import Article

pytestmark = pytest.mark.django_db


def _reviews(claim) -> str:
    return f"/api/claims/{claim.pk}/reviews/"


def test_an_unknown_key_in_a_body_is_a_400_naming_it_and_nothing_is_stored(reviewer_api):
    claim = ClaimFactory()
    response = reviewer_api.post(_reviews(claim), {"verdict": "verified", "version": 1, "rationle": "typo"},
                                 format="json")
    assert response.status_code == 400, response.content
    assert "rationale" in response.json()["rationle"][0]  # the message lists the accepted fields
    claim.refresh_from_db()
    assert claim.version == 1 and not claim.reviews.exists()


def test_an_unknown_key_in_a_nested_object_is_refused_too(reviewer_api):
    response = reviewer_api.post(_reviews(ClaimFactory()), {
        "verdict": "verified", "version": 1, "sources": [{"url": "https://example.org/a", "colour": "red"}]},
        format="json")
    assert response.status_code == 400
    assert "colour" in response.json()["sources"]["0"]


@pytest.mark.parametrize("payload, field", [
    ({"text": 42}, "text"),
    ({"text": "Ministers said 4,000 homes were rebuilt.", "title": 7}, "title"),
    ({"text": "Ministers said 4,000 homes were rebuilt.", "published_at": 1700000000}, "published_at"),
    ({"text": ["Ministers said 4,000 homes were rebuilt."]}, "text"),
])
def test_a_value_of_the_wrong_json_type_is_a_400_not_converted(reviewer_api, payload, field):
    response = reviewer_api.post("/api/articles/", payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Article.objects.exists()


def test_a_boolean_is_not_a_number_and_a_number_not_a_boolean(editor_api):
    feed = FeedFactory()
    assert editor_api.patch(f"/api/feeds/{feed.pk}/", {"poll_interval_minutes": True}, format="json").status_code == 400
    assert editor_api.patch(f"/api/feeds/{feed.pk}/", {"enabled": 1}, format="json").status_code == 400
    assert editor_api.patch(f"/api/feeds/{feed.pk}/", {"enabled": False, "poll_interval_minutes": 30.0},
                            format="json").status_code == 200


@pytest.mark.parametrize("value", ["2024-05-06", "2024-05-06T09:30", "20240506T093000Z", "2024-05-06 09:30:00Z"])
def test_dates_in_bodies_are_rfc_3339(reviewer_api, value):
    response = reviewer_api.post("/api/articles/", {"text": "Ministers said 4,000 homes were rebuilt.",
                                                    "published_at": value}, format="json")
    assert response.status_code == 400 and "published_at" in response.json()


def test_an_rfc_3339_date_is_taken(reviewer_api):
    response = reviewer_api.post("/api/articles/", {"text": "Ministers said 4,000 homes were rebuilt.",
                                                    "published_at": "2024-05-06T09:30:00.5+02:00"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["published_at"] == "2024-05-06T07:30:00.500000Z"


def test_a_form_body_is_a_415_on_the_api(reviewer_api):
    response = reviewer_api.post(_reviews(ClaimFactory()), {"verdict": "verified", "version": "1"}, format="multipart")
    assert response.status_code == 415 and response.json()["code"] == "unsupported_media_type"


def test_the_token_endpoint_still_takes_a_form(anonymous_api, reviewer):
    reviewer.set_password("correct horse battery staple")
    reviewer.save()
    response = anonymous_api.post("/api/auth/token/", {"username": reviewer.username,
                                                       "password": "correct horse battery staple"})
    assert response.status_code == 200 and response.json()["token"]


@pytest.mark.parametrize("query", [{"set_aside": "maybe"}, {"has_sources": ""}, {"verdict": ""}, {"article": "²"},
                                   {"article": "0"}, {"ordering": ""}, {"score_min": "lots"}])
def test_a_query_parameter_given_without_a_value_of_its_type_is_a_400(reviewer_api, query):
    ClaimFactory()
    response = reviewer_api.get("/api/claims/", query)
    assert response.status_code == 400, (query, response.content)
    assert set(query) <= set(response.json())


@pytest.mark.parametrize("path, query", [("/api/articles/", {"page_size": "ten"}), ("/api/reports/", {"page_size": "0"}),
                                         ("/api/articles/", {"status": ""})])
def test_bad_paging_and_filter_values_on_numbered_lists_are_a_400(reviewer_api, path, query):
    response = reviewer_api.get(path, query)
    assert response.status_code == 400 and set(query) <= set(response.json())


def test_a_view_s_own_field_error_is_a_list_like_every_field_error(reviewer_api):
    response = reviewer_api.get("/api/claims/similar/", {"q": " "})
    assert response.status_code == 400 and response.json()["q"] == ["Give the text to look up in ?q=."]
