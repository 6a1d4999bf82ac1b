"""The claim page's place in the queue: the same neighbours and position the whole ordered queue gives,
read by keyset and a cached count, at a number of queries that does not depend on the queue's length."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.selectors import ClaimFilters, claim_queue, queue_position
from annotations.selectors import position as position_module
from tests.factories import ArticleFactory, ClaimFactory
from verify.models import Verdict

pytestmark = pytest.mark.django_db


def _queue(reviewer, filters):
    return list(claim_queue(user=reviewer, filters=filters).values_list("id", flat=True))


@pytest.mark.parametrize("order", [None, "checkworthiness", "-created_at", "created_at"])
def test_neighbours_and_position_agree_with_the_whole_ordered_queue(reviewer, order):
    article = ArticleFactory()
    # Ties on the score: the order falls back to ids, forwards and backwards alike.
    for score in (0.9, 0.7, 0.7, 0.7, 0.5, 0.9, 0.3):
        ClaimFactory(article=article, checkworthiness=score)
    filters = ClaimFilters(order=order)
    ids = _queue(reviewer, filters)
    for index, claim_id in enumerate(ids):
        claim = article.claims.get(pk=claim_id)
        position = queue_position(user=reviewer, filters=filters, claim=claim)
        assert position.index == index
        assert position.total == len(ids)
        assert position.previous_id == (ids[index - 1] if index else None)
        assert position.next_id == (ids[index + 1] if index + 1 < len(ids) else None)
        assert not position.index_is_lower_bound


def test_a_claim_outside_the_queue_leads_to_the_queues_first_claim(reviewer):
    article = ArticleFactory()
    kept = [ClaimFactory(article=article, checkworthiness=score) for score in (0.4, 0.8)]
    judged = ClaimFactory(article=article, checkworthiness=0.9, verdict=Verdict.DISPUTED)
    position = queue_position(user=reviewer, filters=ClaimFilters(verdict=Verdict.UNREVIEWED), claim=judged)
    assert position.index is None and position.previous_id is None
    assert position.next_id == kept[1].pk
    assert position.total == 2


def test_a_position_past_the_counting_limit_reads_as_a_lower_bound(reviewer, monkeypatch):
    monkeypatch.setattr(position_module, "POSITION_COUNT_LIMIT", 3)
    article = ArticleFactory()
    claims = [ClaimFactory(article=article, checkworthiness=1 - n / 10) for n in range(6)]
    position = queue_position(user=reviewer, filters=ClaimFilters(), claim=claims[5])
    assert position.index == 3 and position.index_is_lower_bound
    assert position.previous_id == claims[4].pk and position.total == 6


def test_the_page_reads_the_same_number_of_rows_whatever_the_queues_length(reviewer):
    article = ArticleFactory()
    claims = [ClaimFactory(article=article, checkworthiness=0.5 + n / 1000) for n in range(40)]
    counts = []
    for size in (5, 40):
        with CaptureQueriesContext(connection) as queries:
            queue_position(user=reviewer, filters=ClaimFilters(score_max=0.5 + (size - 1) / 1000 + 1e-9),
                           claim=claims[size // 2])
        counts.append(len(queries))
        # Every statement is bounded: a LIMIT, an EXISTS or a COUNT; none reads the queue's ids.
        assert all("LIMIT" in q["sql"] or "COUNT(" in q["sql"] for q in queries.captured_queries)
    assert counts[0] == counts[1]
