"""Bulk work in the queue, in headless Chromium: claims selected by keyboard and checkbox, one action,
each claim's outcome shown (a claim changed meanwhile is refused, the others are done)."""
import re

import pytest
from playwright.sync_api import expect

from annotations.services import review_submit
from tests.browser.conftest import DESKTOP, log_in
from tests.factories import ArticleFactory, ClaimFactory, ReportFactory, UserFactory
from verify.audit.models import AuditEntry
from verify.models import Claim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _row(page, claim):
    return page.locator("#queue-table [data-row]").filter(has=page.locator(f'input[value="{claim.pk}"]'))


def test_a_reviewer_selects_claims_by_keyboard_and_marks_them_not_a_claim(reviewer_page, live_server):
    page = reviewer_page
    article = ArticleFactory(title="Four claims")
    first, second, third, fourth = (ClaimFactory(article=article, checkworthiness=score)
                                    for score in (0.9, 0.8, 0.7, 0.6))
    page.goto(f"{live_server.url}/claims/?article={article.pk}")

    page.keyboard.press("j")
    page.keyboard.press(" ")
    expect(page.locator("#bulk-count")).to_have_text("1 selected")
    page.keyboard.press("Shift+J")
    expect(page.locator("#bulk-count")).to_have_text("2 selected")
    expect(_row(page, second).locator("[data-row-select]")).to_be_checked()
    _row(page, third).locator("[data-row-select]").check()
    expect(page.locator("#bulk-count")).to_have_text("3 selected")
    expect(_row(page, fourth).locator("[data-row-select]")).not_to_be_checked()
    # Meanwhile someone else judges the third claim: the page's version of it is stale.
    review_submit(claim=third, reviewer=UserFactory(username="omar", role="reviewer"), verdict="verified")

    page.get_by_role("button", name="Mark not a claim").click()

    page.wait_for_url(re.compile(rf"/claims/\?article={article.pk}$"))
    expect(page.locator(".message-success")).to_have_text("2 claims marked not a claim.")
    expect(page.locator(".message-error")).to_contain_text(f"Claim #{third.pk} not changed")
    expect(page.locator(".message-error")).to_contain_text("omar set the verdict to verified")
    verdicts = dict(Claim.objects.values_list("pk", "verdict"))
    assert [verdicts[c.pk] for c in (first, second, third, fourth)] == [
        "not_a_claim", "not_a_claim", "verified", "unreviewed"]
    assert sorted(AuditEntry.objects.filter(action="claim.dismiss").values_list("claim_id", flat=True)) == [
        first.pk, second.pk]
    # Judged claims leave the "to review" queue: only the untouched one is left.
    expect(page.locator("#queue-table [data-row]")).to_have_count(1)


def test_an_editor_selects_all_assigns_them_to_a_reviewer_and_adds_them_to_a_report(browser, live_server, reviewer):
    editor = UserFactory(username="eddie", role="editor")
    report = ReportFactory(created_by=editor, title="Budget claims")
    article = ArticleFactory(title="Budget")
    claims = [ClaimFactory(article=article, checkworthiness=score) for score in (0.9, 0.5)]
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, live_server, editor.username)
        page.goto(f"{live_server.url}/claims/?article={article.pk}")
        page.keyboard.press("j")
        page.keyboard.press("j")
        page.keyboard.press("Shift+K")
        expect(page.locator("#bulk-count")).to_have_text("2 selected")
        page.locator("#bulk-assignee").select_option("rita")
        page.get_by_role("button", name="Assign", exact=True).click()
        expect(page.locator(".message-success")).to_have_text("2 claims assigned.")

        page.locator("#bulk-all").check()
        expect(page.locator("#bulk-count")).to_have_text("2 selected")
        page.locator("#bulk-report").select_option(str(report.pk))
        page.get_by_role("button", name="Add to report").click()
        expect(page.locator(".message-success")).to_have_text("2 claims added to the report.")
    finally:
        context.close()
    assert set(Claim.objects.filter(article=article).values_list("assigned_to", flat=True)) == {reviewer.pk}
    assert sorted(report.report_claims.values_list("claim_id", flat=True)) == sorted(c.pk for c in claims)
