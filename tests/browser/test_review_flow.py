"""A reviewer works claims by keyboard in headless Chromium: verdicts, sources, history, navigation."""
import re

import pytest
from playwright.sync_api import expect

from annotations.models import Review, Source
from verify.audit.models import AuditEntry
from annotations.services import review_submit
from tests.factories import ArticleFactory, ClaimFactory, UserFactory
from verify.models import Claim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TROOPS = re.compile(r"11,000 North Korean troops")


def test_reviewer_marks_the_troops_claim_unverified_with_a_source_by_keyboard(reviewer_page, live_server,
                                                                              sample_article, reviewer):
    page = reviewer_page
    troops = Claim.objects.get(article=sample_article, text__contains="11,000")
    page.get_by_role("link", name="Queue", exact=True).click()
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()

    page.get_by_role("link", name=TROOPS).click()
    page.wait_for_url(re.compile(rf"/claims/{troops.pk}/"))
    expect(page.locator("#claim-mark")).to_contain_text("11,000 North Korean troops")

    page.keyboard.press("u")
    expect(page.locator("#verdict-unverified")).to_be_checked()
    page.keyboard.press("r")
    expect(page.locator("#id_rationale")).to_be_focused()
    page.keyboard.type("Only Ukrainian officials give the figure; no independent confirmation.")
    page.keyboard.press("Escape")
    page.keyboard.press("s")
    expect(page.locator("#id_source-url")).to_be_focused()
    page.keyboard.type("https://example.org/nato-briefing")
    page.keyboard.press("Tab")
    page.keyboard.type("NATO briefing on the deployment")
    page.keyboard.press("Tab")
    page.keyboard.type("NATO")
    page.keyboard.press("Enter")  # implicit submission: "Save verdict & next"

    page.wait_for_url(lambda url: f"/claims/{troops.pk}/" not in url and "/claims/" in url)
    expect(page.locator(".message-success")).to_contain_text(f"Claim #{troops.pk} marked Unverified with a source")
    expect(page.locator("#claim-text")).not_to_contain_text("11,000")

    page.goto(f"{live_server.url}/claims/{troops.pk}/")
    expect(page.locator(".claim-head .badge")).to_have_text("Unverified")
    expect(page.locator("#source-list")).to_contain_text("NATO briefing on the deployment")
    history = page.locator("#history")
    expect(history).to_contain_text("rita set the verdict to unverified")
    expect(history).to_contain_text("Only Ukrainian officials give the figure")
    expect(history).to_contain_text("NATO briefing on the deployment")

    review = Review.objects.get(claim=troops)
    assert (review.verdict, review.reviewer) == ("unverified", reviewer)
    assert Source.objects.get(claim=troops).review == review
    assert set(AuditEntry.objects.filter(claim=troops).values_list("action", flat=True)) == {"review.submit",
                                                                                            "source.attach"}


def test_a_whole_article_is_worked_by_keyboard_from_its_page(reviewer_page, live_server):
    page = reviewer_page
    article = ArticleFactory(title="Three claims")
    claims = [ClaimFactory(article=article, checkworthiness=score) for score in (0.9, 0.6, 0.3)]
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    expect(page.locator(".progress-text").first).to_have_text("0 / 3 reviewed")

    page.get_by_role("link", name="Review this article").click()
    page.wait_for_url(re.compile(rf"/claims/\?article={article.pk}$"))
    page.keyboard.press("j")
    expect(page.locator("#queue-table [data-row-link]").first).to_be_focused()
    page.keyboard.press("Enter")
    for claim, key in zip(claims, "vdx"):
        page.wait_for_url(re.compile(rf"/claims/{claim.pk}/\?article={article.pk}"))
        page.keyboard.press(key)
        page.keyboard.press("r")
        page.keyboard.type(f"Checked with key {key}.")
        page.keyboard.press("Control+Enter")
    page.wait_for_url(re.compile(rf"/claims/\?article={article.pk}$"))
    expect(page.locator(".messages")).to_contain_text("That was the last claim in this queue.")

    page.goto(f"{live_server.url}/articles/{article.pk}/")
    expect(page.locator(".progress-text").first).to_have_text("3 / 3 reviewed")
    assert [Claim.objects.get(pk=c.pk).verdict for c in claims] == ["verified", "disputed", "not_a_claim"]
    assert AuditEntry.objects.filter(claim__article=article, action="review.submit").count() == 3


def test_j_and_k_move_between_claims(reviewer_page, live_server):
    page = reviewer_page
    article = ArticleFactory()
    first, second, third = (ClaimFactory(article=article, checkworthiness=s) for s in (0.9, 0.6, 0.3))

    page.goto(f"{live_server.url}/claims/")
    rows = page.locator("#queue-table [data-row-link]")
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(rows.nth(1)).to_be_focused()
    expect(page.locator(".queue-row.is-selected")).to_have_count(1)
    page.keyboard.press("k")
    expect(rows.nth(0)).to_be_focused()

    page.goto(f"{live_server.url}/claims/{second.pk}/")
    page.keyboard.press("j")
    page.wait_for_url(re.compile(rf"/claims/{third.pk}/"))
    page.keyboard.press("k")
    page.wait_for_url(re.compile(rf"/claims/{second.pk}/"))
    page.keyboard.press("k")
    page.wait_for_url(re.compile(rf"/claims/{first.pk}/"))


def test_question_mark_shows_the_shortcuts(reviewer_page):
    page = reviewer_page
    help_dialog = page.locator("#shortcuts-help")
    expect(help_dialog).to_be_hidden()
    page.keyboard.press("?")
    expect(help_dialog).to_be_visible()
    expect(help_dialog).to_contain_text("Verdict: unverified")
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()


def test_shortcut_letters_are_typed_not_obeyed_inside_text_fields(reviewer_page, live_server):
    page = reviewer_page
    claim = ClaimFactory()
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    page.locator("#id_rationale").click()
    page.keyboard.type("vud jk s")
    expect(page.locator("#id_rationale")).to_have_value("vud jk s")
    expect(page.locator("input[name=verdict]:checked")).to_have_count(0)
    assert f"/claims/{claim.pk}/" in page.url


def test_a_stale_version_shows_the_conflict_and_keeps_the_rationale(reviewer_page, live_server):
    page = reviewer_page
    claim = ClaimFactory()
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    review_submit(claim=Claim.objects.get(pk=claim.pk), reviewer=UserFactory(username="otto", role="reviewer"),
                  verdict="disputed", rationale="The ministry denies it.")

    page.keyboard.press("v")
    page.keyboard.press("r")
    page.keyboard.type("My own careful check.")
    page.keyboard.press("Control+Enter")

    conflict = page.get_by_role("alert").filter(has_text="changed while you were on it")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("otto set the verdict to disputed")
    expect(page.locator("#id_rationale")).to_have_value("My own careful check.")
    expect(page.locator("#verdict-verified")).to_be_checked()
    assert Claim.objects.get(pk=claim.pk).verdict == "disputed"
