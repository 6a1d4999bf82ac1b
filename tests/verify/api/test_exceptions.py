"""One error shape for the whole API: every error answers {"detail": sentence, "code": string, ...},
with the status it always had, its headers, and (400) each invalid field's messages under its name."""
import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.test import APIClient

from config.login import LoginRateThrottle
from tests.factories import (
    ApiTokenFactory, ClaimFactory, FeedFactory, ReportExportFactory, ReviewFactory, UserFactory,
)
from verify.api.exceptions import ApiError, api_exception_handler

pytestmark = pytest.mark.django_db


def assert_error(response, status_code: int, code: str) -> dict:
    assert response.status_code == status_code, response.content
    body = response.json()
    assert isinstance(body, dict), body
    assert isinstance(body["detail"], str) and body["detail"], body
    assert body["code"] == code, body
    return body


def _reviews(claim):
    return f"/api/claims/{claim.pk}/reviews/"


# --- 400 invalid ---------------------------------------------------------------------------------

def test_serializer_errors_keep_the_fields_and_gain_detail_and_code(reviewer_api):
    response = reviewer_api.post(_reviews(ClaimFactory()), {"verdict": "bogus"}, format="json")

    body = assert_error(response, 400, "invalid")
    assert body["verdict"] == ['"bogus" is not a valid choice.']
    assert body["version"] == ["This field is required."]
    assert body["detail"] == 'verdict: "bogus" is not a valid choice. version: This field is required.'


def test_nested_serializer_errors_stay_nested(reviewer_api):
    response = reviewer_api.post(_reviews(ClaimFactory()), {
        "verdict": "verified", "version": 1, "sources": [{"url": "https://a.example.org"}, {"stance": "likes"}]},
        format="json")

    body = assert_error(response, 400, "invalid")
    assert body["sources"] == {"1": {"url": ["This field is required."], "stance": ['"likes" is not a valid choice.']}}
    assert body["detail"] == 'sources[1].url: This field is required. sources[1].stance: "likes" is not a valid choice.'


def test_a_nested_serializers_non_field_error_is_said_where_it_applies(reviewer_api):
    response = reviewer_api.post(_reviews(ClaimFactory()), {"verdict": "verified", "version": 1, "sources": ["nope"]},
                                 format="json")

    body = assert_error(response, 400, "invalid")
    assert body["sources"] == {"0": {"non_field_errors": ["Invalid data. Expected a dictionary, but got str."]}}
    assert body["detail"] == "sources[0]: Invalid data. Expected a dictionary, but got str."


def test_a_value_of_the_wrong_json_type_is_said_under_its_field(reviewer_api):
    response = reviewer_api.post(_reviews(ClaimFactory()), {"verdict": "verified", "version": 1, "sources": "nope"},
                                 format="json")

    body = assert_error(response, 400, "invalid")
    assert body["sources"] == ["Expected a list."]
    assert body["detail"] == "sources: Expected a list."


def test_a_service_validation_error_naming_a_field_keeps_the_services_sentence(reviewer_api):
    response = reviewer_api.post(_reviews(ClaimFactory()), {
        "verdict": "verified", "version": 1, "sources": [{"url": "https://a.example.org"}, {"url": "javascript:x"}]},
        format="json")

    body = assert_error(response, 400, "invalid")
    assert body["detail"] == "Source 2: “javascript:x” is not a valid http(s) URL."
    assert body["sources"] == [body["detail"]]


def test_a_service_validation_error_naming_no_field(reviewer_api):
    claim = ClaimFactory()
    response = reviewer_api.patch(f"/api/claims/{claim.pk}/", {"version": 1}, format="json")

    assert assert_error(response, 400, "invalid") == {
        "detail": "Nothing to change: give a new text or claimant.", "code": "invalid"}


def test_a_body_naming_a_missing_claim_is_a_404_in_the_same_shape(editor_api):
    response = editor_api.post("/api/reports/", {"title": "t", "claims": [999_999]}, format="json")

    body = assert_error(response, 404, "not_found")
    assert body["claims"] == [body["detail"]] == ["No claim has the id(s) 999999."]


def test_a_report_error_naming_no_field_has_a_sentence_not_a_list(editor_api):
    report = editor_api.post("/api/reports/", {"title": "t", "claims": [ClaimFactory().pk]}, format="json").json()

    response = editor_api.post(f"/api/reports/{report['id']}/publish/", {}, format="json")

    body = assert_error(response, 409, "publish_check")
    assert "Unreviewed" in body["detail"] or "unreviewed" in body["detail"]


