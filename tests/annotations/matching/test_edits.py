"""Editing a claim's text re-indexes it at once and re-matches it after the commit."""
import pytest

from annotations.services.claims import claim_edit
from tests.factories import ArticleFactory, ClaimFactory, UserFactory
from annotations.matching import services
from annotations.matching.index import shared_index
from annotations.matching.models import ClaimMatch, MatchDocument, MatchStatus
from verify.models import Claim, Verdict

pytestmark = pytest.mark.django_db

TROOPS = "As many as 11,000 North Korean troops could be stationed in the region."
VACCINES = "Vaccines cause autism in children, a study claims."


def claim(text, **kwargs):
    return ClaimFactory(article=ArticleFactory(), text=text, **kwargs)


def edit(target, text=None, claimant=None):
    reviewer = UserFactory(role="reviewer")
    fresh = Claim.objects.get(pk=target.pk)
    return claim_edit(claim=fresh, actor=reviewer, expected_version=fresh.version, text=text, claimant=claimant)


def test_an_edited_claim_is_found_by_its_new_text_not_the_old(django_capture_on_commit_callbacks):
    edited = claim(VACCINES)
    services.claim_matches_find(claim_id=edited.pk)
    assert [c.key for c in shared_index.search("vaccines autism children", limit=5)] == [edited.match_document.pk]

    with django_capture_on_commit_callbacks(execute=True):
        edit(edited, text=TROOPS)

    document = MatchDocument.objects.get(claim=edited)
    assert document.text == TROOPS
    assert shared_index.search("vaccines autism children", limit=5) == []
    assert [c.key for c in shared_index.search("11,000 North Korean troops", limit=5)] == [document.pk]


def test_an_edit_rematches_the_claim_after_commit(django_capture_on_commit_callbacks):
    earlier = claim(TROOPS, verdict=Verdict.VERIFIED)
    edited = claim(VACCINES)
    assert services.claim_matches_find(claim_id=edited.pk) == []

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        edit(edited, text=TROOPS)
    assert not ClaimMatch.objects.filter(claim=edited).exists()  # nothing before the commit
    assert len(callbacks) == 1
    callbacks[0]()  # the commit: the (eager) matching task runs

    links = ClaimMatch.objects.filter(claim=edited)
    assert [(link.document.claim_id, link.status) for link in links] == [(earlier.pk, MatchStatus.AUTO)]


def test_undecided_links_of_the_old_text_go_and_decisions_stay(django_capture_on_commit_callbacks):
    suggested_to = claim(VACCINES)
    rejected_to = claim("Vaccines cause autism in children, one study claims.")
    edited = claim(VACCINES)
    matches = {m.document.claim_id: m for m in services.claim_matches_find(claim_id=edited.pk)}
    reviewer = UserFactory(role="reviewer")
    services.match_reject(match=matches[rejected_to.pk], user=reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        edit(edited, text="The city's unemployment rate fell to 4.2% last year.")

    remaining = {(m.document.claim_id, m.status) for m in ClaimMatch.objects.filter(claim=edited)}
    assert remaining == {(rejected_to.pk, MatchStatus.REJECTED)}
    assert suggested_to.pk not in {claim_id for claim_id, _ in remaining}


def test_a_claimant_only_edit_does_not_rematch(django_capture_on_commit_callbacks):
    edited = claim(VACCINES)
    services.claim_matches_find(claim_id=edited.pk)
    before = MatchDocument.objects.get(claim=edited).updated_at
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        edit(edited, claimant="A blogger")
    assert callbacks == []
    assert MatchDocument.objects.get(claim=edited).updated_at == before


def test_a_broker_outage_does_not_fail_the_edit(django_capture_on_commit_callbacks, monkeypatch):
    from workers import matching_tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(matching_tasks.claim_matches_find, "apply_async", broker_down)
    edited = claim(VACCINES)
    with django_capture_on_commit_callbacks(execute=True):
        edit(edited, text=TROOPS)
    assert Claim.objects.get(pk=edited.pk).text == TROOPS
    assert MatchDocument.objects.get(claim=edited).text == TROOPS  # indexed in the edit's transaction


def test_the_claim_task_takes_an_id_retries_transient_errors_and_is_idempotent():
    from django.db import OperationalError

    from workers.matching_tasks import claim_matches_find

    earlier = claim(TROOPS)
    new = claim(TROOPS)
    assert claim_matches_find.apply(args=[new.pk]).get() == 1
    assert claim_matches_find.apply(args=[new.pk]).get() == 1
    assert ClaimMatch.objects.filter(claim=new, document__claim=earlier).count() == 1
    assert claim_matches_find.apply(args=[10**9]).get() == 0  # deleted since it was queued
    assert OperationalError in claim_matches_find.autoretry_for
    assert 0 < claim_matches_find.soft_time_limit < claim_matches_find.time_limit
