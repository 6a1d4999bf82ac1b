"""The queue selector, verdict counts and claim history."""
import pytest
from django.core.exceptions import ValidationError

from annotations.selectors import (
    ClaimFilters,
    claim_history,
    claim_queue,
    verdict_counts,
)
from annotations.services import claim_assign, claim_edit, review_submit, source_attach
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _ids(queryset):
    return [claim.pk for claim in queryset]


def test_claim_queue_orders_by_checkworthiness_by_default_and_counts_sources(reviewer):
    low, high = ClaimFactory(checkworthiness=0.2), ClaimFactory(checkworthiness=0.9)
    SourceFactory.create_batch(2, claim=low)

    claims = list(claim_queue(user=reviewer))

    assert _ids(claims) == [high.pk, low.pk]
    assert [c.source_count for c in claims] == [0, 2]


def test_claim_queue_filters_combine(reviewer):
    article = ArticleFactory(publisher="Ledger")
    match = ClaimFactory(article=article, checkworthiness=0.6, claimant="The mayor", assigned_to=reviewer)
    SourceFactory(claim=match)
    ClaimFactory(article=article, checkworthiness=0.95, claimant="The mayor", assigned_to=reviewer)  # score
    ClaimFactory(article=article, checkworthiness=0.6, claimant="The mayor")  # not mine
    ClaimFactory(checkworthiness=0.6, claimant="The mayor", assigned_to=reviewer)  # other article
    ClaimFactory(article=article, checkworthiness=0.6, claimant="Police", assigned_to=reviewer)  # search

    claims = claim_queue(user=reviewer, filters=ClaimFilters(
        verdict="unreviewed", article_id=article.pk, publisher="ledger", assigned_to_me=True, score_min=0.5,
        score_max=0.9, has_sources=True, search="MAYOR"))

    assert _ids(claims) == [match.pk]


def test_claim_queue_has_sources_false_keeps_claims_without_sources(reviewer):
    with_source, without = ClaimFactory(), ClaimFactory()
    SourceFactory(claim=with_source)

    assert _ids(claim_queue(user=reviewer, filters=ClaimFilters(has_sources=False))) == [without.pk]


@pytest.mark.parametrize("article_id", [0, -3, 10**30])
def test_claim_queue_with_an_impossible_article_id_is_empty_not_an_error(reviewer, article_id):
    ClaimFactory()

    assert list(claim_queue(user=reviewer, filters=ClaimFilters(article_id=article_id))) == []


def test_claim_queue_refuses_an_unknown_order(reviewer):
    with pytest.raises(ValidationError):
        claim_queue(user=reviewer, filters=ClaimFilters(order="password"))


def test_claim_queue_takes_a_constant_number_of_queries(reviewer, django_assert_num_queries):
    for _ in range(5):
        SourceFactory(claim=ClaimFactory(assigned_to=reviewer))

    with django_assert_num_queries(1):
        rows = [(c.article.title, c.assigned_to.username, c.source_count) for c in claim_queue(user=reviewer)]

    assert len(rows) == 5


def test_verdict_counts_cover_every_verdict(reviewer):
    ClaimFactory.create_batch(2, verdict="verified")
    ClaimFactory(verdict="disputed")
    SourceFactory.create_batch(3, claim=ClaimFactory(verdict="disputed"))  # sources must not inflate counts

    counts = verdict_counts(queryset=claim_queue(user=reviewer))

    assert counts == {"unreviewed": 0, "verified": 2, "unverified": 0, "disputed": 2, "not_a_claim": 0}


def test_claim_history_lists_everything_newest_first_with_reviews_attached(reviewer, editor):
    claim = ClaimFactory()
    claim_assign(claim=claim, assignee=reviewer, actor=editor)
    review = review_submit(claim=claim, reviewer=reviewer, verdict="unverified", rationale="Thin.",
                           sources=[{"url": "https://example.org/a"}])
    claim_edit(claim=claim, actor=editor, expected_version=2, claimant="The minister")
    source_attach(claim=claim, user=editor, url="https://example.org/b", title="Later source")

    history = claim_history(claim=claim)

    assert [event.action for event in history] == [
        "source.attach", "claim.edit", "review.submit", "source.attach", "claim.assign"]
    verdict_event = history[2]
    assert verdict_event.review == review and verdict_event.kind == "review"
    assert [s.url for s in verdict_event.review.sources.all()] == ["https://example.org/a"]
    assert verdict_event.summary == "rita set the verdict to unverified"
    assert history[0].summary == "eddie attached a source: Later source"
    assert history[4].summary == "eddie assigned it to rita"


def test_claim_history_includes_reviews_written_without_the_services():
    claim = ClaimFactory()
    review = ReviewFactory(claim=claim, verdict="verified")

    history = claim_history(claim=claim)

    assert [(event.review, event.action) for event in history] == [(review, "review.submit")]


def test_claim_history_takes_a_constant_number_of_queries(reviewer, django_assert_max_num_queries):
    claim = ClaimFactory()
    for number in range(6):
        review_submit(claim=claim, reviewer=reviewer, verdict="verified" if number % 2 else "disputed",
                      sources=[{"url": f"https://example.org/{number}"}])

    with django_assert_max_num_queries(4):
        history = claim_history(claim=claim)
        summaries = [(event.summary, [s.url for s in event.review.sources.all()] if event.review else None)
                     for event in history]

    assert len(summaries) == 12  # 6 verdicts + 6 source attachments


def test_claim_queue_leaves_out_what_extraction_set_aside_and_shows_it_on_request(reviewer):
    queued = ClaimFactory(checkworthiness=0.7)
    aside = ClaimFactory(checkworthiness=0.35, set_aside="opinion")

    assert _ids(claim_queue(user=reviewer)) == [queued.pk]
    assert _ids(claim_queue(user=reviewer, filters=ClaimFilters(set_aside=True))) == [aside.pk]
    assert _ids(claim_queue(user=reviewer, filters=ClaimFilters(set_aside=None))) == [queued.pk, aside.pk]
