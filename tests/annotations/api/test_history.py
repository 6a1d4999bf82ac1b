"""/api/claims/{id}/history/: the audit trail, read-only."""
import pytest

from verify.audit.models import AuditEntry
from annotations.services import claim_assign, review_submit
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_history_lists_audited_changes_newest_first(reviewer_api, reviewer, editor):
    claim = ClaimFactory()
    claim_assign(claim=claim, assignee=reviewer, actor=editor)
    review_submit(claim=claim, reviewer=reviewer, verdict="verified", rationale="Checked.")

    body = reviewer_api.get(f"/api/claims/{claim.pk}/history/").json()

    assert [(e["action"], e["actor"]["username"], e["summary"]) for e in body["results"]] == [
        ("review.submit", "rita", "rita set the verdict to verified"),
        ("claim.assign", "eddie", "eddie assigned it to rita"),
    ]
    assert body["results"][0]["review"]["rationale"] == "Checked."


def test_history_requires_a_desk_role(anonymous_api, norole_api):
    claim = ClaimFactory()

    assert anonymous_api.get(f"/api/claims/{claim.pk}/history/").status_code == 401
    assert norole_api.get(f"/api/claims/{claim.pk}/history/").status_code == 403


def test_audit_entries_cannot_be_written_through_the_api(admin_api, editor):
    claim = ClaimFactory()
    claim_assign(claim=claim, assignee=None, actor=editor)
    url = f"/api/claims/{claim.pk}/history/"

    assert admin_api.post(url, {"action": "forged"}, format="json").status_code == 405
    assert admin_api.delete(url).status_code == 405
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["claim.assign"]
