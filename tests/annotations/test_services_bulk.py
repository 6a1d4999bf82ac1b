"""Bulk actions: each claim through the same service as alone, one audit entry per claim, and a
refusal for one claim (stale version, no permission) reported for that claim without stopping the rest."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations.reports.models import ReportClaim
from annotations.services import claims_bulk_apply, review_submit
from tests.factories import ClaimFactory, ReportFactory, UserFactory
from verify.audit.models import AuditEntry
from verify.models import Claim

pytestmark = pytest.mark.django_db


def test_a_reviewer_takes_unassigned_claims_and_is_refused_one_held_by_someone_else(reviewer):
    other = UserFactory(username="omar", role="reviewer")
    free, held, also_free = ClaimFactory(), ClaimFactory(assigned_to=other), ClaimFactory()

    outcomes = claims_bulk_apply(actor=reviewer, action="assign", claim_ids=[free.pk, held.pk, also_free.pk],
                                 assignee=reviewer)

    assert [(o.claim_id, o.ok, o.code) for o in outcomes] == [
        (free.pk, True, ""), (held.pk, False, "permission_denied"), (also_free.pk, True, "")]
    assert "Only editors can assign" in outcomes[1].detail
    assigned = dict(Claim.objects.values_list("pk", "assigned_to__username"))
    assert assigned == {free.pk: "rita", held.pk: "omar", also_free.pk: "rita"}
    assert sorted(AuditEntry.objects.filter(action="claim.assign").values_list("claim_id", flat=True)) == sorted(
        [free.pk, also_free.pk])


def test_an_editor_assigns_claims_to_a_reviewer(editor, reviewer):
    claims = ClaimFactory.create_batch(3)
    outcomes = claims_bulk_apply(actor=editor, action="assign", claim_ids=[c.pk for c in claims], assignee=reviewer)
    assert all(o.ok for o in outcomes)
    assert set(Claim.objects.values_list("assigned_to", flat=True)) == {reviewer.pk}


def test_dismissing_refuses_only_the_claim_whose_version_is_stale(reviewer):
    other = UserFactory(username="omar", role="reviewer")
    fresh, stale = ClaimFactory(), ClaimFactory()
    seen = {fresh.pk: fresh.version, stale.pk: stale.version}
    review_submit(claim=stale, reviewer=other, verdict="verified")

    outcomes = claims_bulk_apply(actor=reviewer, action="dismiss", claim_ids=[fresh.pk, stale.pk], versions=seen,
                                 rationale="Opinion, not a factual claim.")

    assert [(o.claim_id, o.ok, o.code) for o in outcomes] == [(fresh.pk, True, ""),
                                                             (stale.pk, False, "version_conflict")]
    assert "omar set the verdict to verified" in outcomes[1].detail
    verdicts = dict(Claim.objects.values_list("pk", "verdict"))
    assert verdicts == {fresh.pk: "not_a_claim", stale.pk: "verified"}
    assert list(AuditEntry.objects.filter(action="claim.dismiss").values_list("claim_id", flat=True)) == [fresh.pk]


def test_an_editor_adds_claims_to_a_report_one_audit_entry_each_and_covered_ones_noted(editor):
    report = ReportFactory(created_by=editor)
    claims = [ClaimFactory(verdict="verified") for _ in range(3)]
    ReportClaim.objects.create(report=report, claim=claims[0], position=1)

    outcomes = claims_bulk_apply(actor=editor, action="report_add", claim_ids=[c.pk for c in claims], report=report)

    assert [(o.ok, o.code) for o in outcomes] == [(True, "already_covered"), (True, ""), (True, "")]
    assert list(report.report_claims.order_by("position").values_list("claim_id", flat=True)) == [c.pk for c in claims]
    entries = AuditEntry.objects.filter(action="report.claims_add").order_by("id")
    assert [entry.after["claims"] for entry in entries] == [[claims[1].pk], [claims[2].pk]]


def test_a_missing_claim_is_reported_and_the_others_still_done(reviewer):
    claim = ClaimFactory()
    outcomes = claims_bulk_apply(actor=reviewer, action="dismiss", claim_ids=[claim.pk, 2**62])
    assert [(o.ok, o.code) for o in outcomes] == [(True, ""), (False, "not_found")]


@pytest.mark.parametrize("kwargs, field", [
    ({"action": "explode", "claim_ids": [1]}, "action"),
    ({"action": "dismiss", "claim_ids": []}, "ids"),
    ({"action": "dismiss", "claim_ids": ["x"]}, "ids"),
    ({"action": "dismiss", "claim_ids": [0]}, "ids"),
])
def test_bad_requests_are_refused_as_a_whole_naming_the_field(reviewer, kwargs, field):
    with pytest.raises(ValidationError) as caught:
        claims_bulk_apply(actor=reviewer, **kwargs)
    assert field in caught.value.message_dict


def test_more_claims_than_the_limit_are_refused(reviewer, settings):
    settings.VERIFY_BULK_MAX_CLAIMS = 2
    with pytest.raises(ValidationError, match="at most 2"):
        claims_bulk_apply(actor=reviewer, action="dismiss", claim_ids=[1, 2, 3])


def test_only_editors_add_to_reports(reviewer):
    with pytest.raises(PermissionDenied):
        claims_bulk_apply(actor=reviewer, action="report_add", claim_ids=[1], report=ReportFactory())