def test_a_feed_registration_refusal_names_the_url(editor_api):
    response = editor_api.post("/api/feeds/", {"url": "ftp://news.example.org/rss"}, format="json")

    body = assert_error(response, 400, "invalid")
    assert body["url"] == ["Give an http:// or https:// address."]
    assert body["detail"] == "url: Give an http:// or https:// address."


def test_a_feed_registered_twice_is_a_conflict(editor_api):
    feed = FeedFactory()
    response = editor_api.post("/api/feeds/", {"url": feed.url}, format="json")

    body = assert_error(response, 409, "duplicate")
    assert body["detail"] == "This feed is already registered."


def test_an_unknown_review_on_a_source_is_a_field_error(reviewer_api):
    claim = ClaimFactory()
    other_review = ReviewFactory()
    response = reviewer_api.post(f"/api/claims/{claim.pk}/sources/",
                                 {"url": "https://example.org", "review": other_review.pk}, format="json")

    body = assert_error(response, 400, "invalid")
    assert body["review"] == [body["detail"]]


def test_query_parameter_errors_have_the_shape(reviewer_api):
    body = assert_error(reviewer_api.get("/api/claims/similar/", {"q": "troops", "limit": "lots"}), 400, "invalid")
    assert list(body) == ["detail", "code", "limit"] and "not a whole number" in body["detail"]


def test_the_token_endpoints_400_has_the_shape(anonymous_api):
    cache.clear()
    response = anonymous_api.post("/api/auth/token/", {"username": "nobody", "password": "wrong"}, format="json")

    body = assert_error(response, 400, "invalid")
    assert body["non_field_errors"] == [body["detail"]]


def test_a_parse_error(reviewer_api):
    response = reviewer_api.generic("POST", _reviews(ClaimFactory()), b'{"verdict": ', content_type="application/json")

    assert "JSON parse error" in assert_error(response, 400, "parse_error")["detail"]


# --- 401 / 403 -------------------------------------------------------------------------------------

def test_no_credentials_is_401_not_authenticated_with_www_authenticate(anonymous_api):
    response = anonymous_api.get("/api/claims/")

    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Token")


def test_a_bad_token_is_401_authentication_failed_with_www_authenticate():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = client.get("/api/me/")

    assert assert_error(response, 401, "authentication_failed")["detail"] == "Invalid or expired token."
    assert response["WWW-Authenticate"].startswith("Token")


def test_a_valid_token_still_works(reviewer):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiTokenFactory(user=reviewer).key}")
    assert client.get("/api/me/").status_code == 200


def test_a_user_without_a_role_gets_403_permission_denied(norole_api):
    assert_error(norole_api.get("/api/claims/"), 403, "permission_denied")


def test_a_reviewer_reopening_gets_403_permission_denied(reviewer_api):
    claim = ClaimFactory()
    assert_error(reviewer_api.post(f"/api/claims/{claim.pk}/reopen/", {"rationale": "x"}, format="json"),
                 403, "permission_denied")


# --- 404 / 405 / 406 / 409 / 413 / 415 / 429 / 503 ---------------------------------------------------

@pytest.mark.parametrize("path", ["/api/claims/999999/", "/api/claims/999999/reviews/", "/api/reports/999999/",
                                  "/api/claims/99999999999999999999999/matches/"])
def test_unknown_objects_are_404_not_found(editor_api, path):
    assert_error(editor_api.get(path), 404, "not_found")


def test_a_page_past_the_end_is_404_not_found(reviewer_api):
    assert assert_error(reviewer_api.get("/api/articles/", {"page": 99}), 404, "not_found")["detail"] == "Invalid page."


def test_a_method_the_endpoint_does_not_have_is_405(reviewer_api):
    claim = ClaimFactory()
    assert_error(reviewer_api.delete(f"/api/claims/{claim.pk}/"), 405, "method_not_allowed")
    assert_error(reviewer_api.put("/api/me/", {}, format="json"), 405, "method_not_allowed")


def test_an_unrenderable_accept_is_406(reviewer_api):
    assert_error(reviewer_api.get("/api/me/", HTTP_ACCEPT="application/xml"), 406, "not_acceptable")


def test_a_stale_version_is_409_version_conflict_with_what_changed(reviewer_api, editor_api):
    claim = ClaimFactory()
    editor_api.patch(f"/api/claims/{claim.pk}/", {"version": 1, "claimant": "The mayor"}, format="json")

    response = reviewer_api.post(_reviews(claim), {"verdict": "verified", "version": 1}, format="json")

    body = assert_error(response, 409, "version_conflict")
    assert set(body) == {"detail", "code", "claim", "expected_version", "current_version", "changes"}
    assert (body["claim"], body["expected_version"], body["current_version"]) == (claim.pk, 1, 2)
    assert set(body["changes"][0]) == {"who", "action", "before", "after", "when", "summary"}


