"""The orjson renderer writes what DRF's JSON renderer would, for every type the API returns."""
import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID

from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from verify.api.renderers import FastJSONRenderer

SAMPLE = {
    "text": "<script>alert('x')</script> — 11 000 troupes, «cité»",
    "when": datetime(2026, 11, 24, 9, 30, 5, 123456, tzinfo=timezone.utc),
    "local": datetime(2026, 11, 24, 9, 30, tzinfo=timezone(timedelta(hours=2))),
    "day": date(2026, 11, 24),
    "amount": Decimal("51000000.5"),
    "lazy": gettext_lazy("This field is required."),
    "id": UUID("12345678-1234-5678-1234-567812345678"),
    "nested": [{"value": 11000, "approximate": True, "bound": None}],
    2: "non-string key",
}


def test_fast_output_parses_to_the_same_document_as_drf():
    fast = FastJSONRenderer().render(SAMPLE)
    drf = JSONRenderer().render(SAMPLE)

    assert json.loads(fast) == json.loads(drf)
    assert b'"2026-11-24T09:30:05.123456Z"' in fast


def test_integers_beyond_64_bits_fall_back_to_the_standard_encoder():
    assert json.loads(FastJSONRenderer().render({"n": 2**80})) == {"n": 2**80}


def test_indentation_requests_use_drf_rendering():
    rendered = FastJSONRenderer().render({"a": 1}, "application/json; indent=2")

    assert rendered == b'{\n  "a": 1\n}'


def test_no_data_renders_nothing():
    assert FastJSONRenderer().render(None) == b""
