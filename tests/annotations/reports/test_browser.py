"""An editor builds, checks, publishes and revises a report in headless Chromium; readers open the pages."""
import json
import re

import pytest

from tests.chromium import PASSWORD, chromium_session
from tests.annotations.reports.conftest import review_again, reviewed_claim, traceable_article
from tests.annotations.reports.jsonld_rules import claimreview_document_errors, claimreview_errors, google_missing
from tests.annotations.reports.schemaorg_vocab import vocabulary_errors
from tests.factories import SourceFactory
from verify.models import ClaimantType, Verdict
from annotations.reports.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

@pytest.fixture
def chromium():
    with chromium_session() as browser:
        yield browser


def _log_in(page, live_server, user, next_path: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}{next_path}")


def _claim_reviews(page) -> list[dict]:
    """The page's JSON-LD as a crawler reads it (extruct), ClaimReviews only."""
    import extruct

    found = extruct.extract(page.content(), syntaxes=["json-ld"], uniform=True)["json-ld"]
    return [node for node in found if node.get("@type") == "ClaimReview"]


def test_an_editor_builds_checks_publishes_and_revises_a_report(chromium, live_server, editor, troops_claim, tmp_path):
    from playwright.sync_api import expect

    pasted = traceable_article(title="Bridge works pasted from the council newsletter", publisher="City Hall Bulletin",
                               url="", published_at=None)
    other = reviewed_claim(verdict=Verdict.VERIFIED, text="The bridge reopened on 3 March after two years of works.",
                           claimant="City Hall", claimant_type=ClaimantType.ORGANISATION, article=pasted)
    context = chromium.new_context(accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    _log_in(page, live_server, editor, "/reports/")

    # Build: a styled form for the details, then the claims picked from searchable lists.
    page.get_by_label("Title").fill("Claims about North Korean troops")
    page.get_by_label("Summary", exact=True).fill("What we could and could not confirm this week.")
    page.get_by_role("button", name="Create draft").click()
    report = Report.objects.get()
    page.wait_for_url(f"{live_server.url}/reports/{report.pk}/")
    page.get_by_label("Search claims and articles").fill("Meridian Ledger")
    page.locator("#picker-search").click()
    expect(page.locator(".picker-claims tbody tr")).to_have_count(1)
    page.locator(f"#pick-{troops_claim.pk}").check()
    page.locator("#add-claims").click()
    expect(page.locator(".messages")).to_contain_text("1 claim added.")
    page.get_by_label("Search claims and articles").fill("council newsletter")
    page.locator("#picker-search").click()
    page.locator(f"button.add-article[data-article='{pasted.pk}']").click()
    expect(page.get_by_role("heading", name="Covered claims (2)")).to_be_visible()
    expect(page.locator(".covered-claims").get_by_role("link", name=re.compile(f"#{other.pk} "))).to_have_attribute(
        "href", f"/claims/{other.pk}/")

    # Check: the pasted claim has no traceable appearance, so publishing is refused until it has one.
    page.locator("#publish-start").click()
    expect(page.locator(".check-errors")).to_contain_text(f"Claim #{other.pk}: its article has no address")
    expect(page.locator("#publish")).to_be_disabled()
    page.screenshot(path=str(tmp_path / "check.png"), full_page=True)
    page.get_by_role("link", name="edit the article's address and date").first.click()
    page.get_by_label("Original address").fill("https://cityhall.example.org/bulletin/bridge")
    page.get_by_label("Publication date").fill("2024-10-20T08:00")
    page.get_by_role("button", name="Save details").click()
    page.goto(f"{live_server.url}/reports/{report.pk}/publish/")
    expect(page.locator(".check-ok")).to_be_visible()
    expect(page.locator(".check-warnings")).to_contain_text(f"Claim #{troops_claim.pk}: claimReviewed has")

    # The long claim gets a summary an editor wrote, then the report is published behind the confirmation.
    page.get_by_role("link", name="write a summary").click()
    page.get_by_label("Summary published as claimReviewed").fill("Up to 11,000 North Korean troops fight in Kursk")
    page.locator("#save-summary").click()
    page.locator("#publish-start").click()
    expect(page.locator(".check-warnings")).to_have_count(0)
    page.locator("#publish").click()
    expect(page.locator(".field-error")).to_be_visible()  # not confirmed yet
    page.get_by_label("I have read the check above and want to publish").check()
    # The first publication loads the matching index's embedding model in the server: allow for it.
    page.locator("#publish").click(timeout=120_000)
    expect(page.locator(".messages")).to_contain_text("Published revision 1.")
    with page.expect_download() as download_info:
        page.locator("a.download[data-format='claimreview']").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    assert claimreview_document_errors(json.loads(path.read_bytes())) == []

    # A reader: the report lists the claims, each claim's page carries its one ClaimReview.
    reader = chromium.new_context().new_page()
    reader.goto(f"{live_server.url}/r/{report.slug}/")
    expect(reader.get_by_role("heading", name="Claims about North Korean troops")).to_be_visible()
    assert _claim_reviews(reader) == []
    expect(reader.locator(f"#claim-{other.pk} .article a")).to_have_attribute(
        "href", "https://cityhall.example.org/bulletin/bridge")
    expect(reader.locator(".rating-scale")).to_contain_text("not rated numerically")
    reader.get_by_role("link", name="Up to 11,000 North Korean troops fight in Kursk").click()
    expect(reader.locator(".verdict-line .badge")).to_have_text("Unverified")
    (review,) = _claim_reviews(reader)
    assert review["claimReviewed"] == "Up to 11,000 North Korean troops fight in Kursk"
    assert review["url"] == reader.url.replace(live_server.url, "https://verity.example.org")
    assert claimreview_errors(review) == [] and google_missing(review) == [] and vocabulary_errors(review) == []

    # A correction: a new verdict and a new source make the report stale; revision 2 says what changed.
    later = review_again(troops_claim, verdict=Verdict.DISPUTED, rationale="Satellite images contradict the figure.")
    SourceFactory(claim=troops_claim, review=later, url="https://imagery.example.org/kursk", title="Satellite imagery")
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    expect(page.locator("#stale")).to_contain_text("1 published claim changed")
    page.locator("#publish-start").click()
    page.get_by_label("Note for readers").fill("The troops claim is now disputed.")
    page.get_by_label("I have read the check above and want to publish").check()
    page.get_by_role("button", name="Publish revision 2").click()
    expect(page.locator(".messages")).to_contain_text("Published revision 2.")
    reader.reload()
    expect(reader.locator(".verdict-line .badge")).to_have_text("Disputed")
    expect(reader.locator(".change-note").first).to_contain_text("Verdict changed; Rationale revised; Sources changed")
    (review,) = _claim_reviews(reader)
    assert review["datePublished"] <= review["dateModified"]
    reader.goto(f"{live_server.url}/r/{report.slug}/1/claims/{troops_claim.pk}/")
    expect(reader.locator(".verdict-line .badge")).to_have_text("Unverified")
    assert _claim_reviews(reader) == []
    assert reader.locator("meta[name='robots']").get_attribute("content") == "noindex"
    context.close()


def test_a_reviewer_finds_the_reports_link_and_reads_reports_without_editing(chromium, live_server, reviewer,
                                                                           troops_report):
    from playwright.sync_api import expect

    page = chromium.new_context().new_page()
    page.set_default_timeout(20_000)
    _log_in(page, live_server, reviewer, "/claims/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    page.get_by_role("link", name=troops_report.title).click()
    expect(page.get_by_role("heading", name="Covered claims (1)")).to_be_visible()
    expect(page.locator("#publish-start")).to_have_count(0)
    expect(page.locator("#add")).to_have_count(0)
    page.context.close()


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