def test_a_download_that_is_not_ready_is_409_not_ready_with_its_progress(reviewer_api):
    export = ReportExportFactory(progress=40)

    body = assert_error(reviewer_api.get(f"/api/reports/exports/{export.pk}/download/"), 409, "not_ready")
    assert body["progress"] == 40


def test_a_body_over_the_upload_limit_is_413_too_large(reviewer_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = reviewer_api.post("/api/articles/", {"text": "word " * 500}, format="json")

    assert assert_error(response, 413, "too_large")["detail"] == (
        "The request body is larger than the 1,000 bytes the API accepts.")


def test_an_unsupported_content_type_is_415(reviewer_api):
    response = reviewer_api.generic("POST", _reviews(ClaimFactory()), b"verdict=verified", content_type="text/plain")

    assert_error(response, 415, "unsupported_media_type")


def test_the_rate_limited_token_endpoint_is_429_throttled_with_retry_after(monkeypatch):
    monkeypatch.setattr(LoginRateThrottle, "THROTTLE_RATES", {"login": "1/minute"})
    cache.clear()
    UserFactory(username="rita", role="reviewer")
    api = APIClient(REMOTE_ADDR="10.1.2.3")
    api.post("/api/auth/token/", {"username": "rita", "password": "x"}, format="json")

    response = api.post("/api/auth/token/", {"username": "rita", "password": "x"}, format="json")

    assert assert_error(response, 429, "throttled")["detail"].startswith("Request was throttled.")
    assert int(response["Retry-After"]) > 0
    cache.clear()


# --- the handler itself, for errors no endpoint raises on purpose ----------------------------------

class _Teapot(exceptions.APIException):
    status_code = 418
    default_detail = "I am a teapot."
    default_code = "teapot"


@pytest.mark.parametrize("error, status_code, body", [
    (Http404(), 404, {"detail": "Not found.", "code": "not_found"}),
    (Http404("No Claim matches the given query."), 404,
     {"detail": "No Claim matches the given query.", "code": "not_found"}),
    (DjangoPermissionDenied("You need the reviewer role."), 403,
     {"detail": "You need the reviewer role.", "code": "permission_denied"}),
    (exceptions.NotFound(), 404, {"detail": "Not found.", "code": "not_found"}),
    (exceptions.ValidationError("Just one sentence."), 400, {"detail": "Just one sentence.", "code": "invalid"}),
    (exceptions.ValidationError({"non_field_errors": ["Both or neither."]}), 400,
     {"detail": "Both or neither.", "code": "invalid", "non_field_errors": ["Both or neither."]}),
    (exceptions.ValidationError({"ids": {2: ["Not a number."]}}), 400,
     {"detail": "ids[2]: Not a number.", "code": "invalid", "ids": {2: ["Not a number."]}}),
    # Fields called like the shape's keys never replace them; their messages are in `detail`.
    (exceptions.ValidationError({"code": ["Too short."]}), 400, {"detail": "Too short.", "code": "invalid"}),
    (DjangoValidationError({"detail": "Give a detail.", "title": "Give a title."}), 400,
     {"detail": "Give a detail. Give a title.", "code": "invalid", "title": ["Give a title."]}),
    (DjangoValidationError(["One.", "Two."]), 400, {"detail": "One. Two.", "code": "invalid"}),
    (_Teapot(), 418, {"detail": "I am a teapot.", "code": "teapot"}),
    (exceptions.APIException(), 500, {"detail": "A server error occurred.", "code": "error"}),
    (ApiError("Later.", status_code=503, code="unavailable", extra={"code": "x", "eta": 3}), 503,
     {"detail": "Later.", "code": "unavailable", "eta": 3}),
])
def test_the_handler_gives_every_error_the_shape(error, status_code, body):
    response = api_exception_handler(error, {})

    assert (response.status_code, response.data) == (status_code, body)


def test_the_handler_keeps_headers():
    throttled = api_exception_handler(exceptions.Throttled(wait=7), {})
    assert (throttled["Retry-After"], throttled.data["code"]) == ("7", "throttled")
    unavailable = api_exception_handler(
        ApiError("Warming up.", status_code=503, code="warming_up", headers={"Retry-After": "5"}), {})
    assert unavailable["Retry-After"] == "5"


def test_the_handler_leaves_other_exceptions_to_the_500_path():
    assert api_exception_handler(RuntimeError("a bug"), {}) is None
