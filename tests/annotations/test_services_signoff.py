"""Sign-off: how a verdict becomes final in each mode, the one service that makes it final, and what
the second of two independent reviewers may see before giving theirs."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations.checks import signoff_mode_check
from annotations.models import Review
from annotations.selectors import claim_history, claim_is_final, claim_reviews, claim_sources, signoff_mode
from annotations.services import (
    claim_approve, claim_decide, claim_reopen, claim_send_back, desk_settings_update, review_submit,
)
from annotations.signals import verdict_finalized
from tests.factories import ClaimFactory, DeskSettingsFactory, UserFactory
from verify.audit.models import AuditEntry
from verify.errors import ClaimVersionConflict
from verify.models import Claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def finalized():
    """The claims verdict_finalized was sent for, in order."""
    received = []

    def receiver(sender, claim, **kwargs):
        received.append((claim.pk, claim.verdict, claim.signoff))

    verdict_finalized.connect(receiver, dispatch_uid="test-finalized")
    yield received
    verdict_finalized.disconnect(dispatch_uid="test-finalized")


@pytest.fixture
def omar(db):
    return UserFactory(username="omar", role="reviewer")


def _fresh(claim) -> Claim:
    return Claim.objects.get(pk=claim.pk)


def test_single_mode_makes_a_review_final_at_once_and_announces_it(reviewer, finalized, settings):
    settings.VERIFY_SIGNOFF_MODE = "single"
    claim = ClaimFactory()

    review_submit(claim=claim, reviewer=reviewer, verdict="disputed", expected_version=claim.version)

    claim = _fresh(claim)
    assert (claim.verdict, claim.signoff, claim_is_final(claim)) == ("disputed", "final", True)
    assert finalized == [(claim.pk, "disputed", "final")]


def test_editor_approval_waits_for_an_editor_who_approves(reviewer, editor, finalized, settings):
    settings.VERIFY_SIGNOFF_MODE = "editor_approval"
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=reviewer, verdict="verified")
    assert (_fresh(claim).signoff, finalized) == ("awaiting_approval", [])

    claim_approve(claim=claim, actor=editor, expected_version=_fresh(claim).version)

    claim = _fresh(claim)
    assert (claim.verdict, claim.signoff) == ("verified", "final")
    assert finalized == [(claim.pk, "verified", "final")]
    entry = AuditEntry.objects.get(action="claim.approve")
    assert (entry.actor, entry.after["verdict"]) == (editor, "verified")


def test_an_editor_sends_a_verdict_back_and_the_claim_is_open_again(reviewer, editor, settings):
    settings.VERIFY_SIGNOFF_MODE = "editor_approval"
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=reviewer, verdict="verified")

    claim_send_back(claim=claim, actor=editor, rationale="The source is a press release; find another.")

    claim = _fresh(claim)
    assert (claim.verdict, claim.signoff, claim_is_final(claim)) == ("unreviewed", "open", False)
    assert AuditEntry.objects.filter(action="claim.send_back", claim=claim).count() == 1


def test_approval_is_refused_to_a_reviewer_to_the_author_and_when_nothing_awaits(reviewer, editor, settings):
    settings.VERIFY_SIGNOFF_MODE = "editor_approval"
    claim = ClaimFactory()
    with pytest.raises(ValidationError, match="not waiting for an approval"):
        claim_approve(claim=claim, actor=editor)
    review_submit(claim=claim, reviewer=editor, verdict="verified")
    with pytest.raises(PermissionDenied):
        claim_approve(claim=claim, actor=reviewer)
    with pytest.raises(ValidationError, match="another editor approves"):
        claim_approve(claim=claim, actor=editor)
    assert _fresh(claim).signoff == "awaiting_approval"


def test_approving_a_verdict_changed_since_the_editor_read_it_is_a_conflict(reviewer, editor, settings):
    settings.VERIFY_SIGNOFF_MODE = "editor_approval"
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=reviewer, verdict="verified")
    seen = _fresh(claim).version
    review_submit(claim=claim, reviewer=reviewer, verdict="disputed")

    with pytest.raises(ClaimVersionConflict):
        claim_approve(claim=claim, actor=editor, expected_version=seen)
    assert _fresh(claim).signoff == "awaiting_approval"


def test_double_review_hides_the_first_verdict_until_a_second_reviewer_agrees(reviewer, omar, finalized, settings):
    settings.VERIFY_SIGNOFF_MODE = "double"
    claim = ClaimFactory()
    first = review_submit(claim=claim, reviewer=reviewer, verdict="disputed", rationale="Officials deny it.",
                          sources=[{"url": "https://example.org/denial", "stance": "refutes"}])

    claim = _fresh(claim)
    assert (claim.verdict, claim.signoff, finalized) == ("unreviewed", "awaiting_second", [])
    # The second reviewer sees that a first review exists, never what it says.
    history = claim_history(claim=claim, viewer=omar)
    assert [event.summary for event in history] == ["rita gave the first of two independent reviews"]
    assert history[0].review is None and "verdict" not in history[0].after and "rationale" not in history[0].after
    assert list(claim_reviews(claim=claim, viewer=omar)) == []
    assert list(claim_sources(claim=claim, viewer=omar)) == []
    # Its author sees their own review.
    assert [review.pk for review in claim_reviews(claim=claim, viewer=reviewer)] == [first.pk]
    with pytest.raises(ValidationError, match="a different reviewer gives the second"):
        review_submit(claim=claim, reviewer=reviewer, verdict="verified")

    second = review_submit(claim=claim, reviewer=omar, verdict="disputed", expected_version=claim.version)

    claim = _fresh(claim)
    assert (claim.verdict, claim.signoff) == ("disputed", "final")
    assert (second.stage, second.paired_with_id, first.stage) == ("second", first.pk, "first")
    assert finalized == [(claim.pk, "disputed", "final")]
    assert [review.pk for review in claim_reviews(claim=claim, viewer=omar)] == [second.pk, first.pk]


def test_a_conflict_shown_to_the_second_reviewer_does_not_reveal_the_first_verdict(reviewer, omar, settings):
    settings.VERIFY_SIGNOFF_MODE = "double"
    claim = ClaimFactory()
    seen_by_omar = claim.version
    review_submit(claim=claim, reviewer=reviewer, verdict="disputed", rationale="Officials deny it.")

    with pytest.raises(ClaimVersionConflict) as caught:
        review_submit(claim=claim, reviewer=omar, verdict="verified", expected_version=seen_by_omar)
    change = caught.value.changes[0]
    assert "disputed" not in change["summary"] and "verdict" not in change["after"]
    assert "Officials" not in str(caught.value)


def test_disagreeing_reviews_wait_for_an_editors_decision_which_is_final(reviewer, omar, editor, finalized,
                                                                         settings):
    settings.VERIFY_SIGNOFF_MODE = "double"
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=reviewer, verdict="disputed")
    review_submit(claim=claim, reviewer=omar, verdict="verified")
    claim = _fresh(claim)
    assert (claim.verdict, claim.signoff, finalized) == ("unreviewed", "disagreement", [])
    third = UserFactory(username="tess", role="reviewer")
    with pytest.raises(ValidationError, match="an editor decides"):
        review_submit(claim=claim, reviewer=third, verdict="verified")
    with pytest.raises(PermissionDenied):
        claim_decide(claim=claim, actor=omar, verdict="verified")

    decision = claim_decide(claim=claim, actor=editor, verdict="disputed", rationale="The denial is on record.",
                            expected_version=claim.version)

    claim = _fresh(claim)
    assert (claim.verdict, claim.signoff, decision.stage) == ("disputed", "final", "decision")
    assert finalized == [(claim.pk, "disputed", "final")]
    with pytest.raises(ValidationError, match="no disagreement to decide"):
        claim_decide(claim=claim, actor=editor, verdict="verified")


def test_a_final_verdict_is_changed_only_by_reopening_outside_single_mode(reviewer, omar, editor, settings):
    settings.VERIFY_SIGNOFF_MODE = "double"
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=reviewer, verdict="verified")
    review_submit(claim=claim, reviewer=omar, verdict="verified")
    with pytest.raises(ValidationError, match="reopens the claim"):
        review_submit(claim=claim, reviewer=reviewer, verdict="disputed")

    claim_reopen(claim=claim, actor=editor)

    assert (_fresh(claim).verdict, _fresh(claim).signoff) == ("unreviewed", "open")
    review_submit(claim=claim, reviewer=reviewer, verdict="disputed")
    assert _fresh(claim).signoff == "awaiting_second"


def test_a_claim_under_way_finishes_as_it_began_when_the_mode_changes(reviewer, omar, editor, settings):
    settings.VERIFY_SIGNOFF_MODE = "double"
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=reviewer, verdict="verified")

    desk_settings_update(actor=editor, signoff_mode="single")
    review_submit(claim=claim, reviewer=omar, verdict="unverified")

    assert _fresh(claim).signoff == "disagreement"
    assert Review.objects.get(reviewer=omar).paired_with.reviewer == reviewer


def test_the_editors_desk_setting_overrides_the_environment_and_blank_restores_it(editor, reviewer, settings):
    settings.VERIFY_SIGNOFF_MODE = "editor_approval"
    assert signoff_mode() == "editor_approval"
    desk_settings_update(actor=editor, signoff_mode="double")
    assert signoff_mode() == "double"
    desk_settings_update(actor=editor, signoff_mode="")
    assert signoff_mode() == "editor_approval"
    assert AuditEntry.objects.filter(action="desk.settings_update").count() == 2
    with pytest.raises(PermissionDenied):
        desk_settings_update(actor=reviewer, signoff_mode="single")
    with pytest.raises(ValidationError):
        desk_settings_update(actor=editor, signoff_mode="triple")


def test_the_desk_settings_factory_row_sets_the_mode(db, settings):
    settings.VERIFY_SIGNOFF_MODE = "single"
    DeskSettingsFactory(signoff_mode="editor_approval")
    assert signoff_mode() == "editor_approval"


def test_an_unknown_signoff_mode_in_the_environment_fails_the_system_check(settings):
    settings.VERIFY_SIGNOFF_MODE = "triple"
    errors = signoff_mode_check(None)
    assert [error.id for error in errors] == ["annotations.E001"] and "triple" in errors[0].msg
    settings.VERIFY_SIGNOFF_MODE = "double"
    assert signoff_mode_check(None) == []
