"""Object ids typed into forms and query strings: ASCII digits a primary key can hold, or a clear error.

`str.isdigit()` is true for "²" and "٣", which int() then refuses or the database cannot hold (a
30-digit id overflows a bigint): both were 500s. Every form field reading an id goes through id_parse.
"""
import re

from django import forms
from django.core.exceptions import ValidationError

from verify.models import MAX_ID

_ID = re.compile(r"[0-9]{1,19}")
_SEPARATORS = re.compile(r"[\s,;]+")
INVALID_ID = "IDs are whole numbers from 1 to {max:,} written with the digits 0–9; “{value}” is not one."


def id_parse(value) -> int:
    """The id `value` (a string or an int) names; ValidationError (code "invalid_id") otherwise."""
    text = str(value).strip()
    if _ID.fullmatch(text) and 1 <= int(text) <= MAX_ID:
        return int(text)
    raise ValidationError(INVALID_ID.format(max=MAX_ID, value=text[:30]), code="invalid_id")


class IdField(forms.IntegerField):
    """One id: 1 to MAX_ID, ASCII digits only."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return id_parse(value)


class IdListField(forms.CharField):
    """Ids separated by commas, semicolons or spaces (a text box), as a list of ints."""

    def clean(self, value) -> list[int]:
        text = super().clean(value)  # the text's own checks (required, max_length) first
        return [id_parse(part) for part in _SEPARATORS.split(text) if part]


class IdMultipleField(forms.Field):
    """Repeated ids (`?claim=1&claim=2`, checkboxes), as a list of ints."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        if not isinstance(value, (list, tuple)):
            raise ValidationError("Expected a list of IDs.", code="invalid_list")
        return [id_parse(item) for item in value]
