"""The queue's bulk form and the sign-off pages, through Django's test client."""
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotations.services import review_submit
from tests.factories import ClaimFactory, ReportFactory, UserFactory
from verify.audit.models import AuditEntry
from verify.models import Claim

pytestmark = pytest.mark.django_db
BULK = reverse("desk:claim-bulk")


def _bulk_post(client, claims, **data):
    payload = {"ids": [str(c.pk) for c in claims], **{f"version-{c.pk}": str(c.version) for c in claims}, **data}
    return client.post(f"{BULK}?verdict=unreviewed", payload)


def test_bulk_dismiss_from_the_queue_reports_the_stale_claim_and_keeps_the_filters(reviewer_client, reviewer):
    fresh, stale = ClaimFactory(), ClaimFactory()
    read_at = {c.pk: c.version for c in (fresh, stale)}
    review_submit(claim=Claim.objects.get(pk=stale.pk), reviewer=UserFactory(username="omar", role="reviewer"),
                  verdict="verified")
    stale.version = read_at[stale.pk]

    response = _bulk_post(reviewer_client, [fresh, stale], action="dismiss")

    assert response.status_code == 302 and response["Location"] == "/claims/?verdict=unreviewed"
    page = reviewer_client.get(response["Location"]).content.decode()
    assert "1 claim marked not a claim." in page
    assert f"Claim #{stale.pk} not changed:" in page and "omar set the verdict to verified" in page
    assert dict(Claim.objects.values_list("pk", "verdict")) == {fresh.pk: "not_a_claim", stale.pk: "verified"}


def test_assign_to_me_takes_the_checked_claims(reviewer_client, reviewer):
    claims = ClaimFactory.create_batch(2)
    _bulk_post(reviewer_client, claims, action="assign_me")
    assert set(Claim.objects.values_list("assigned_to", flat=True)) == {reviewer.pk}
    assert AuditEntry.objects.filter(action="claim.assign").count() == 2


def test_an_editor_assigns_to_a_reviewer_and_adds_to_a_report(editor_client, editor, reviewer):
    claims = [ClaimFactory(verdict="verified") for _ in range(2)]
    report = ReportFactory(created_by=editor)
    page = editor_client.get(reverse("desk:claim-list"), {"verdict": "verified"}).content.decode()
    assert 'id="bulk-assignee"' in page and f'<option value="{report.pk}">' in page

    _bulk_post(editor_client, claims, action="assign", assignee="rita")
    _bulk_post(editor_client, claims, action="report_add", report=str(report.pk))

    assert set(Claim.objects.values_list("assigned_to", flat=True)) == {reviewer.pk}
    assert report.report_claims.count() == 2


def test_reviewers_get_no_assignee_or_report_choice_and_cannot_add_to_reports(reviewer_client):
    claim, report = ClaimFactory(), ReportFactory()
    page = reviewer_client.get(reverse("desk:claim-list")).content.decode()
    assert 'id="bulk-form"' in page and 'id="bulk-assignee"' not in page and 'id="bulk-report"' not in page
    assert _bulk_post(reviewer_client, [claim], action="report_add", report=str(report.pk)).status_code == 403


@pytest.mark.parametrize("data", [
    {"action": "dismiss"},  # nothing checked
    {"action": "dismiss", "ids": ["abc"]},
    {"action": "launch", "ids": ["1"]},
])
def test_a_bad_bulk_request_answers_400_with_the_queue_and_a_message(reviewer_client, data):
    claim = ClaimFactory()
    response = reviewer_client.post(BULK, data)
    assert response.status_code == 400
    assert 'class="message message-error"' in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).verdict == "unreviewed"


def test_the_bulk_endpoint_needs_a_login_and_a_post(client, reviewer_client):
    assert client.post(BULK, {"action": "dismiss", "ids": ["1"]}).status_code == 302
    assert reviewer_client.get(BULK).status_code == 405


def test_an_editor_approves_from_the_claim_page(editor_client, reviewer, settings):
    settings.VERIFY_SIGNOFF_MODE = "editor_approval"
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=reviewer, verdict="verified")
    page = editor_client.get(reverse("desk:claim-detail", args=[claim.pk])).content.decode()
    assert "Awaiting an editor&#x27;s approval" in page and "Approve verified" in page

    response = editor_client.post(reverse("desk:claim-approve", args=[claim.pk]), {"version": claim.version},
                                  follow=True)

    assert "Verdict approved: it is final." in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).signoff == "final"


def test_a_reviewer_cannot_reach_the_editors_signoff_actions(reviewer_client, reviewer):
    claim = ClaimFactory()
    for name in ("desk:claim-approve", "desk:claim-send-back", "desk:claim-decide"):
        assert reviewer_client.post(reverse(name, args=[claim.pk]), {"version": 1}).status_code == 403
    assert reviewer_client.get(reverse("desk:desk-settings")).status_code == 403


def test_the_first_reviewer_sees_their_review_waiting_and_no_verdict_form(reviewer_client, reviewer, settings):
    settings.VERIFY_SIGNOFF_MODE = "double"
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=reviewer, verdict="disputed")
    page = reviewer_client.get(reverse("desk:claim-detail", args=[claim.pk])).content.decode()
    assert "You gave the first of two independent reviews (Disputed)" in page
    assert 'id="review-form"' not in page


def test_editors_set_the_signoff_mode_on_the_settings_page(editor_client, settings):
    settings.VERIFY_SIGNOFF_MODE = "single"
    url = reverse("desk:desk-settings")
    assert editor_client.post(url, {"signoff_mode": "triple"}).status_code == 400
    response = editor_client.post(url, {"signoff_mode": "editor_approval"}, follow=True)
    assert "A review approved by an editor" in response.content.decode()
    assert response.context["mode"] == "editor_approval"


def test_the_queue_with_its_bulk_bar_costs_the_same_queries_for_5_or_40_claims(editor_client, editor, settings):
    settings.VERIFY_SIGNOFF_MODE = "double"
    ReportFactory(created_by=editor)
    reviewers = [UserFactory(role="reviewer") for _ in range(2)]

    def queries_for_page() -> int:
        cache.clear()  # the queue's counts are cached: count them on both pages
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(reverse("desk:claim-list")).status_code == 200
        return len(captured.captured_queries)

    for claim in ClaimFactory.create_batch(5):
        review_submit(claim=claim, reviewer=reviewers[0], verdict="verified")  # awaiting a second review
    few = queries_for_page()
    for claim in ClaimFactory.create_batch(35):
        review_submit(claim=claim, reviewer=reviewers[1], verdict="disputed")
    assert queries_for_page() == few
