"""review_submit: verdicts, sources, versions, conflicts and the audit trail."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from verify.errors import ClaimVersionConflict
from annotations.models import Review, Source
from verify.audit.models import AuditEntry
from annotations.services import review_submit
from tests.factories import ClaimFactory, UserFactory
from verify.models import Claim, Verdict

pytestmark = pytest.mark.django_db


def test_review_submit_sets_the_verdict_bumps_the_version_and_returns_the_review(reviewer):
    claim = ClaimFactory()

    review = review_submit(claim=claim, reviewer=reviewer, verdict="disputed", rationale=" Figures differ. ",
                           expected_version=1)

    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.verdict, stored.version) == (Verdict.DISPUTED, 2)
    assert (review.claim_id, review.reviewer, review.verdict, review.rationale) == (
        claim.pk, reviewer, "disputed", "Figures differ.")
    # The caller's instance follows, so a second write from the same page is not refused as stale.
    assert (claim.verdict, claim.version) == ("disputed", 2)


def test_review_submit_creates_the_sources_linked_to_the_review(reviewer):
    claim = ClaimFactory()

    review = review_submit(claim=claim, reviewer=reviewer, verdict="verified", sources=[
        {"url": "https://stats.example.org/table", "title": "Table 4", "publisher": "Stats office",
         "quote": "11,000", "stance": "supports"},
        {"url": "http://example.com/b"},
    ])

    sources = list(Source.objects.filter(claim=claim).order_by("id"))
    assert [(s.url, s.stance, s.review_id, s.added_by) for s in sources] == [
        ("https://stats.example.org/table", "supports", review.pk, reviewer),
        ("http://example.com/b", "context", review.pk, reviewer),
    ]


def test_review_submit_writes_an_audit_entry_with_before_and_after(reviewer):
    claim = ClaimFactory()

    review = review_submit(claim=claim, reviewer=reviewer, verdict="unverified", rationale="No source.")

    entry = AuditEntry.objects.get(action="review.submit")
    assert entry.actor == reviewer and entry.claim_id == claim.pk
    assert (entry.target_type, entry.target_id) == ("verify.claim", str(claim.pk))
    assert entry.before == {"verdict": "unreviewed", "version": 1, "signoff": "open"}
    assert entry.after == {"verdict": "unverified", "version": 2, "review_id": review.pk,
                           "rationale": "No source.", "sources": 0, "signoff": "final", "stage": "review"}


def test_a_stale_review_from_a_second_reviewer_is_refused_with_what_changed(reviewer):
    claim = ClaimFactory()
    other = UserFactory(username="omar", role="reviewer")
    seen_by_both = claim.version
    review_submit(claim=Claim.objects.get(pk=claim.pk), reviewer=reviewer, verdict="disputed",
                  expected_version=seen_by_both)

    with pytest.raises(ClaimVersionConflict) as caught:
        review_submit(claim=Claim.objects.get(pk=claim.pk), reviewer=other, verdict="verified",
                      expected_version=seen_by_both)

    conflict = caught.value
    assert (conflict.expected_version, conflict.current_version) == (1, 2)
    assert str(conflict) == ("This claim changed since you opened it (version 1 → 2): rita set the verdict "
                             "to disputed. Reload and review again.")
    assert [(c["who"], c["action"], c["before"]["verdict"], c["after"]["verdict"]) for c in conflict.changes] == [
        ("rita", "review.submit", "unreviewed", "disputed")]
    assert conflict.changes[0]["when"] is not None
    # Nothing was overwritten: the first verdict stands and no second review exists.
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.verdict, stored.version) == ("disputed", 2)
    assert Review.objects.filter(claim=claim).count() == 1


def test_a_version_from_the_future_is_a_conflict_too(reviewer):
    claim = ClaimFactory()

    with pytest.raises(ClaimVersionConflict, match="at version 1, not version 7"):
        review_submit(claim=claim, reviewer=reviewer, verdict="verified", expected_version=7)


def test_review_without_expected_version_is_accepted_on_the_current_version(reviewer):
    claim = ClaimFactory(version=4)

    review_submit(claim=claim, reviewer=reviewer, verdict="verified")

    assert Claim.objects.get(pk=claim.pk).version == 5


@pytest.mark.parametrize("verdict", ["unreviewed", "true", "", None])
def test_review_submit_refuses_a_verdict_one_cannot_give(reviewer, verdict):
    claim = ClaimFactory()

    with pytest.raises(ValidationError) as caught:
        review_submit(claim=claim, reviewer=reviewer, verdict=verdict)

    assert "verdict" in caught.value.message_dict
    assert Review.objects.count() == 0


@pytest.mark.parametrize("source, field", [
    ({"url": "javascript:alert(1)"}, "url"),
    ({"url": "ftp://example.org/x"}, "url"),
    ({"title": "no url"}, "url"),
    ({"url": "https://example.org", "stance": "loves"}, "stance"),
    ({"url": "https://example.org", "colour": "red"}, "unknown"),
    ({"url": "https://example.org", "title": "x" * 501}, "title"),
])
def test_review_submit_refuses_bad_sources_and_stores_nothing(reviewer, source, field):
    claim = ClaimFactory()

    with pytest.raises(ValidationError) as caught:
        review_submit(claim=claim, reviewer=reviewer, verdict="verified", sources=[source])

    assert "Source 1" in " ".join(caught.value.messages)
    assert Review.objects.count() == 0 and Source.objects.count() == 0
    assert Claim.objects.get(pk=claim.pk).version == 1


def test_review_submit_refuses_sources_that_are_not_a_list(reviewer):
    with pytest.raises(ValidationError, match="list"):
        review_submit(claim=ClaimFactory(), reviewer=reviewer, verdict="verified", sources="https://example.org")


def test_review_submit_refuses_a_user_without_a_role():
    nobody = UserFactory()

    with pytest.raises(PermissionDenied):
        review_submit(claim=ClaimFactory(), reviewer=nobody, verdict="verified")

    assert Review.objects.count() == 0


def test_reviews_are_append_only_each_verdict_is_a_new_row(reviewer, editor):
    claim = ClaimFactory()

    first = review_submit(claim=claim, reviewer=reviewer, verdict="unverified", expected_version=1)
    second = review_submit(claim=claim, reviewer=editor, verdict="verified", expected_version=2)

    assert list(Review.objects.filter(claim=claim).order_by("id").values_list("pk", "verdict")) == [
        (first.pk, "unverified"), (second.pk, "verified")]
    assert Claim.objects.get(pk=claim.pk).verdict == "verified"
