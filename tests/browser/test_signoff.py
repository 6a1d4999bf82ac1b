"""Sign-off in headless Chromium, each person in their own browser context: an editor switches the desk
to two independent reviews, the second reviewer does not see the first verdict until giving theirs,
and the editor decides the disagreement; in approval mode an editor approves a reviewer's verdict."""
import re
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, log_in
from tests.factories import ArticleFactory, ClaimFactory, UserFactory
from verify.models import Claim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_RATIONALE = "The ministry denied the figure on the record."


@contextmanager
def person(browser, live_server, username: str):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, live_server, username)
        yield page
    finally:
        context.close()


def _give_verdict(page, live_server, claim, key: str, rationale: str) -> None:
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    page.keyboard.press(key)
    page.keyboard.press("r")
    page.keyboard.type(rationale)
    page.keyboard.press("Control+Enter")
    page.wait_for_url(lambda url: f"/claims/{claim.pk}/" not in url)


def test_two_independent_reviews_disagree_and_the_editor_decides(browser, live_server, settings):
    settings.VERIFY_SIGNOFF_MODE = "single"
    UserFactory(username="rita", role="reviewer")
    UserFactory(username="omar", role="reviewer")
    UserFactory(username="eddie", role="editor")
    claim = ClaimFactory(article=ArticleFactory(title="Troops"), text="As many as 11,000 troops crossed the border.")

    with person(browser, live_server, "eddie") as editor:
        editor.get_by_role("link", name="Sign-off").click()
        editor.get_by_label("How a verdict becomes final").select_option("double")
        editor.get_by_role("button", name="Save").click()
        expect(editor.locator("#signoff-mode")).to_have_text(re.compile("Two independent reviews"))

        with person(browser, live_server, "rita") as rita:
            _give_verdict(rita, live_server, claim, "d", FIRST_RATIONALE)
            rita.goto(f"{live_server.url}/claims/{claim.pk}/")
            expect(rita.locator("#signoff")).to_contain_text("You gave the first of two independent reviews (Disputed)")
            expect(rita.locator("#review-form")).to_have_count(0)

        with person(browser, live_server, "omar") as omar:
            omar.goto(f"{live_server.url}/claims/{claim.pk}/")
            expect(omar.locator("#signoff")).to_contain_text("Its verdict stays hidden until you give yours")
            expect(omar.locator(".claim-head .badge")).to_have_text("Unreviewed")
            expect(omar.locator("#history")).to_contain_text("rita gave the first of two independent reviews")
            # Nothing but the verdict buttons names a verdict: no badge, history line or rationale.
            for where in ("#history", "#signoff", ".claim-head"):
                expect(omar.locator(where)).not_to_contain_text(re.compile("disputed", re.IGNORECASE))
            expect(omar.locator("main")).not_to_contain_text(FIRST_RATIONALE)

            _give_verdict(omar, live_server, claim, "v", "The defence ministry's own release confirms it.")
            omar.goto(f"{live_server.url}/claims/{claim.pk}/")
            expect(omar.locator("#signoff-state")).to_have_text("Reviews disagree: an editor decides")
            expect(omar.locator("#history")).to_contain_text(FIRST_RATIONALE)  # revealed once both are in

        editor.goto(f"{live_server.url}/claims/{claim.pk}/")
        expect(editor.locator("#history")).to_contain_text(FIRST_RATIONALE)
        decide = editor.locator("#decide-form")
        decide.locator('label[for="decide-disputed"]').click()
        decide.get_by_label("Rationale").fill("The denial is on the record; the release predates it.")
        decide.get_by_role("button", name="Decide").click()
        expect(editor.locator(".message-success")).to_have_text("Decision recorded: the verdict is final.")
        expect(editor.locator(".claim-head .badge")).to_have_text("Disputed")
        expect(editor.locator("#history")).to_contain_text("eddie decided the disagreement: disputed")

        editor.goto(f"{live_server.url}/desk/settings/")
        expect(editor.locator("#agreement-table")).to_contain_text("omar and rita")

    claim = Claim.objects.get(pk=claim.pk)
    assert (claim.verdict, claim.signoff) == ("disputed", "final")


def test_an_editor_approves_a_reviewers_verdict(browser, live_server, settings):
    settings.VERIFY_SIGNOFF_MODE = "editor_approval"
    UserFactory(username="rita", role="reviewer")
    UserFactory(username="eddie", role="editor")
    claim = ClaimFactory()

    with person(browser, live_server, "rita") as rita:
        _give_verdict(rita, live_server, claim, "u", "No independent confirmation.")
        rita.goto(f"{live_server.url}/claims/{claim.pk}/")
        expect(rita.locator("#signoff-state")).to_have_text("Awaiting an editor's approval")
        expect(rita.locator("#signoff").get_by_role("button", name=re.compile("Approve"))).to_have_count(0)

    with person(browser, live_server, "eddie") as editor:
        editor.goto(f"{live_server.url}/claims/{claim.pk}/")
        editor.get_by_role("button", name="Approve unverified").click()
        expect(editor.locator(".message-success")).to_have_text("Verdict approved: it is final.")
        expect(editor.locator("#history")).to_contain_text("eddie approved the verdict unverified")

    assert Claim.objects.get(pk=claim.pk).signoff == "final"
