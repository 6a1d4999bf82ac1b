"""In Chromium: an editor opens the dashboard from the menu, reads the figures and charts, changes
the period, and downloads a table as CSV."""
import os

import pytest
from playwright.sync_api import expect

from tests.annotations.dashboard.desk import build_desk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_reads_the_dashboard_changes_the_period_and_downloads_a_table(editor_page, live_server):
    build_desk()
    page = editor_page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    page.wait_for_url(f"{live_server.url}/dashboard/")
    expect(page.get_by_role("heading", name="Desk dashboard")).to_be_visible()
    expect(page.locator("#total-extracted")).to_have_text("4")
    expect(page.locator("#total-finalized")).to_have_text("2")
    expect(page.locator("#median-time")).to_have_text("2 h 0 min")
    expect(page.locator("svg.chart")).to_have_count(3)
    assert page.locator("svg.chart rect").count() > 10  # the bars are drawn
    expect(page.locator("#table-reviewers")).to_contain_text("rita-d")
    expect(page.locator("#table-repeated")).to_contain_text("Earlier: 11,000 troops")
    if os.environ.get("DASHBOARD_SCREENSHOT"):
        page.screenshot(path=os.environ["DASHBOARD_SCREENSHOT"], full_page=True)

    page.get_by_label("Period").select_option("7")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/dashboard/?days=7")
    expect(page.locator("#table-daily tbody tr")).to_have_count(7)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download “Work per reviewer” as CSV").click()
    download = download_info.value
    assert download.suggested_filename.startswith("verity-reviewers-")
    text = open(download.path(), encoding="utf-8-sig").read()
    assert text.splitlines()[0] == "reviewer,reviews,claims,time spent (minutes)"
    assert "rita-d,3,3,14.0" in text
