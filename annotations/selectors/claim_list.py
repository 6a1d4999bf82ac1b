"""The API's claim list: the queue's own query (claims_narrowed in queue.py), compiled once per filter
shape and run as a prepared statement. The hottest read of the API.

There is no second definition of the list here. Its rows are claims_narrowed's queryset, continued
after a keyset cursor and cut to `values_list(*columns)`, with placeholders (Param) where the
request's values go. That queryset is compiled to SQL once per shape (which filters are set, the value
of the STATEMENT_ARGUMENTS, the order, whether there is a cursor, the page size, the columns) and
cached; every request binds its own values to the cached statement's parameters and runs it through
verify.db.prepared_cursor, where the unchanging SQL text lets PostgreSQL plan it once per connection.
Building and compiling the ORM query, and the ORM's per-value converters, were two thirds of the
request; neither is paid per request any more.

The columns are the caller's (the API derives them from ClaimListSerializer: annotations/api/
claim_rows.py). They come back as the database gives them, with two kinds read cheaply: JSON as text
(Django reads jsonb as text on PostgreSQL), timestamps as microseconds since the epoch on PostgreSQL
(Django's timestamptz loader is Python code; the page's 100 timestamps were a third of the statement's
time); claim_list_timestamp reads them back.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import (
    CharField,
    DateTimeField,
    Expression,
    F,
    Field,
    FloatField,
    Func,
    IntegerField,
)

from annotations.selectors.queue import (
    STATEMENT_ARGUMENTS,
    ClaimFilters,
    checked_order,
    claim_filter_arguments,
    claims_narrowed,
    claims_past,
)
from verify.db import prepared_cursor
from verify.models import Claim

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def claim_list_values(
    *, user: AbstractBaseUser, filters: ClaimFilters, columns: tuple[str, ...],
    after: tuple[Any, int] | None = None, limit: int,
) -> list[tuple]:
    """Up to `limit` rows of claims_filter(...) as tuples of `columns` (value paths of its queryset, as
    for values_list), continuing after the `(order value, id)` of the last row of the previous page when
    `after` is given. JSON columns come as text and timestamps as claim_list_timestamp reads them."""
    order = checked_order(filters.order)
    arguments = claim_filter_arguments(filters=filters, user=user)
    if arguments is None:
        return []
    if after is not None:
        arguments["after_value"], arguments["after_id"] = after
    # The shape: what the SQL depends on. A value's type picks its placeholder's field (how it is bound).
    shape = tuple((name, value if name in STATEMENT_ARGUMENTS else type(value)) for name, value in arguments.items())
    statement = _statement(connection.vendor, order, shape, columns, limit)
    with prepared_cursor() as cursor:
        cursor.execute(statement.sql, statement.bind(arguments))
        return cursor.fetchall()


def claim_list_timestamp(value: int | datetime | str) -> datetime:
    """An aware UTC datetime from a timestamp column of claim_list_values."""
    if isinstance(value, int):
        return _EPOCH + timedelta(microseconds=value)
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)  # SQLite keeps naive UTC


class Param(Expression):
    """Where a request's value goes in a cached statement: compiles to one parameter, itself, which
    _Statement.bind replaces by `arguments[name]` made ready for the database as `output_field` does."""

    def __init__(self, name: str, output_field: Field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [self]

    def __repr__(self) -> str:
        return f"Param({self.name!r})"


class EpochMicroseconds(Func):
    """A timestamp as whole microseconds since the epoch on PostgreSQL (a bigint is read in C), as itself
    elsewhere."""

    output_field = DateTimeField()

    def as_sql(self, compiler, connection, **extra):
        return compiler.compile(self.source_expressions[0])

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(EXTRACT(EPOCH FROM {sql}) * 1000000)::bigint", params


@dataclass(frozen=True)
class _Statement:
    sql: str
    params: tuple  # the statement's own constants, and a Param where a request's value goes
    slots: tuple[tuple[int, str, Any], ...]  # (index in params, argument name, how its value is bound)

    def bind(self, arguments: Mapping[str, Any]) -> list:
        params = list(self.params)
        for index, name, prepare in self.slots:
            params[index] = prepare(arguments[name], connection)
        return params


# Placeholders by the type of the value they stand for: the field whose get_db_prep_value binds it.
_PARAM_FIELDS: dict[type, Field] = {str: CharField(), int: IntegerField(), float: FloatField(),
                                    datetime: DateTimeField()}


@lru_cache(maxsize=256)
def _statement(vendor: str, order: str, shape: tuple[tuple[str, Any], ...], columns: tuple[str, ...],
               limit: int) -> _Statement:
    """The SQL of one filter shape (claim_list_values), compiled from the queue's query."""
    arguments: dict[str, Any] = {}
    for name, kind in shape:
        if name in STATEMENT_ARGUMENTS:
            arguments[name] = kind
        elif kind in _PARAM_FIELDS:
            arguments[name] = Param(name, _PARAM_FIELDS[kind])
        else:
            raise TypeError(f"The claim list cannot bind {name} of type {kind.__name__}: "
                            "add its field to _PARAM_FIELDS.")
    claims = claims_narrowed(claims=Claim.objects.all(), arguments=arguments, order=order)
    if "after_value" in arguments:
        claims = claims_past(claims, order=order, value=arguments["after_value"], last_id=arguments["after_id"])
    selected = [EpochMicroseconds(F(column)) if isinstance(_model_field(column), DateTimeField) else column
                for column in columns]
    # LIMIT is written into the statement, not bound: a bound LIMIT keeps PostgreSQL from reusing a
    # prepared plan (it re-plans for every value), and each page size is its own statement anyway.
    query = claims.values_list(*selected)[:limit].query
    compiler = query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    # The SQL must not depend on a request's value: each one is only a placeholder in the parameters.
    # A lookup that wrote its value into the SQL or a pattern (SQLite's __iexact does) would lose it here.
    slots = tuple((index, param.name, param.output_field.get_db_prep_value)
                  for index, param in enumerate(params) if isinstance(param, Param))
    bound = {name for name, value in arguments.items() if isinstance(value, Param)}
    if {name for _, name, _ in slots} != bound:
        raise AssertionError(f"The claim list's query does not bind {sorted(bound - {n for _, n, _ in slots})} "
                             "as parameters; it cannot be cached per filter shape.")
    aliases = [alias for _, _, alias in compiler.select]
    if len(aliases) != len(columns) or any(isinstance(s, str) and a != s for a, s in zip(aliases, selected)):
        raise AssertionError(f"The claim list selects {aliases}, not the columns {list(columns)}.")
    return _Statement(sql=sql, params=tuple(params), slots=slots)


def _model_field(path: str) -> Field | None:
    """The model field a value path of the claims queryset ends at; None for an annotation."""
    model, field = Claim, None
    for part in path.split("__"):
        if model is None:
            return None
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = field.related_model if field.is_relation else None
    return field
