"""The API's claim list as one hand-written SQL statement: the hottest read of the API.

claims_filter (queue.py) says what each filter means and stays the reference: the queue pages and
exports use it. For `GET /api/claims/`, building and compiling that ORM query and converting 24
columns of 50 rows through the ORM's per-value converters cost two thirds of the request; this
statement answers the same question with one cursor call, planned once per connection
(verify.db.prepared_cursor). tests/annotations/test_claim_list_sql.py holds the two equal for every
filter, order and cursor position, on SQLite and on PostgreSQL: a new filter goes into both.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import orjson
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection

from annotations.models import Source
from annotations.selectors.queue import ClaimFilters, checked_order, checked_verdict
from verify.db import prepared_cursor
from verify.models import MAX_ID, Article, Claim

# The keys of every row, in the order the statement selects them.
CLAIM_LIST_COLUMNS = (
    "id", "article_id", "text", "sentence", "start_char", "end_char", "sentence_index", "claimant", "cue",
    "quantities", "entities", "hedges", "checkworthiness", "verdict", "extractor_version", "extracted_text",
    "extracted_claimant", "version", "assigned_to_id", "assigned_to__username", "created_at", "updated_at",
    "article__title", "source_count",
)
_JSON_COLUMNS = ("quantities", "entities", "hedges")
_TIMESTAMP_COLUMNS = ("created_at", "updated_at")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def claim_list_page(
    *, user: AbstractBaseUser, filters: ClaimFilters, after: tuple[Any, int] | None = None, limit: int,
) -> list[dict[str, Any]]:
    """Up to `limit` rows of claims_filter(...) as dicts of CLAIM_LIST_COLUMNS, continuing after the
    `(order value, id)` of the last row of the previous page when `after` is given."""
    return [_row(values) for values in
            claim_list_values(user=user, filters=filters, after=after, limit=limit)]


def claim_list_values(
    *, user: AbstractBaseUser, filters: ClaimFilters, after: tuple[Any, int] | None = None, limit: int,
) -> list[tuple]:
    """claim_list_page's rows as the database returns them: tuples in CLAIM_LIST_COLUMNS order, JSON
    columns as text and timestamps as claim_list_timestamp reads them. For callers that shape rows
    themselves (the API writes its JSON straight from these) and would otherwise build every row twice."""
    order = checked_order(filters.order)
    if filters.article_id is not None and not 0 < filters.article_id <= MAX_ID:
        return []
    where, params = _conditions(filters=filters, user=user)
    field = order.lstrip("-")
    descending = order.startswith("-")
    if after is not None:
        value, last_id = after
        if field in _TIMESTAMP_COLUMNS:
            value = connection.ops.adapt_datetimefield_value(value)
        # The redundant bound on the field alone lets the database start an index range scan at the cursor.
        before, beyond = ("<=", "<") if descending else (">=", ">")
        where.append(f"c.{field} {before} %s AND (c.{field} {beyond} %s OR (c.{field} = %s AND c.id > %s))")
        params += [value, value, value, last_id]
    # LIMIT is written into the statement, not bound: a bound LIMIT keeps PostgreSQL from reusing a
    # prepared plan (it re-plans for every value), and each page size is its own statement anyway.
    sql = (_select_from() + (" WHERE " + " AND ".join(where) if where else "")
           + f" ORDER BY c.{field} {'DESC' if descending else 'ASC'}, c.id ASC LIMIT {int(limit)}")
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _conditions(*, filters: ClaimFilters, user: AbstractBaseUser) -> tuple[list[str], list[Any]]:
    """The WHERE conditions of `filters` (claims_filter's, in SQL) and their parameters."""
    where: list[str] = []
    params: list[Any] = []
    if filters.verdict:
        where.append("c.verdict = %s")
        params.append(checked_verdict(filters.verdict))
    if filters.article_id is not None:
        where.append("c.article_id = %s")
        params.append(filters.article_id)
    if filters.publisher:
        where.append("UPPER(a.publisher) = UPPER(%s)")  # served by article_publisher_upper_idx
        params.append(filters.publisher)
    if filters.assigned_to_me:
        where.append("c.assigned_to_id = %s")
        params.append(user.pk)
    if filters.score_min is not None:
        where.append("c.checkworthiness >= %s")
        params.append(filters.score_min)
    if filters.score_max is not None:
        where.append("c.checkworthiness <= %s")
        params.append(filters.score_max)
    if filters.search:
        pattern = f"%{connection.ops.prep_for_like_query(filters.search)}%"
        where.append("(" + " OR ".join(f"UPPER(c.{column}) LIKE UPPER(%s) ESCAPE '\\'"
                                       for column in ("text", "claimant", "sentence")) + ")")
        params += [pattern] * 3
    if filters.has_sources is not None:
        where.append(("" if filters.has_sources else "NOT ") + f"EXISTS (SELECT 1 FROM {_tables()['source']} s "
                     "WHERE s.claim_id = c.id)")
    return where, params


def _row(values: tuple) -> dict[str, Any]:
    """One of claim_list_values' tuples as a dict of CLAIM_LIST_COLUMNS, with JSON and timestamps read."""
    row = dict(zip(CLAIM_LIST_COLUMNS, values, strict=True))
    for column in _JSON_COLUMNS:
        row[column] = orjson.loads(row[column])
    for column in _TIMESTAMP_COLUMNS:
        row[column] = claim_list_timestamp(row[column])
    return row


def claim_list_timestamp(value: int | datetime | str) -> datetime:
    """An aware UTC datetime from what _timestamp_sql selected on this database."""
    if isinstance(value, int):
        return _EPOCH + timedelta(microseconds=value)
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)  # SQLite keeps naive UTC


def _timestamp_sql(column: str) -> str:
    if connection.vendor == "postgresql":
        # Microseconds since the epoch, not timestamptz: Django's timestamptz loader is Python code,
        # and the page's 100 timestamps were a third of the statement's time.
        return f"(EXTRACT(EPOCH FROM {column}) * 1000000)::bigint"
    return column


@cache
def _tables() -> dict[str, str]:
    return {"claim": Claim._meta.db_table, "article": Article._meta.db_table,
            "user": get_user_model()._meta.db_table, "source": Source._meta.db_table}


@cache
def _select_from() -> str:
    tables = _tables()
    expressions = {
        **{column: f"c.{column}" for column in CLAIM_LIST_COLUMNS},
        **{column: f"CAST(c.{column} AS TEXT)" for column in _JSON_COLUMNS},
        **{column: _timestamp_sql(f"c.{column}") for column in _TIMESTAMP_COLUMNS},
        "assigned_to__username": "u.username",
        "article__title": "a.title",
        # Counted for the page's rows only, not grouped over every claim before ORDER BY … LIMIT.
        "source_count": f"(SELECT COUNT(*) FROM {tables['source']} s WHERE s.claim_id = c.id)",
    }
    return (f"SELECT {', '.join(expressions[column] for column in CLAIM_LIST_COLUMNS)} "
            f"FROM {tables['claim']} c JOIN {tables['article']} a ON a.id = c.article_id "
            f"LEFT JOIN {tables['user']} u ON u.id = c.assigned_to_id")
