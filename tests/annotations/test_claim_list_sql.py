"""claim_list_values (the API list's statement, compiled once per filter shape) returns exactly what
claims_filter (the queue's ORM query) does, for every filter, order and cursor position."""
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection
from django.db.models import DateTimeField, JSONField
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from annotations.api.claim_rows import CLAIM_LIST_COLUMNS
from annotations.selectors import (
    CLAIM_ORDERS,
    ClaimFilters,
    claim_list,
    claim_list_timestamp,
    claim_list_values,
    claims_filter,
    claims_for_display,
)
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, UserFactory
from verify.models import Claim

pytestmark = pytest.mark.django_db


def _read(column: str):
    """How a claim_list_values column becomes what `.values()` gives: JSON parsed, timestamps read."""
    try:
        field = Claim._meta.get_field(column)
    except FieldDoesNotExist:
        return None  # a related column or an annotation: as the database gives it
    if isinstance(field, JSONField):
        return orjson.loads
    return claim_list_timestamp if isinstance(field, DateTimeField) else None


def claim_list_page(*, columns: tuple[str, ...], **arguments) -> list[dict]:
    """claim_list_values' rows as dicts of `columns`, comparable with claims_filter(...).values(*columns)."""
    readers = {column: read for column in columns if (read := _read(column)) is not None}
    rows = [dict(zip(columns, values, strict=True))
            for values in claim_list_values(columns=columns, **arguments)]
    for row in rows:
        for column, read in readers.items():
            row[column] = read(row[column])
    return rows


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

    rows = claim_list_page(user=desk, filters=filters, columns=CLAIM_LIST_COLUMNS, limit=100)
    assert rows == _reference(desk, filters)


@pytest.mark.parametrize("order", CLAIM_ORDERS)
def test_pages_after_any_row_continue_exactly_where_the_queue_does(desk, order):
    filters = ClaimFilters(order=order)
    expected = _reference(desk, filters)
    field = order.lstrip("-")

    for position, last in enumerate(expected):
        page = claim_list_page(user=desk, filters=filters, columns=CLAIM_LIST_COLUMNS,
                               after=(last[field], last["id"]), limit=3)
        assert page == expected[position + 1:position + 4]


def test_unknown_verdicts_and_orders_are_refused_like_the_queue_refuses_them(desk):
    for bad in ({"verdict": "true-ish"}, {"order": "text"}):
        with pytest.raises(ValidationError) as raised:
            claim_list_page(user=desk, filters=ClaimFilters(**bad), columns=CLAIM_LIST_COLUMNS, limit=5)
        assert list(raised.value.message_dict) == list(bad)


def test_the_page_is_one_query(desk, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = claim_list_page(user=desk, filters=ClaimFilters(has_sources=True, search="troops"),
                               columns=CLAIM_LIST_COLUMNS, limit=50)
    assert rows and all(row["source_count"] == 1 for row in rows)


def _compiling(monkeypatch) -> tuple[list, list]:
    """Records every compilation of a query, and every statement claim_list_values runs with its params."""
    compiled, executed = [], []
    compile_sql, bind = SQLCompiler.as_sql, claim_list._Statement.bind

    def counting_as_sql(self, *args, **kwargs):
        compiled.append(self.query.model)
        return compile_sql(self, *args, **kwargs)

    def recording_bind(self, arguments):
        params = bind(self, arguments)
        executed.append((self.sql, params))
        return params

    monkeypatch.setattr(SQLCompiler, "as_sql", counting_as_sql)
    monkeypatch.setattr(claim_list._Statement, "bind", recording_bind)
    claim_list._statement.cache_clear()
    return compiled, executed


def test_a_filter_shape_is_compiled_once_and_each_request_binds_its_own_values(desk, monkeypatch):
    shape = [{"search": "troops", "score_min": 0.5, "publisher": "the meridian ledger"},
             {"search": "MAYOR", "score_min": 0.1, "publisher": "Daily Bulletin"},
             {"search": "%", "score_min": 0.9, "publisher": "daily bulletin"},
             {"search": "4_5", "score_min": 0.0, "publisher": "nobody"}]
    expected = [_reference(desk, ClaimFilters(**filters)) for filters in shape]
    assert len({str(rows) for rows in expected}) == 4 and all(expected[:3])  # the values change the answer
    compiled, executed = _compiling(monkeypatch)

    first = claim_list_page(user=desk, filters=ClaimFilters(**shape[0]), columns=CLAIM_LIST_COLUMNS, limit=100)
    assert compiled  # the shape's first request compiles its statement
    compiled.clear()
    rest = [claim_list_page(user=desk, filters=ClaimFilters(**filters), columns=CLAIM_LIST_COLUMNS, limit=100)
            for filters in shape[1:]]

    assert compiled == []  # the others compile nothing
    assert [first, *rest] == expected
    assert claim_list._statement.cache_info().misses == 1
    statements = {sql for sql, _ in executed}
    assert len(statements) == 1  # one SQL text: PostgreSQL can prepare it
    sql = statements.pop()
    assert not any(value in sql for value in ("troops", "MAYOR", "meridian", "ulletin", "0.9"))
    assert ["troops" in str(params) for _, params in executed] == [True, False, False, False]


def test_cursor_positions_share_one_statement_and_shapes_get_their_own(desk, monkeypatch):
    filters = ClaimFilters(order="-created_at")
    expected = _reference(desk, filters)
    _, executed = _compiling(monkeypatch)

    pages = [claim_list_page(user=desk, filters=filters, columns=CLAIM_LIST_COLUMNS,
                             after=(last["created_at"], last["id"]), limit=3) for last in expected]
    with_sources = claim_list_page(user=desk, filters=ClaimFilters(has_sources=True), columns=CLAIM_LIST_COLUMNS,
                                   limit=100)
    without = claim_list_page(user=desk, filters=ClaimFilters(has_sources=False), columns=CLAIM_LIST_COLUMNS,
                              limit=100)

    assert pages == [expected[position + 1:position + 4] for position in range(len(expected))]
    assert with_sources == _reference(desk, ClaimFilters(has_sources=True))
    assert without == _reference(desk, ClaimFilters(has_sources=False))
    # One statement for every cursor position; EXISTS and NOT EXISTS are two more.
    assert len({sql for sql, _ in executed}) == 3
    assert claim_list._statement.cache_info().misses == 3


def test_a_filter_that_writes_its_value_into_the_sql_is_refused_not_cached(desk, monkeypatch):
    def baking(*, claims, arguments, order):
        return claims_for_display(claims=claims.filter(text=str(arguments["search"]))).order_by(order, "id")

    monkeypatch.setattr(claim_list, "claims_narrowed", baking)
    claim_list._statement.cache_clear()

    with pytest.raises(AssertionError, match="does not bind"):
        claim_list_page(user=desk, filters=ClaimFilters(search="troops"), columns=CLAIM_LIST_COLUMNS, limit=5)


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
