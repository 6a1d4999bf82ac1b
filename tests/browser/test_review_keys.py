"""The claim page's review form has no keyboard or navigation traps (headless Chromium)."""
import re

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, ClaimFactory
from verify.models import Claim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _three_claims():
    article = ArticleFactory()
    return [ClaimFactory(article=article, checkworthiness=score) for score in (0.9, 0.6, 0.3)]


def _record_dialogs(page, *, accept: bool) -> list:
    seen = []

    def answer(dialog):
        seen.append(dialog.type)
        dialog.accept() if accept else dialog.dismiss()

    page.on("dialog", answer)
    return seen


@pytest.mark.parametrize("chord", ["Control+Enter", "Meta+Enter"])
def test_ctrl_enter_saves_the_verdict_after_esc_left_the_form(reviewer_page, live_server, chord):
    page = reviewer_page
    first, second, _ = _three_claims()
    page.goto(f"{live_server.url}/claims/{first.pk}/")
    page.keyboard.press("d")
    page.keyboard.press("r")
    page.keyboard.type("The ministry denies it.")
    page.keyboard.press("Escape")
    expect(page.locator("#id_rationale")).not_to_be_focused()
    page.locator("#claim-text").click()  # the focus well outside the form

    page.keyboard.press(chord)
    page.wait_for_url(re.compile(rf"/claims/{second.pk}/"))
    saved = Claim.objects.get(pk=first.pk)
    assert saved.verdict == "disputed"


def test_j_and_the_next_link_ask_before_leaving_an_unsaved_verdict(reviewer_page, live_server):
    page = reviewer_page
    first, second, _ = _three_claims()
    page.goto(f"{live_server.url}/claims/{first.pk}/")
    page.keyboard.press("v")
    answers = {"leave": False}
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.accept() if answers["leave"] else dialog.dismiss()

    page.on("dialog", answer)
    page.keyboard.press("j")
    page.get_by_role("link", name="Next").click()
    page.get_by_role("link", name="← Queue").click()
    expect(page.locator("#verdict-verified")).to_be_checked()
    assert dialogs == ["confirm", "confirm", "confirm"]
    assert f"/claims/{first.pk}/" in page.url

    answers["leave"] = True
    page.keyboard.press("j")
    page.wait_for_url(re.compile(rf"/claims/{second.pk}/"))
    assert dialogs == ["confirm"] * 4  # no second question from beforeunload


def test_reloading_with_an_unsaved_rationale_asks_through_beforeunload(reviewer_page, live_server):
    page = reviewer_page
    claim = ClaimFactory()
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    page.keyboard.press("r")
    page.keyboard.type("Half a thought")
    page.keyboard.press("Escape")
    dialogs = _record_dialogs(page, accept=True)

    page.goto(f"{live_server.url}/claims/")
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    assert dialogs == ["beforeunload"]


def test_leaving_untouched_or_saving_asks_nothing(reviewer_page, live_server):
    page = reviewer_page
    first, second, third = _three_claims()
    dialogs = _record_dialogs(page, accept=False)
    page.goto(f"{live_server.url}/claims/{first.pk}/")
    page.keyboard.press("j")  # nothing chosen or typed
    page.wait_for_url(re.compile(rf"/claims/{second.pk}/"))

    page.keyboard.press("x")
    page.keyboard.press("r")
    page.keyboard.type("An opinion, not a claim.")
    page.keyboard.press("Control+Enter")  # the form is being submitted
    page.wait_for_url(re.compile(rf"/claims/{third.pk}/"))
    page.get_by_role("link", name="← Queue").click()
    page.wait_for_url(re.compile(r"/claims/(\?|$)"))
    assert dialogs == []
    assert Claim.objects.get(pk=second.pk).verdict == "not_a_claim"


def test_a_second_verdict_key_changes_the_verdict_instead_of_being_typed(reviewer_page, live_server):
    page = reviewer_page
    claim = ClaimFactory()
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    page.keyboard.press("v")
    expect(page.locator("#verdict-verified")).to_be_focused()
    page.keyboard.press("u")
    expect(page.locator("#verdict-unverified")).to_be_checked()
    expect(page.locator("#verdict-unverified")).to_be_focused()
    expect(page.locator("#id_rationale")).to_have_value("")
    expect(page.locator("#id_source-url")).to_have_value("")


def test_k_after_saving_returns_to_the_claim_just_saved(reviewer_page, live_server):
    page = reviewer_page
    first, second, third = _three_claims()
    page.goto(f"{live_server.url}/claims/{second.pk}/")
    page.keyboard.press("v")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(re.compile(rf"/claims/{third.pk}/"))

    page.keyboard.press("k")
    page.wait_for_url(re.compile(rf"/claims/{second.pk}/"))
    expect(page.locator(".claim-head .badge")).to_have_text("Verified")
    assert Claim.objects.get(pk=first.pk).verdict == "unreviewed"
