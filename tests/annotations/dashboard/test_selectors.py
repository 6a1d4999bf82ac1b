"""The dashboard's figures on a small desk whose answers are known."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from annotations.dashboard.models import FinalVerdict
from annotations.dashboard.period import period_parse
from annotations.dashboard.reviewers import agreement, cohen_kappa, reviewer_work
from annotations.dashboard.selectors import daily_counts, repeated_claims, time_to_final, verdict_distribution
from annotations.services import review_submit
from annotations.services.claims import claim_reopen
from tests.annotations.dashboard.desk import TODAY, build_desk
from annotations.matching.models import MatchStatus
from tests.factories import ClaimFactory, ClaimMatchFactory, MatchDocumentFactory
from verify.models import Verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return build_desk()


def period(days=30):
    return period_parse(days=days, today=TODAY)


def test_a_period_is_whole_utc_days_ending_today_and_bad_input_is_refused():
    week = period(7)
    assert (week.first_day, week.last_day, len(week.each_day())) == (TODAY - timedelta(days=6), TODAY, 7)
    assert period_parse(days="", today=TODAY).days == 30
    for bad in ("0", "367", "ten", "1.5", "-3"):
        with pytest.raises(ValidationError):
            period_parse(days=bad, today=TODAY)


def test_claims_per_day_count_extraction_final_verdicts_and_reviews(desk):
    days = {row.day: row for row in daily_counts(period=period())}
    assert len(days) == 30
    assert (days[TODAY].extracted, days[TODAY].finalized, days[TODAY].reviews) == (3, 2, 4)
    assert (days[TODAY - timedelta(days=1)].extracted, days[TODAY - timedelta(days=1)].reviews) == (1, 0)
    assert sum(row.extracted for row in days.values()) == 4  # the 40-day-old claim is outside


def test_the_verdict_distribution_covers_claims_extracted_in_the_period(desk):
    counts = {value: count for value, _label, count in verdict_distribution(period=period())}
    assert counts == {"unreviewed": 1, "verified": 3, "unverified": 0, "disputed": 0, "not_a_claim": 0}
    assert sum(counts.values()) == 4


def test_the_median_time_to_a_final_verdict(desk):
    figure = time_to_final(period=period())
    assert (figure.claims, figure.median_seconds) == (2, 2 * 3600)  # between 1 h and 3 h
    assert time_to_final(period=period_parse(days=1, today=date(2020, 10, 1))).median_seconds is None


def test_time_spent_counts_gaps_between_a_reviewers_reviews_capped_at_ten_minutes(desk):
    work = {row.reviewer: row for row in reviewer_work(period=period())}
    assert (work["rita-d"].reviews, work["rita-d"].claims, work["rita-d"].seconds_spent) == (3, 3, 4 * 60 + 10 * 60)
    assert (work["sam-d"].reviews, work["sam-d"].seconds_spent) == (1, 0)


def test_agreement_pairs_two_reviewers_verdicts_on_the_same_claim(desk):
    figure = agreement(period=period())
    assert (figure.claims, figure.agreed, figure.observed) == (1, 0, 0.0)
    (pair,) = figure.pairs
    assert {pair.first, pair.second} == {"rita-d", "sam-d"} and pair.claims == 1


def test_cohens_kappa_against_a_worked_example():
    # 50 items: 20 both yes, 15 both no, 5 yes/no, 10 no/yes. p_o = 0.7, p_e = 0.5 -> kappa 0.4.
    pairs = [("v", "v")] * 20 + [("d", "d")] * 15 + [("v", "d")] * 5 + [("d", "v")] * 10
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert cohen_kappa([("v", "v")] * 3) is None  # every verdict the same: chance agreement is total
    assert cohen_kappa([]) is None


def test_the_most_repeated_claims_are_earlier_claims_linked_most_often(desk):
    (top,) = repeated_claims(period=period())
    assert (top.document_id, top.claim_id, top.repeats, top.verdict) == (desk["document"].pk, desk["earlier"].pk, 3,
                                                                         "disputed")


def test_other_fact_checkers_work_is_not_among_the_desks_repeated_claims(desk):
    document = MatchDocumentFactory(for_fact_check=True)
    for _ in range(5):
        ClaimMatchFactory(document=document, status=MatchStatus.AUTO)
    assert [row.document_id for row in repeated_claims(period=period())] == [desk["document"].pk]


def test_a_final_verdict_is_recorded_once_with_its_first_time_and_latest_verdict(reviewer, editor):
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=reviewer, verdict=Verdict.VERIFIED)
    first = FinalVerdict.objects.get(claim=claim)
    assert first.verdict == "verified" and first.seconds_to_final >= 0
    claim_reopen(claim=claim, actor=editor)
    review_submit(claim=claim, reviewer=reviewer, verdict=Verdict.DISPUTED)
    again = FinalVerdict.objects.get(claim=claim)
    assert (again.verdict, again.first_final_at) == ("disputed", first.first_final_at)
    assert again.final_at > first.final_at
