"""The OpenAPI schema validates, documents every endpoint, and (like the rest of the API) needs a login."""
import pytest
import yaml
from django.core.management import call_command

EXPECTED_PATHS = {
    "/api/auth/token/", "/api/articles/", "/api/articles/{id}/", "/api/articles/{id}/status/",
    "/api/claims/", "/api/claims/{id}/", "/api/claims/{id}/assign/", "/api/claims/{id}/dismiss/",
    "/api/claims/{id}/reopen/", "/api/claims/{claim_id}/reviews/", "/api/claims/{claim_id}/sources/",
    "/api/claims/{claim_id}/history/", "/api/me/", "/api/dashboard/", "/api/webhooks/", "/api/webhooks/{id}/",
    "/api/webhooks/{id}/deliveries/", "/api/webhooks/{id}/test/",
}


def test_schema_validates_without_warnings_and_lists_every_endpoint(tmp_path):
    target = tmp_path / "schema.yml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    schema = yaml.safe_load(target.read_text())
    assert EXPECTED_PATHS <= set(schema["paths"])
    review_post = schema["paths"]["/api/claims/{claim_id}/reviews/"]["post"]
    assert {"201", "400", "409"} <= set(review_post["responses"])
    claim_params = {p["name"] for p in schema["paths"]["/api/claims/"]["get"]["parameters"]}
    assert {"article", "verdict", "search", "ordering", "cursor", "page_size"} <= claim_params
    claim_page = schema["paths"]["/api/claims/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    page_schema = schema["components"]["schemas"][claim_page["$ref"].split("/")[-1]]
    assert set(page_schema["properties"]) == {"next", "results"}
    token_scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert (token_scheme["type"], token_scheme["in"]) == ("apiKey", "header")


@pytest.mark.django_db
def test_schema_and_swagger_ui_are_served_to_logged_in_users_only(reviewer_api, anonymous_api):
    assert anonymous_api.get("/api/schema/").status_code == 401
    assert anonymous_api.get("/api/docs/").status_code == 401
    assert reviewer_api.get("/api/schema/").status_code == 200
    assert reviewer_api.get("/api/docs/").status_code == 200
