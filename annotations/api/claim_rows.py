"""The claim list's JSON rows, shaped exactly like ClaimListSerializer without its per-field machinery.

ClaimListSerializer is the one definition of the list's fields. From its fields this module derives, once
per process, both what the selector reads and how each row is built:

- CLAIM_LIST_COLUMNS, the value paths annotations.selectors.claim_list_values selects: a field's
  source (`article.title` → `article__title`; `article`, a primary key, reads `article_id`), and for a
  nested serializer (`assigned_to`) one column per field of it;
- claim_list_rows, which turns those tuples into the serializer's dicts in one pass: JSON columns parsed
  once, floats as floats, a nested object null when its primary key is, and timestamps left as datetimes
  in the current time zone, which the renderer writes as DRF's DateTimeField would (ISO 8601, "Z" for
  UTC).

A DRF ModelSerializer spends most of a 50-row list request walking fields and building model instances;
a generic loop over the fields here would cost a third more than the rows themselves. So the row
function is generated, as source, from the field list (like namedtuple or dataclasses): one dict display
per row, nothing looked up per field. A field of a kind this module does not know is an error at
import, not a wrong row. tests/verify/api/test_claim_rows.py holds the output equal to the serializer's.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from django.utils import timezone
from rest_framework import serializers
from rest_framework.settings import api_settings

from annotations.api.claim_serializers import ClaimListSerializer
from annotations.selectors import claim_list_timestamp

# How a column becomes its JSON value, by the serializer field's exact class ("{}": the column).
_CONVERSIONS: dict[type, str] = {
    serializers.IntegerField: "{}",
    serializers.CharField: "{}",
    serializers.ChoiceField: "{}",
    serializers.PrimaryKeyRelatedField: "{}",
    serializers.FloatField: "float({})",
    serializers.JSONField: "loads({})",
    serializers.DateTimeField: "timestamp({}).astimezone(zone)",
}


def _conversion(field: serializers.Field) -> str:
    if type(field) is serializers.BigIntegerField:
        return "str({})" if getattr(field, "coerce_to_string", api_settings.COERCE_BIGINT_TO_STRING) else "{}"
    if field.source == "*" or type(field) not in _CONVERSIONS:
        raise TypeError(f"claim_rows cannot read {field.field_name} ({type(field).__name__}); add its conversion.")
    return _CONVERSIONS[type(field)]


def _column(field: serializers.Field) -> str:
    return field.source.replace(".", "__")


def _derive(serializer: serializers.Serializer) -> tuple[tuple[str, ...], str]:
    """The columns `serializer` reads and the source of a function building its rows from them."""
    columns: list[str] = []
    items: list[str] = []

    def take(column: str) -> str:
        columns.append(column)
        return f"c{len(columns) - 1}"

    for name, field in serializer.fields.items():
        if isinstance(field, serializers.ModelSerializer) and not getattr(field, "many", False):
            pk = field.Meta.model._meta.pk.name
            if field.source == "*" or pk not in field.fields:
                raise TypeError(f"claim_rows reads {name} as null when its {pk} is: the nested fields need it.")
            prefix = field.source.replace(".", "__")
            nested = {sub: _conversion(subfield).format(take(f"{prefix}__{_column(subfield)}"))
                      for sub, subfield in field.fields.items()}
            members = ", ".join(f"{sub!r}: {value}" for sub, value in nested.items())
            items.append(f"{name!r}: None if {nested[pk]} is None else {{{members}}}")
        else:
            items.append(f"{name!r}: " + _conversion(field).format(take(_column(field))))
    names = ", ".join(f"c{index}" for index in range(len(columns)))
    source = (f"def claim_list_rows(values, zone):\n"
              f"    return [{{{', '.join(items)}}}\n"
              f"            for ({names},) in values]\n")
    return tuple(columns), source


CLAIM_LIST_COLUMNS, CLAIM_LIST_ROWS_SOURCE = _derive(ClaimListSerializer())
_namespace: dict[str, Any] = {"loads": orjson.loads, "timestamp": claim_list_timestamp}
exec(compile(CLAIM_LIST_ROWS_SOURCE, f"<claim_list_rows from {ClaimListSerializer.__name__}>", "exec"), _namespace)
_rows: Callable[[list[tuple], Any], list[dict[str, Any]]] = _namespace["claim_list_rows"]


def claim_list_rows(values: list[tuple]) -> list[dict[str, Any]]:
    """claim_list_values' tuples of CLAIM_LIST_COLUMNS as ClaimListSerializer's dicts."""
    return _rows(values, timezone.get_current_timezone())
