"""The report API: create, add, publish, detail with revisions, export; roles 401/403."""
import json

import pytest

from verify.audit.models import AuditEntry
from tests.annotations.reports.conftest import review_again, reviewed_claim
from tests.annotations.reports.jsonld_rules import claimreview_document_errors
from verify.models import Verdict
from annotations.reports.models import ExportStatus, Report


@pytest.fixture
def claims(db):
    return [reviewed_claim(verdict=Verdict.UNVERIFIED), reviewed_claim(verdict=Verdict.VERIFIED)]


def create(client, claims, **extra):
    return client.post("/api/reports/", {"title": "Weekly check", "summary": "Two claims.",
                                         "claims": [c.pk for c in claims], **extra}, format="json")


def test_an_editor_creates_a_draft_with_title_summary_and_claims(editor_api, claims):
    response = create(editor_api, claims)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["title"], body["summary"], body["status"]) == ("Weekly check", "Two claims.", "draft")
    assert body["claims"] == [c.pk for c in claims]
    assert body["revisions"] == [] and body["permalink"] is None


def test_a_reviewer_cannot_create_or_publish_and_anonymous_gets_401(reviewer_api, anonymous_api, editor_api, claims):
    assert create(reviewer_api, claims).status_code == 403
    assert create(anonymous_api, claims).status_code == 401
    report_id = create(editor_api, claims).json()["id"]
    assert reviewer_api.post(f"/api/reports/{report_id}/publish/").status_code == 403
    assert anonymous_api.post(f"/api/reports/{report_id}/publish/").status_code == 401
    assert anonymous_api.get(f"/api/reports/{report_id}/").status_code == 401
    assert anonymous_api.get(f"/api/reports/{report_id}/export/?format=csv").status_code == 401
    assert Report.objects.get().status == "draft"


def test_a_reviewer_reads_reports_and_their_exports(reviewer_api, editor_api, claims):
    report_id = create(editor_api, claims).json()["id"]
    editor_api.post(f"/api/reports/{report_id}/publish/")
    assert reviewer_api.get("/api/reports/").json()["results"][0]["id"] == report_id
    assert reviewer_api.get(f"/api/reports/{report_id}/").status_code == 200
    assert reviewer_api.get(f"/api/reports/{report_id}/export/?format=md").status_code == 200


def test_publish_creates_numbered_revisions_and_the_detail_shows_them(editor_api, claims):
    report_id = create(editor_api, claims).json()["id"]
    first = editor_api.post(f"/api/reports/{report_id}/publish/", {}, format="json")
    assert first.status_code == 200, first.json()
    assert first.json()["status"] == "published" and first.json()["latest_revision"] == 1
    review_again(claims[0], verdict=Verdict.DISPUTED, rationale="Contradicted by satellite images.")

    detail = editor_api.get(f"/api/reports/{report_id}/").json()
    assert detail["stale_claims"] == [claims[0].pk]
    assert [item["verdict"] for item in detail["items"]] == ["unverified", "verified"]
    assert [item["newer_verdict"] for item in detail["items"]] == [True, False]

    second = editor_api.post(f"/api/reports/{report_id}/publish/", {"note": "Claim 1 now disputed."}, format="json")
    body = second.json()
    assert [r["number"] for r in body["revisions"]] == [2, 1]
    assert body["revisions"][0]["note"] == "Claim 1 now disputed."
    assert body["revisions"][0]["permalink"].endswith(f"/r/{body['slug']}/2/")
    assert body["revisions"][1]["item_count"] == 2
    assert [item["verdict"] for item in body["items"]] == ["disputed", "verified"]
    assert body["stale_claims"] == []
    assert AuditEntry.objects.filter(action="report.publish").count() == 2


def test_adding_and_removing_claims_through_the_api(editor_api, claims):
    report_id = create(editor_api, claims[:1]).json()["id"]
    added = editor_api.post(f"/api/reports/{report_id}/claims/", {"article": claims[1].article_id}, format="json")
    assert added.status_code == 200 and added.json()["claims"] == [claims[0].pk, claims[1].pk]
    removed = editor_api.post(f"/api/reports/{report_id}/claims/remove/", {"claims": [claims[0].pk]}, format="json")
    assert removed.json()["claims"] == [claims[1].pk]


