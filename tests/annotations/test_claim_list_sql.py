"""claim_list_page (the API list's SQL) returns exactly what claims_filter (the queue's ORM query) does,
for every filter, order and cursor position."""
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from annotations.selectors import (
    CLAIM_LIST_COLUMNS,
    CLAIM_ORDERS,
    ClaimFilters,
    claim_list_page,
    claims_filter,
)
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, UserFactory
from verify.models import Claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    """Claims that differ in every filtered column, with score and time ties for the cursor to split."""
    rita = UserFactory(username="rita", role="reviewer")
    other = UserFactory(username="omar", role="reviewer")
    ledger = ArticleFactory(publisher="The Meridian Ledger")
    bulletin = ArticleFactory(publisher="Daily Bulletin")
    now = timezone.now()
    texts = ["Turnout was 61% in the north", "As many as 11,000 troops crossed", "Prices rose 4_5 points",
             "Officials said café owners lost $2m", "No figure at all"]
    claims = []
    for index in range(20):
        claim = ClaimFactory(
            article=ledger if index % 3 else bulletin, text=texts[index % 5], claimant=["Mayor", "", "ÖKO"][index % 3],
            checkworthiness=[0.9, 0.5, 0.5, 0.25][index % 4],
            verdict=["unreviewed", "verified", "disputed", "unverified"][index % 4],
            assigned_to=[None, rita, other][index % 3])
        claims.append(claim)
    # Whole seconds and shared instants: DRF writes no fraction for them, and the cursor must split ties.
    for index, claim in enumerate(claims):
        stamp = (now - timedelta(minutes=index % 7)).replace(microsecond=0 if index % 2 else 123456)
        Claim.objects.filter(pk=claim.pk).update(created_at=stamp, updated_at=stamp + timedelta(seconds=index % 5))
    for claim in claims[::4]:
        SourceFactory(claim=claim)
    return rita


FILTERS = [
    {},
    {"verdict": "verified"},
    {"article_id": 1}, {"article_id": 2**63}, {"article_id": 0},
    {"publisher": "daily bulletin"}, {"publisher": "Nobody"},
    {"assigned_to_me": True},
    {"score_min": 0.5}, {"score_max": 0.5}, {"score_min": 0.3, "score_max": 0.6},
    {"has_sources": True}, {"has_sources": False},
    {"search": "troops"}, {"search": "MAYOR"}, {"search": "%"}, {"search": "4_5"}, {"search": "_"},
    {"search": "café"}, {"search": "\\"},
    {"verdict": "disputed", "publisher": "The Meridian Ledger", "has_sources": False, "score_min": 0.1},
]


def _reference(user, filters: ClaimFilters):
    return list(claims_filter(claims=Claim.objects.all(), user=user, filters=filters).values(*CLAIM_LIST_COLUMNS))


@pytest.mark.parametrize("filters", FILTERS, ids=str)
@pytest.mark.parametrize("order", CLAIM_ORDERS)
def test_every_filter_and_order_returns_what_the_queue_query_returns(desk, filters, order):
    if filters.get("article_id") == 1:
        filters = {"article_id": Claim.objects.order_by("id").first().article_id}
    filters = ClaimFilters(**filters, order=order)

    assert claim_list_page(user=desk, filters=filters, limit=100) == _reference(desk, filters)


@pytest.mark.parametrize("order", CLAIM_ORDERS)
def test_pages_after_any_row_continue_exactly_where_the_queue_does(desk, order):
    filters = ClaimFilters(order=order)
    expected = _reference(desk, filters)
    field = order.lstrip("-")

    for position, last in enumerate(expected):
        page = claim_list_page(user=desk, filters=filters, after=(last[field], last["id"]), limit=3)
        assert page == expected[position + 1:position + 4]


def test_unknown_verdicts_and_orders_are_refused_like_the_queue_refuses_them(desk):
    for bad in ({"verdict": "true-ish"}, {"order": "text"}):
        with pytest.raises(ValidationError) as raised:
            claim_list_page(user=desk, filters=ClaimFilters(**bad), limit=5)
        assert list(raised.value.message_dict) == list(bad)


def test_the_page_is_one_query(desk, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = claim_list_page(user=desk, filters=ClaimFilters(has_sources=True, search="troops"), limit=50)
    assert rows and all(row["source_count"] == 1 for row in rows)


def test_the_embedded_sqlite_database_gives_the_same_rows_too():
    """CI runs the suite on PostgreSQL; the embedded default (SQLite) reads timestamps and JSON its own way."""
    if connection.vendor == "sqlite":
        pytest.skip("this run is on SQLite already: the tests above cover it")  # never the case in CI
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DATABASE_URL": "sqlite:///:memory:", "CI": ""}
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", __file__,
         "-k", "not sqlite_gives"],
        cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
