"""An editor builds, publishes and downloads a report in headless Chromium; readers open the permalink."""
import json
import re

import pytest

from tests.chromium import PASSWORD, chromium_session
from tests.annotations.reports.conftest import review_again, reviewed_claim
from tests.annotations.reports.jsonld_rules import claimreview_document_errors
from verify.models import Verdict
from annotations.reports.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

@pytest.fixture
def chromium():
    with chromium_session() as browser:
        yield browser


def test_an_editor_publishes_a_report_and_gets_every_format(chromium, live_server, editor, troops_claim, tmp_path):
    from playwright.sync_api import expect

    other = reviewed_claim(verdict=Verdict.VERIFIED, text="The bridge reopened on 3 March.", claimant="City Hall")
    context = chromium.new_context(accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)

    page.goto(f"{live_server.url}/accounts/login/?next=/reports/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/reports/")

    page.locator("#id_title").fill("Claims about North Korean troops")
    page.locator("#id_summary").fill("What we could and could not confirm this week.")
    page.get_by_label("Claim IDs").fill(f"{troops_claim.pk}, {other.pk}")
    page.get_by_role("button", name="Create draft").click()
    report = Report.objects.get()
    page.wait_for_url(f"{live_server.url}/reports/{report.pk}/")
    expect(page.get_by_role("heading", name="Covered claims (2)")).to_be_visible()

    page.locator("#publish").click()
    expect(page.locator(".messages")).to_contain_text("Published revision 1.")
    expect(page.locator("#permalink")).to_be_visible()
    page.screenshot(path="/tmp/reportsmig/detail.png", full_page=True)

    files = {}
    for fmt in ("claimreview", "html", "md", "csv", "pdf"):
        with page.expect_download() as download_info:
            page.locator(f"a.download[data-format='{fmt}']").click()
        download = download_info.value
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        files[fmt] = path.read_bytes()
        assert download.suggested_filename == f"{report.slug}-r1.{ {'claimreview': 'jsonld'}.get(fmt, fmt)}"
    assert claimreview_document_errors(json.loads(files["claimreview"])) == []
    assert files["pdf"].startswith(b"%PDF")
    for fmt in ("html", "md", "csv"):
        text = files[fmt].decode("utf-8-sig")
        assert "As many as 11,000 North Korean troops" in text and "Unverified" in text, fmt
        assert "We cannot confirm the number." in text, fmt

    # A reader without an account opens the permalink.
    reader = chromium.new_context().new_page()
    reader.goto(f"{live_server.url}/r/{report.slug}/")
    expect(reader.get_by_role("heading", name="Claims about North Korean troops")).to_be_visible()
    expect(reader.locator(f"#claim-{troops_claim.pk}")).to_contain_text("Unverified")
    expect(reader.locator(f"#claim-{troops_claim.pk} .sources a")).to_have_attribute(
        "href", "https://www.defense.example.gov/briefing")
    reader.screenshot(path="/tmp/reportsmig/public.png", full_page=True)
    jsonld = reader.locator("script[type='application/ld+json']").text_content()
    assert claimreview_document_errors(json.loads(jsonld)) == []

    # A later review: the desk is told, the permalink keeps the published verdict until a revision.
    review_again(troops_claim, verdict=Verdict.DISPUTED, rationale="Satellite images contradict the figure.")
    page.reload()
    expect(page.locator("#stale")).to_contain_text("A newer verdict exists for 1 claim")
    reader.reload()
    expect(reader.locator(f"#claim-{troops_claim.pk}")).to_contain_text("A newer verdict exists")
    expect(reader.locator(f"#claim-{troops_claim.pk} h2 .badge")).to_have_text("Unverified")
    page.get_by_label("What changed").fill("The troops claim is now disputed.")
    page.get_by_role("button", name="Publish revision 2").click()
    expect(page.locator(".messages")).to_contain_text("Published revision 2.")
    reader.reload()
    expect(reader.locator(f"#claim-{troops_claim.pk} h2 .badge")).to_have_text("Disputed")
    reader.goto(f"{live_server.url}/r/{report.slug}/1/")
    expect(reader.locator(f"#claim-{troops_claim.pk} h2 .badge")).to_have_text("Unverified")
    context.close()


def test_a_large_report_is_built_in_the_background_and_downloaded(chromium, live_server, editor, settings, tmp_path):
    from playwright.sync_api import expect

    from annotations.reports import services

    settings.VERIFY_REPORT_SYNC_MAX_CLAIMS = 5
    claims = [reviewed_claim() for _ in range(12)]
    report = services.report_create(title="Big report", created_by=editor, claim_ids=[c.pk for c in claims])
    services.report_publish(report=report, actor=editor)
    context = chromium.new_context(accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{live_server.url}/accounts/login/?next=/reports/{report.pk}/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/reports/{report.pk}/")

    page.locator("a.download[data-format='csv']").click()  # too many claims for a direct download
    expect(page.locator(".messages")).to_contain_text("being built")
    row = page.locator("tr.export").first
    expect(row.locator(".export-state")).to_contain_text("Done 100%")
    expect(row.locator("progress")).to_have_attribute("value", "100")
    with page.expect_download() as download_info:
        row.get_by_role("link", name=re.compile(r"\.csv$")).click()
    path = tmp_path / "big.csv"
    download_info.value.save_as(path)
    assert path.read_text(encoding="utf-8-sig").count("\n") == 13
    context.close()