@pytest.mark.parametrize("payload, field", [
    ({"title": ""}, "title"),
    ({"title": "ok", "claims": "12"}, "claims"),
    ({"title": "ok", "org_url": "not a url"}, "org_url"),
    ({"title": "ok", "filter": {"verdicts": ["maybe"]}}, "filter"),
])
def test_bad_input_is_a_400_naming_the_field(editor_api, payload, field):
    response = editor_api.post("/api/reports/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Report.objects.exists()


def test_a_report_naming_a_missing_claim_is_a_404_naming_the_field(editor_api):
    response = editor_api.post("/api/reports/", {"title": "ok", "claims": [987654]}, format="json")
    assert response.status_code == 404 and "claims" in response.json()


def test_publishing_an_unreviewed_claim_is_a_409_with_the_checks_errors(editor_api, claims):
    from tests.factories import ClaimFactory

    report_id = create(editor_api, [*claims, ClaimFactory()]).json()["id"]
    response = editor_api.post(f"/api/reports/{report_id}/publish/")
    assert response.status_code == 409 and response.json()["code"] == "publish_check"
    assert "Unreviewed" in json.dumps(response.json())


@pytest.mark.parametrize("fmt, content_type", [
    ("claimreview", "application/ld+json"), ("html", "text/html"), ("md", "text/markdown"),
    ("csv", "text/csv"), ("pdf", "application/pdf"),
])
def test_export_returns_each_format_as_a_file(editor_api, claims, fmt, content_type):
    report_id = create(editor_api, claims).json()["id"]
    editor_api.post(f"/api/reports/{report_id}/publish/")
    response = editor_api.get(f"/api/reports/{report_id}/export/?format={fmt}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "-r1." in response["Content-Disposition"]
    if fmt == "claimreview":
        assert claimreview_document_errors(json.loads(response.content)) == []


def test_export_refuses_unknown_formats_and_revisions(editor_api, claims):
    report_id = create(editor_api, claims).json()["id"]
    assert editor_api.get(f"/api/reports/{report_id}/export/?format=docx").status_code == 400
    assert editor_api.get(f"/api/reports/{report_id}/export/").status_code == 400
    assert editor_api.get(f"/api/reports/{report_id}/export/?format=csv&revision=9").status_code == 404
    assert editor_api.get(f"/api/reports/{report_id}/export/?format=csv&revision=x").status_code == 400
    assert editor_api.get("/api/reports/999999/export/?format=csv").status_code == 404


def test_a_draft_exports_as_a_preview(editor_api, claims):
    report_id = create(editor_api, claims).json()["id"]
    response = editor_api.get(f"/api/reports/{report_id}/export/?format=md")
    assert response.status_code == 200
    assert b"Draft" in response.content and "-draft.md" in response["Content-Disposition"]


def test_a_large_report_is_built_by_a_worker_with_progress(editor_api, claims, settings,
                                                           django_capture_on_commit_callbacks):
    settings.VERIFY_REPORT_SYNC_MAX_CLAIMS = 1
    report_id = create(editor_api, claims).json()["id"]
    editor_api.post(f"/api/reports/{report_id}/publish/")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_api.get(f"/api/reports/{report_id}/export/?format=csv")
    assert response.status_code == 202
    export_id = response.json()["id"]
    status = editor_api.get(f"/api/reports/exports/{export_id}/").json()
    assert (status["status"], status["progress"], status["revision"]) == (ExportStatus.DONE, 100, 1)
    download = editor_api.get(status["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).decode("utf-8-sig").count("\n") == 3


def test_background_export_endpoint_and_not_ready_download(editor_api, claims, django_capture_on_commit_callbacks):
    report_id = create(editor_api, claims).json()["id"]
    response = editor_api.post(f"/api/reports/{report_id}/exports/", {"format": "md"}, format="json")
    assert response.status_code == 202
    # The transaction never committed here, so the task has not run yet: not ready is a 409, not a 500.
    assert editor_api.get(f"/api/reports/exports/{response.json()['id']}/download/").status_code == 409
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_api.post(f"/api/reports/{report_id}/exports/", {"format": "md"}, format="json")
    listed = editor_api.get(f"/api/reports/{report_id}/exports/").json()
    assert listed[0]["status"] == "done" and listed[0]["revision"] is None
    assert editor_api.post(f"/api/reports/{report_id}/exports/", {"format": "xls"}, format="json").status_code == 400


def test_out_of_range_ids_are_a_400_or_404_never_a_500(editor_api, claims):
    huge = 2**70
    assert editor_api.post("/api/reports/", {"title": "t", "claims": [huge]}, format="json").status_code == 400
    assert editor_api.post("/api/reports/", {"title": "t", "article": huge}, format="json").status_code == 400
    report_id = create(editor_api, claims).json()["id"]
    assert editor_api.get(f"/api/reports/{report_id}/export/?format=csv&revision={huge}").status_code == 400
    assert editor_api.get(f"/api/reports/{2**63}/").status_code == 404
    assert editor_api.get(f"/api/reports/exports/{huge}/").status_code == 404


def test_an_editor_changes_the_working_copy_and_readers_see_it_in_the_next_revision(editor_api, reviewer_api,
                                                                                   claims):
    report_id = create(editor_api, claims).json()["id"]
    editor_api.post(f"/api/reports/{report_id}/publish/")
    assert reviewer_api.patch(f"/api/reports/{report_id}/", {"title": "No"}, format="json").status_code == 403
    changed = editor_api.patch(f"/api/reports/{report_id}/", {"title": "Better title"}, format="json")
    assert changed.status_code == 200 and changed.json()["title"] == "Better title"
    assert changed.json()["revisions"][0]["title"] == "Weekly check"
    assert editor_api.patch(f"/api/reports/{report_id}/", {"title": "  "}, format="json").status_code == 400
    republished = editor_api.post(f"/api/reports/{report_id}/publish/").json()
    assert republished["revisions"][0]["title"] == "Better title"


def test_a_large_draft_preview_export_is_built_from_the_current_data(editor_api, claims, settings,
                                                                     django_capture_on_commit_callbacks):
    settings.VERIFY_REPORT_SYNC_MAX_CLAIMS = 1
    report_id = create(editor_api, claims).json()["id"]
    editor_api.post(f"/api/reports/{report_id}/publish/")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_api.get(f"/api/reports/{report_id}/export/?format=md&draft=1")
    assert response.status_code == 202 and response.json()["revision"] is None
    status = editor_api.get(f"/api/reports/exports/{response.json()['id']}/").json()
    assert status["status"] == "done" and status["download_url"]


def test_a_server_without_pango_answers_pdf_with_503_and_the_other_formats_still_work(editor_api, claims,
                                                                                      monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_weasyprint(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    report_id = create(editor_api, claims).json()["id"]
    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    response = editor_api.get(f"/api/reports/{report_id}/export/?format=pdf")
    assert response.status_code == 503 and "Pango" in response.json()["detail"]
    assert editor_api.get(f"/api/reports/{report_id}/export/?format=md").status_code == 200
