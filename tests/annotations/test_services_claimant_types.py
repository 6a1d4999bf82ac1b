"""claim_edit and the claimant type: set by a reviewer, audited, never left describing someone else."""
import pytest
from django.core.exceptions import ValidationError

from annotations.services import claim_edit
from tests.factories import ClaimFactory, UserFactory
from verify.audit.models import AuditEntry
from verify.errors import ClaimVersionConflict
from verify.models import Claim, ClaimantType

pytestmark = pytest.mark.django_db


def test_a_reviewer_sets_the_claimant_type_and_it_is_audited(reviewer):
    claim = ClaimFactory(claimant="reports", claimant_type=ClaimantType.ORGANISATION)
    claim_edit(claim=claim, actor=reviewer, expected_version=1, claimant_type=ClaimantType.UNNAMED)
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.claimant, stored.claimant_type, stored.version) == ("reports", ClaimantType.UNNAMED, 2)
    entry = AuditEntry.objects.get(claim=claim, action="claim.edit")
    assert entry.before == {"claimant_type": ClaimantType.ORGANISATION, "version": 1}
    assert entry.after == {"claimant_type": ClaimantType.UNNAMED, "version": 2}


def test_a_new_claimant_and_its_type_are_set_together(reviewer):
    claim = ClaimFactory(claimant="reports", claimant_type=ClaimantType.UNNAMED)
    claim_edit(claim=claim, actor=reviewer, expected_version=1, claimant="Reuters",
               claimant_type=ClaimantType.ORGANISATION)
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.claimant, stored.claimant_type) == ("Reuters", ClaimantType.ORGANISATION)


def test_a_new_claimant_without_a_type_is_left_untyped(reviewer):
    claim = ClaimFactory(claimant="reports", claimant_type=ClaimantType.UNNAMED)
    claim_edit(claim=claim, actor=reviewer, expected_version=1, claimant="Volodymyr Zelensky")
    assert Claim.objects.get(pk=claim.pk).claimant_type == ""  # "unnamed" described "reports"


def test_a_claim_without_claimant_has_no_type(reviewer):
    claim = ClaimFactory(claimant="military experts", claimant_type=ClaimantType.UNNAMED)
    claim_edit(claim=claim, actor=reviewer, expected_version=1, claimant="", claimant_type=ClaimantType.PERSON)
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.claimant, stored.claimant_type) == ("", "")


def test_an_unknown_claimant_type_is_refused(reviewer):
    claim = ClaimFactory(claimant="reports")
    with pytest.raises(ValidationError) as caught:
        claim_edit(claim=claim, actor=reviewer, expected_version=1, claimant_type="Organization")
    assert "claimant_type" in caught.value.message_dict
    assert Claim.objects.get(pk=claim.pk).version == 1


def test_a_conflict_names_the_type_change(reviewer):
    claim = ClaimFactory(claimant="reports")
    other = UserFactory(username="omar", role="reviewer")
    claim_edit(claim=Claim.objects.get(pk=claim.pk), actor=other, expected_version=1,
               claimant_type=ClaimantType.UNNAMED)
    with pytest.raises(ClaimVersionConflict) as caught:
        claim_edit(claim=Claim.objects.get(pk=claim.pk), actor=reviewer, expected_version=1, claimant="Police")
    assert "omar set the claimant type to unnamed source" in str(caught.value)
