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


def _generated() -> dict:
    import json

    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer
    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


def test_every_operation_documents_its_error_answers_in_the_error_shape():
    schema = _generated()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert "503" in codes, (method, path)
            if path != "/api/auth/token/":
                assert {"401", "403"} <= codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if "requestBody" in operation:
                assert {"400", "413", "415"} <= codes, (method, path)
                assert set(operation["requestBody"]["content"]) == (
                    {"application/json", "application/x-www-form-urlencoded", "multipart/form-data"}
                    if path == "/api/auth/token/" else {"application/json"}), path
            for code, response in operation["responses"].items():
                if code.startswith(("4", "5")):
                    ref = response["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
                    assert {"detail", "code"} <= set(schema["components"]["schemas"][ref]["required"]), ref
    assert "429" in schema["paths"]["/api/auth/token/"]["post"]["responses"]


def test_nullable_fields_urls_and_pagination_are_described_as_answered():
    schemas = _generated()["components"]["schemas"]
    assert schemas["ClaimList"]["properties"]["assigned_to"]["nullable"] is True
    assert schemas["ArticleList"]["properties"]["submitted_by"]["nullable"] is True
    assert schemas["ArticleList"]["properties"]["url"] == {
        "type": "string", "format": "uri", "readOnly": True, "nullable": True,
        "description": "The article's original address; null for pasted text or a file."}
    assert "count" in schemas["PaginatedReportListList"]["properties"]
    assert "" in schemas["BlankEnum"]["enum"]


def test_request_bodies_refuse_unknown_keys_in_the_schema_too():
    schemas = _generated()["components"]["schemas"]
    for name in ("ReviewCreate", "SourceInput", "ClaimEdit", "ArticleCreate", "ReportCreate", "ClaimFilter",
                 "FeedRegister", "TokenRequest"):
        assert schemas[name]["additionalProperties"] is False, name
    assert schemas["ReportCreate"]["properties"]["title"]["pattern"] == r"^[^\u0000]*[^\s\u0000][^\u0000]*$"
