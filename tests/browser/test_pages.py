"""Access rules, the submit page with its live status, and layouts at desktop and phone sizes."""
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import ArticleFactory, ClaimFactory
from verify.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_unauthenticated_visitors_get_the_login_page(page, live_server):
    page.goto(f"{live_server.url}/claims/")
    assert "/accounts/login/?next=/claims/" in page.url
    expect(page.get_by_role("heading", name="Log in to Verity")).to_be_visible()


def test_a_wrong_password_is_refused_with_a_message(page, live_server, reviewer):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(reviewer.username)
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("didn't match")


def test_a_reviewer_cannot_open_the_admin(reviewer_page, live_server):
    page = reviewer_page
    page.goto(f"{live_server.url}/admin/")
    assert "/admin/login/" in page.url
    expect(page.locator("body")).to_contain_text("not authorized to access this page")
    expect(page.get_by_role("link", name="Log out")).to_have_count(0)


def test_submitting_pasted_text_leads_to_the_article_with_its_claims(reviewer_page, live_server):
    page = reviewer_page
    page.get_by_role("link", name="Submit", exact=True).click()
    page.get_by_label("Title").fill("Harbour report")
    page.get_by_label("Article text or HTML").fill(
        "The harbour authority said on Tuesday that cargo volumes rose by 14% in 2024. "
        "Officials claimed that as many as 3,000 jobs could be created by the expansion."
    )
    page.get_by_role("button", name="Submit for extraction").click()
    page.wait_for_url(re.compile(r"/articles/\d+/$"))
    expect(page.get_by_role("heading", name="Harbour report")).to_be_visible()
    expect(page.locator("#article-status")).to_contain_text("Done")
    assert Article.objects.get(title="Harbour report").claims.exists()


def test_the_status_block_updates_live_until_processing_is_done(reviewer_page, live_server):
    page = reviewer_page
    article = ArticleFactory(status="processing", title="Slow one")
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    expect(page.locator("#article-status")).to_contain_text("Processing")
    ClaimFactory(article=article, text="Freshly extracted: 12 ships docked.")
    Article.objects.filter(pk=article.pk).update(status="done")
    expect(page.locator("#article-status")).to_contain_text("Done", timeout=10_000)
    expect(page.get_by_role("link", name="Freshly extracted: 12 ships docked.")).to_be_visible()


def test_a_failed_article_shows_its_error(reviewer_page, live_server):
    page = reviewer_page
    article = ArticleFactory(status="failed", error="Nothing readable was left after removing markup.")
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    expect(page.locator("#article-status")).to_contain_text("Nothing readable was left")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_queue_and_claim_view_fit_the_screen(browser, live_server, reviewer, sample_article, viewport):
    from tests.browser.conftest import log_in

    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    log_in(page, live_server, reviewer.username)
    claim = sample_article.claims.get(text__contains="11,000")
    shots = os.environ.get("VERITY_SCREENSHOT_DIR")  # e.g. /tmp: look at the pages by eye
    for name, path in (("queue", "/claims/"), ("claim", f"/claims/{claim.pk}/")):
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {viewport['width']}px"
        if shots:
            page.screenshot(path=str(Path(shots) / f"verity-{name}-{viewport['width']}.png"), full_page=False)
    context.close()


def test_every_visible_form_field_has_a_label(reviewer_page, live_server):
    page = reviewer_page
    claim = ClaimFactory()
    for path in ("/claims/", f"/claims/{claim.pk}/", "/articles/", f"/articles/{claim.article_id}/", "/submit/"):
        page.goto(f"{live_server.url}{path}")
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
            .filter(el => el.type !== 'hidden' && !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
            .map(el => el.name || el.id)""")
        assert unlabelled == [], f"{path}: {unlabelled}"


def test_the_skip_link_moves_focus_to_the_main_content(reviewer_page):
    page = reviewer_page
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
