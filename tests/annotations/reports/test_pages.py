"""Desk pages (login + role) and the public permalink (no login for published, 404 for drafts)."""
import json
import re

from django.test import Client

from tests.annotations.reports.conftest import review_again, reviewed_claim
from tests.annotations.reports.jsonld_rules import claimreview_document_errors
from verify.models import Verdict
from annotations.reports import services
from annotations.reports.models import Report

JSONLD_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_public_report_page_needs_no_login_and_links_each_claim_to_its_own_page(troops_report, troops_claim):
    response = Client().get(f"/r/{troops_report.slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert JSONLD_SCRIPT.findall(page) == []  # the ClaimReview is on the claim's page
    assert f'href="/r/{troops_report.slug}/claims/{troops_claim.pk}/"' in page
    claim_page = Client().get(f"/r/{troops_report.slug}/claims/{troops_claim.pk}/").content.decode()
    (jsonld,) = JSONLD_SCRIPT.findall(claim_page)
    assert claimreview_document_errors({"@context": "https://schema.org", "@graph": [json.loads(jsonld)]}) == []
    assert "As many as 11,000 North Korean troops" in page and "Unverified" in page
    assert 'href="https://www.defense.example.gov/briefing"' in page
    assert "data-print" in page and "reports/report.css" in page
    assert "Open in the desk" not in page
    assert "Rita Ng" not in page and "eddie" not in page  # readers see when it was reviewed, not by whom


def test_a_draft_is_404_to_readers_and_a_preview_to_the_desk(editor, reviewer):
    claim = reviewed_claim()
    report = services.report_create(title="Secret draft", created_by=editor, claim_ids=[claim.pk])
    assert Client().get(f"/r/{report.slug}/").status_code == 404
    assert Client().get(f"/r/{report.slug}/1/").status_code == 404
    preview = client_for(reviewer).get(f"/r/{report.slug}/")
    assert preview.status_code == 200 and b"Draft preview" in preview.content
    assert Client().get("/r/no-such-report/").status_code == 404


def test_the_permalink_says_when_a_newer_verdict_exists_and_revisions_stay_readable(editor, troops_report,
                                                                                  troops_claim):
    review_again(troops_claim, verdict=Verdict.DISPUTED, rationale="Satellite images contradict it.")
    page = Client().get(f"/r/{troops_report.slug}/").content.decode()
    assert "This claim changed since this revision was published" in page
    assert "Unverified" in page and "Satellite images" not in page

    services.report_publish(report=troops_report, actor=editor)
    latest = Client().get(f"/r/{troops_report.slug}/").content.decode()
    assert "Disputed" in latest and "This claim changed" not in latest
    old = Client().get(f"/r/{troops_report.slug}/1/").content.decode()
    assert "revision 1" in old and "Read the current version (revision 2)" in old and "badge-unverified" in old


def test_desk_pages_need_login_and_the_right_role(reviewer, editor, troops_report):
    anonymous = Client()
    assert anonymous.get("/reports/").status_code == 302
    assert anonymous.get(f"/reports/{troops_report.pk}/").status_code == 302
    assert anonymous.get(f"/reports/{troops_report.pk}/download/csv/").status_code == 302
    as_reviewer = client_for(reviewer)
    assert as_reviewer.get("/reports/").status_code == 200
    assert as_reviewer.get(f"/reports/{troops_report.pk}/").status_code == 200
    assert as_reviewer.post("/reports/", {"title": "x"}).status_code == 403
    assert as_reviewer.post(f"/reports/{troops_report.pk}/publish/").status_code == 403
    assert as_reviewer.post(f"/reports/{troops_report.pk}/claims/add/", {"claim_ids": "1"}).status_code == 403
    assert troops_report.revisions.count() == 1


def test_an_editor_builds_publishes_and_downloads_from_the_pages(editor):
    claims = [reviewed_claim(), reviewed_claim(verdict=Verdict.VERIFIED)]
    browser = client_for(editor)
    created = browser.post("/reports/", {"title": "From the page", "summary": "S", "claim_ids": f"{claims[0].pk}"})
    report = Report.objects.get()
    assert created.status_code == 302 and created["Location"] == f"/reports/{report.pk}/"
    browser.post(f"/reports/{report.pk}/claims/add/", {"claim_ids": f"{claims[1].pk}"})
    assert browser.post(f"/reports/{report.pk}/publish/").status_code == 400  # not confirmed
    assert browser.post(f"/reports/{report.pk}/publish/", {"confirm": "on"}).status_code == 302
    detail = browser.get(f"/reports/{report.pk}/").content.decode()
    assert "Published revision 1." in detail and f"/r/{report.slug}/" in detail
    for fmt in ("claimreview", "html", "md", "csv", "pdf"):
        response = browser.get(f"/reports/{report.pk}/download/{fmt}/?revision=1")
        assert response.status_code == 200, fmt
        assert "attachment" in response["Content-Disposition"]
    assert browser.get(f"/reports/{report.pk}/download/docx/").status_code == 404


def test_bad_form_input_is_a_400_with_the_reason(editor):
    browser = client_for(editor)
    response = browser.post("/reports/", {"title": "T", "claim_ids": "12, abc"})
    assert response.status_code == 400 and b"whole numbers" in response.content
    response = browser.post("/reports/", {"title": "T", "claim_ids": "999999"})
    assert response.status_code == 400 and b"No claim has the id" in response.content
    assert not Report.objects.exists()


def test_publishing_an_unreviewed_claim_from_the_page_explains_why(editor):
    from tests.factories import ClaimFactory

    report = services.report_create(title="T", created_by=editor, claim_ids=[ClaimFactory().pk])
    response = client_for(editor).post(f"/reports/{report.pk}/publish/", {"confirm": "on"})
    assert response.status_code == 400
    assert b"(Unreviewed) cannot be published" in response.content
    assert not report.revisions.exists()


def test_a_large_download_from_the_page_becomes_a_background_export(editor, settings,
                                                                    django_capture_on_commit_callbacks):
    settings.VERIFY_REPORT_SYNC_MAX_CLAIMS = 1
    claims = [reviewed_claim(), reviewed_claim()]
    report = services.report_create(title="Big", created_by=editor, claim_ids=[c.pk for c in claims])
    services.report_publish(report=report, actor=editor)
    browser = client_for(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.get(f"/reports/{report.pk}/download/csv/")
    assert response.status_code == 302 and response["Location"].endswith("#exports")
    export = report.exports.get()
    status = browser.get(f"/reports/exports/{export.pk}/").json()
    assert status["status"] == "done" and status["progress"] == 100
    download = browser.get(status["download_url"])
    assert download.status_code == 200 and b"\"claim\",\"claimant\"" in b"".join(download.streaming_content)


def test_user_text_is_escaped_on_the_desk_pages(editor):
    claim = reviewed_claim(text="<script>alert(1)</script>")
    report = services.report_create(title="<b>t</b>", created_by=editor, claim_ids=[claim.pk])
    page = client_for(editor).get(f"/reports/{report.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>t</b>" not in page


def test_out_of_range_ids_in_forms_and_urls_are_client_errors(editor):
    browser = client_for(editor)
    huge = 2**70
    assert browser.post("/reports/", {"title": "T", "claim_ids": str(huge)}).status_code == 400
    assert browser.post("/reports/", {"title": "T", "article_id": str(huge)}).status_code == 400
    assert browser.get(f"/reports/{huge}/").status_code == 404
    assert browser.get(f"/reports/exports/{huge}/").status_code == 404
    assert Client().get(f"/r/x/{huge}/").status_code == 404
    assert not Report.objects.exists()
