"""Matching services on the database: find, thresholds, decisions, applying a verdict, conflicts."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from annotations.models import Review
from verify.audit.models import AuditEntry
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SourceFactory, UserFactory
from annotations.matching import selectors, services
from annotations.matching.models import ClaimMatch, MatchStatus
from verify.models import Verdict

pytestmark = pytest.mark.django_db

TROOPS = "As many as 11,000 North Korean troops could be stationed in the region."
TROOPS_REWORDED = "Up to 11000 North Korean soldiers could be deployed in the region, reports say."


def claim(text, **kwargs):
    return ClaimFactory(article=ArticleFactory(), text=text, **kwargs)


def test_identical_claim_in_another_article_is_linked_automatically():
    earlier = claim(TROOPS, verdict=Verdict.UNVERIFIED)
    new = claim(TROOPS)
    matches = services.claim_matches_find(claim_id=new.pk)
    assert [(m.document.claim_id, m.status) for m in matches] == [(earlier.pk, MatchStatus.AUTO)]
    assert settings.VERIFY_MATCH_AUTO_THRESHOLD <= matches[0].score <= 1.0


def test_reworded_claim_is_matched_less_surely_than_an_identical_one():
    earlier = claim(TROOPS)
    reworded, identical = claim(TROOPS_REWORDED), claim(TROOPS)
    [loose] = services.claim_matches_find(claim_id=reworded.pk)
    sure = next(m for m in services.claim_matches_find(claim_id=identical.pk) if m.document.claim_id == earlier.pk)
    assert loose.document.claim_id == earlier.pk
    assert settings.VERIFY_MATCH_SUGGEST_THRESHOLD <= loose.score < sure.score


def test_different_numbers_are_never_linked_automatically_however_close_the_words():
    earlier = claim(TROOPS)
    new = claim(TROOPS.replace("11,000", "12,000"))
    [match] = services.claim_matches_find(claim_id=new.pk)
    assert match.document.claim_id == earlier.pk
    assert match.score >= settings.VERIFY_MATCH_AUTO_THRESHOLD  # the words alone would link it
    assert (match.status, match.numbers_agree) == (MatchStatus.SUGGESTED, False)


def test_same_number_written_without_separator_matches():
    earlier = claim(TROOPS)
    new = claim(TROOPS.replace("11,000", "11000"))
    matches = services.claim_matches_find(claim_id=new.pk)
    assert [m.document.claim_id for m in matches] == [earlier.pk]
    assert matches[0].status == MatchStatus.AUTO


def test_unrelated_claims_are_not_suggested():
    claim("Vaccines cause autism in children, a study claims.")
    new = claim(TROOPS)
    assert services.claim_matches_find(claim_id=new.pk) == []


def test_later_claims_and_claims_of_the_same_article_are_not_matched():
    article = ArticleFactory()
    same_article = ClaimFactory(article=article, text=TROOPS)
    new = ClaimFactory(article=article, text=TROOPS)
    assert services.claim_matches_find(claim_id=new.pk) == []
    later = claim(TROOPS)
    assert services.claim_matches_find(claim_id=same_article.pk) == []
    assert sorted(m.document.claim_id for m in services.claim_matches_find(claim_id=later.pk)) == sorted(
        [same_article.pk, new.pk])


@override_settings(VERIFY_MATCH_AUTO_THRESHOLD=1.0, VERIFY_MATCH_SUGGEST_THRESHOLD=1.0)
def test_thresholds_come_from_settings():
    claim(TROOPS)
    new = claim(TROOPS_REWORDED)
    assert services.claim_matches_find(claim_id=new.pk) == []


def test_finding_twice_adds_nothing():
    claim(TROOPS)
    new = claim(TROOPS_REWORDED)
    services.claim_matches_find(claim_id=new.pk)
    services.claim_matches_find(claim_id=new.pk)
    assert ClaimMatch.objects.filter(claim=new).count() == 1


def test_rejected_pair_is_never_suggested_again(reviewer):
    claim(TROOPS)
    new = claim(TROOPS_REWORDED)
    [match] = services.claim_matches_find(claim_id=new.pk)
    services.match_reject(match=match, user=reviewer)
    services.claim_matches_find(claim_id=new.pk)
    match.refresh_from_db()
    assert match.status == MatchStatus.REJECTED
    assert ClaimMatch.objects.filter(claim=new).count() == 1
    assert selectors.claim_matches(claim=new) == []
    assert AuditEntry.objects.filter(action="match.reject", actor=reviewer).exists()


def test_confirm_records_who_and_when(reviewer):
    claim(TROOPS)
    new = claim(TROOPS_REWORDED)
    [match] = services.claim_matches_find(claim_id=new.pk)
    confirmed = services.match_confirm(match=match, user=reviewer)
    assert confirmed.status == MatchStatus.CONFIRMED
    assert confirmed.decided_by == reviewer
    assert confirmed.decided_at is not None


def test_users_without_a_role_cannot_decide():
    claim(TROOPS)
    new = claim(TROOPS_REWORDED)
    [match] = services.claim_matches_find(claim_id=new.pk)
    with pytest.raises(PermissionDenied):
        services.match_confirm(match=match, user=UserFactory())


def test_apply_verdict_creates_a_review_by_the_applier_with_the_sources_copied(reviewer):
    earlier = claim(TROOPS, verdict=Verdict.DISPUTED)
    original_reviewer = UserFactory(role="reviewer")
    review = ReviewFactory(claim=earlier, reviewer=original_reviewer, verdict=Verdict.DISPUTED,
                           rationale="The ministry denies the figure.")
    SourceFactory(claim=earlier, review=review, url="https://example.org/denial", stance="refutes",
                  added_by=original_reviewer)
    new = claim(TROOPS_REWORDED)
    [match] = services.claim_matches_find(claim_id=new.pk)

    applied = services.match_apply_verdict(match=match, reviewer=reviewer)

    new.refresh_from_db()
    match.refresh_from_db()
    assert applied.reviewer == reviewer
    assert applied.verdict == Verdict.DISPUTED == new.verdict
    assert "The ministry denies the figure." in applied.rationale
    assert [(s.url, s.stance, s.added_by) for s in applied.sources.all()] == [
        ("https://example.org/denial", "refutes", reviewer)]
    assert match.status == MatchStatus.CONFIRMED
    assert Review.objects.filter(claim=earlier).count() == 1  # the earlier claim is untouched


def test_apply_verdict_of_other_numbers_waits_for_a_reviewer_to_confirm_the_same_claim(reviewer):
    earlier = claim(TROOPS, verdict=Verdict.UNVERIFIED)
    ReviewFactory(claim=earlier, verdict=Verdict.UNVERIFIED)
    new = claim(TROOPS.replace("11,000", "12,000"))
    [match] = services.claim_matches_find(claim_id=new.pk)
    assert not selectors.claim_matches(claim=new)[0].can_apply
    with pytest.raises(ValidationError, match="other numbers"):
        services.match_apply_verdict(match=match, reviewer=reviewer)
    assert not Review.objects.filter(claim=new).exists()

    confirmed = services.match_confirm(match=match, user=reviewer)
    assert selectors.claim_matches(claim=new)[0].can_apply
    assert services.match_apply_verdict(match=confirmed, reviewer=reviewer).verdict == Verdict.UNVERIFIED


def test_apply_verdict_refuses_an_unchecked_earlier_claim(reviewer):
    claim(TROOPS)
    new = claim(TROOPS_REWORDED)
    [match] = services.claim_matches_find(claim_id=new.pk)
    with pytest.raises(ValidationError, match="no verdict"):
        services.match_apply_verdict(match=match, reviewer=reviewer)
    assert not Review.objects.filter(claim=new).exists()


def test_conflicting_verdicts_inside_a_cluster_are_flagged(reviewer):
    first = claim(TROOPS, verdict=Verdict.VERIFIED)
    second = claim(TROOPS, verdict=Verdict.DISPUTED)
    services.claim_matches_find(claim_id=second.pk)
    [conflict] = selectors.match_conflicts()
    assert [c.pk for c in conflict.claims] == [first.pk, second.pk]
    assert conflict.verdicts == [Verdict.DISPUTED, Verdict.VERIFIED]


def test_agreeing_verdicts_are_not_a_conflict():
    claim(TROOPS, verdict=Verdict.VERIFIED)
    second = claim(TROOPS, verdict=Verdict.VERIFIED)
    services.claim_matches_find(claim_id=second.pk)
    assert selectors.match_conflicts() == []


def test_similar_returns_only_checked_claims():
    checked = claim(TROOPS, verdict=Verdict.UNVERIFIED)
    claim(TROOPS.replace("region", "area"))  # unreviewed: not a finding yet
    for document_claim in (checked,):
        services.match_document_for_claim(claim=document_claim)
    services.claim_matches_find(claim_id=checked.pk)
    results = selectors.claims_similar(text=TROOPS_REWORDED)
    assert [r.finding.claim_id for r in results] == [checked.pk]
    assert results[0].finding.verdict == Verdict.UNVERIFIED


def test_an_edited_claim_is_reindexed():
    earlier = claim("Vaccines cause autism in children.", verdict=Verdict.DISPUTED)
    services.match_document_for_claim(claim=earlier)
    assert selectors.claims_similar(text=TROOPS) == []
    earlier.text = TROOPS
    earlier.save()
    services.match_document_for_claim(claim=earlier)
    assert [r.finding.claim_id for r in selectors.claims_similar(text=TROOPS)] == [earlier.pk]


def test_published_report_items_are_matched_and_their_verdict_can_be_applied(editor, reviewer):
    from annotations.reports import services as report_services

    reported = ClaimFactory(article=ArticleFactory(url="https://news.example.com/troops",
                                                   published_at=timezone.now()), text=TROOPS, verdict=Verdict.DISPUTED)
    review = ReviewFactory(claim=reported, verdict=Verdict.DISPUTED, rationale="Denied.")
    SourceFactory(claim=reported, review=review, url="https://example.org/denial")
    report = report_services.report_create(title="Troops", created_by=editor, claim_ids=[reported.pk])
    report_services.report_publish(report=report, actor=editor)
    reported.delete()  # the published item stays, and is still found

    new = claim(TROOPS_REWORDED)
    [match] = services.claim_matches_find(claim_id=new.pk)
    assert match.document.kind == "report_item"
    finding = selectors.document_finding(document=match.document)
    assert finding.verdict == Verdict.DISPUTED
    assert finding.reports[0]["title"] == "Troops"

    applied = services.match_apply_verdict(match=match, reviewer=reviewer)
    assert applied.verdict == Verdict.DISPUTED
    assert [s.url for s in applied.sources.all()] == ["https://example.org/denial"]
