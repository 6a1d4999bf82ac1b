"""claim_assign, claim_edit, claim_dismiss, claim_reopen."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from verify.errors import ClaimVersionConflict
from annotations.models import Review
from verify.audit.models import AuditEntry
from annotations.services import claim_assign, claim_dismiss, claim_edit, claim_reopen, review_submit
from tests.factories import ClaimFactory, UserFactory
from verify.models import Claim, Verdict

pytestmark = pytest.mark.django_db


# --- claim_assign -----------------------------------------------------------------------------

def test_editor_assigns_a_claim_to_a_reviewer_and_it_is_audited(editor, reviewer):
    claim = ClaimFactory()

    claim_assign(claim=claim, assignee=reviewer, actor=editor)

    assert Claim.objects.get(pk=claim.pk).assigned_to == reviewer
    entry = AuditEntry.objects.get(action="claim.assign")
    assert (entry.actor, entry.before, entry.after) == (editor, {"assigned_to": None}, {"assigned_to": "rita"})


def test_assignment_does_not_bump_the_version(editor, reviewer):
    claim = ClaimFactory()

    claim_assign(claim=claim, assignee=reviewer, actor=editor)

    assert Claim.objects.get(pk=claim.pk).version == 1


def test_editor_unassigns_with_none(editor, reviewer):
    claim = ClaimFactory(assigned_to=reviewer)

    claim_assign(claim=claim, assignee=None, actor=editor)

    assert Claim.objects.get(pk=claim.pk).assigned_to is None


def test_assignee_must_hold_the_reviewer_role(editor):
    with pytest.raises(ValidationError, match="no reviewer role"):
        claim_assign(claim=ClaimFactory(), assignee=UserFactory(username="norole"), actor=editor)


def test_reviewer_cannot_assign_a_claim_to_someone_else(reviewer):
    other = UserFactory(role="reviewer")
    claim = ClaimFactory()

    with pytest.raises(PermissionDenied):
        claim_assign(claim=claim, assignee=other, actor=reviewer)

    assert Claim.objects.get(pk=claim.pk).assigned_to is None


def test_reviewer_can_take_an_unassigned_claim_and_release_it(reviewer):
    claim = ClaimFactory()

    claim_assign(claim=claim, assignee=reviewer, actor=reviewer)
    assert Claim.objects.get(pk=claim.pk).assigned_to == reviewer
    claim_assign(claim=claim, assignee=None, actor=reviewer)

    assert Claim.objects.get(pk=claim.pk).assigned_to is None


def test_reviewer_cannot_take_a_claim_assigned_to_someone_else(reviewer):
    claim = ClaimFactory(assigned_to=UserFactory(role="reviewer"))

    with pytest.raises(PermissionDenied):
        claim_assign(claim=claim, assignee=reviewer, actor=reviewer)


# --- claim_edit -------------------------------------------------------------------------------

def test_claim_edit_corrects_text_and_claimant_and_keeps_the_extracted_original(reviewer):
    claim = ClaimFactory(text="Original text.", claimant="reports")

    claim_edit(claim=claim, actor=reviewer, expected_version=1, text="  Corrected   text. ", claimant="The ministry")

    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.text, stored.claimant, stored.version) == ("Corrected text.", "The ministry", 2)
    assert (stored.extracted_text, stored.extracted_claimant) == ("Original text.", "reports")
    entry = AuditEntry.objects.get(action="claim.edit")
    assert entry.before == {"text": "Original text.", "claimant": "reports", "version": 1}
    assert entry.after == {"text": "Corrected text.", "claimant": "The ministry", "version": 2}


def test_claim_edit_on_a_stale_version_is_a_conflict_naming_the_edit(reviewer):
    claim = ClaimFactory(claimant="reports")
    other = UserFactory(username="omar", role="reviewer")
    claim_edit(claim=Claim.objects.get(pk=claim.pk), actor=other, expected_version=1, claimant="The minister")

    with pytest.raises(ClaimVersionConflict) as caught:
        claim_edit(claim=Claim.objects.get(pk=claim.pk), actor=reviewer, expected_version=1, claimant="Police")

    assert "omar changed the claimant to “The minister”" in str(caught.value)
    assert Claim.objects.get(pk=claim.pk).claimant == "The minister"


def test_a_review_based_on_a_version_before_an_edit_is_refused(reviewer, editor):
    claim = ClaimFactory()
    claim_edit(claim=Claim.objects.get(pk=claim.pk), actor=editor, expected_version=1, text="Changed.")

    with pytest.raises(ClaimVersionConflict, match="eddie changed the text"):
        review_submit(claim=Claim.objects.get(pk=claim.pk), reviewer=reviewer, verdict="verified", expected_version=1)


def test_claim_edit_with_the_same_values_changes_nothing(reviewer):
    claim = ClaimFactory(text="Same.", claimant="x")

    claim_edit(claim=claim, actor=reviewer, expected_version=1, text="Same.", claimant="x")

    assert Claim.objects.get(pk=claim.pk).version == 1
    assert not AuditEntry.objects.filter(action="claim.edit").exists()


@pytest.mark.parametrize("kwargs, field", [
    ({"text": "   "}, "text"),
    ({"claimant": "x" * 301}, "claimant"),
    ({"expected_version": None, "text": "ok"}, "version"),
])
def test_claim_edit_refuses_bad_input(reviewer, kwargs, field):
    claim = ClaimFactory()
    kwargs = {"expected_version": 1, **kwargs}

    with pytest.raises(ValidationError) as caught:
        claim_edit(claim=claim, actor=reviewer, **kwargs)

    assert field in caught.value.message_dict
    assert Claim.objects.get(pk=claim.pk).version == 1


def test_claim_edit_without_any_change_requested_is_refused(reviewer):
    with pytest.raises(ValidationError, match="Nothing to change"):
        claim_edit(claim=ClaimFactory(), actor=reviewer, expected_version=1)


# --- claim_dismiss / claim_reopen ---------------------------------------------------------------

def test_claim_dismiss_records_a_not_a_claim_review(reviewer):
    claim = ClaimFactory()

    review = claim_dismiss(claim=claim, actor=reviewer, rationale="An opinion.", expected_version=1)

    assert review.verdict == Verdict.NOT_A_CLAIM
    assert Claim.objects.get(pk=claim.pk).verdict == Verdict.NOT_A_CLAIM
    assert AuditEntry.objects.get(action="claim.dismiss").after["verdict"] == "not_a_claim"


def test_claim_dismiss_on_a_stale_version_is_a_conflict(reviewer, editor):
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=editor, verdict="verified")

    with pytest.raises(ClaimVersionConflict):
        claim_dismiss(claim=ClaimFactory._meta.model.objects.get(pk=claim.pk), actor=reviewer, expected_version=1)


def test_editor_reopens_a_judged_claim_with_an_unreviewed_review(editor, reviewer):
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=reviewer, verdict="disputed")

    review = claim_reopen(claim=claim, actor=editor, rationale="New evidence.")

    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.verdict, stored.version) == ("unreviewed", 3)
    assert (review.verdict, review.reviewer, review.rationale) == ("unreviewed", editor, "New evidence.")
    assert Review.objects.filter(claim=claim).count() == 2
    entry = AuditEntry.objects.get(action="claim.reopen")
    assert (entry.before["verdict"], entry.after["verdict"]) == ("disputed", "unreviewed")


def test_reviewer_cannot_reopen(reviewer):
    claim = ClaimFactory(verdict="verified")

    with pytest.raises(PermissionDenied):
        claim_reopen(claim=claim, actor=reviewer)

    assert Claim.objects.get(pk=claim.pk).verdict == "verified"


def test_reopening_an_open_claim_is_refused(editor):
    with pytest.raises(ValidationError, match="already open"):
        claim_reopen(claim=ClaimFactory(), actor=editor)

    assert Review.objects.count() == 0
