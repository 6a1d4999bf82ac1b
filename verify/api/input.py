"""The base of every API request body: a serializer that takes JSON as the schema describes it.

DRF drops unknown keys silently and converts types on the way in (a number where text is expected, a
string where a number is), so a misspelt field ("rationle") or a wrong type looked accepted. An
InputSerializer answers 400 instead, naming each unknown key and each value of the wrong JSON type,
nested serializers included; the schema says so (`additionalProperties: false`, added by the
extension below for every subclass).
"""
from collections.abc import Mapping

from django.core.validators import URLValidator
from drf_spectacular.extensions import OpenApiSerializerExtension
from rest_framework import serializers

UNKNOWN_FIELD = "Unknown field: the accepted fields are {accepted}."
NUL_TEXT = "Null characters are not allowed."
WRONG_TYPE = "Expected {expected}."

# The JSON types each kind of field takes (null is the field's own allow_null rule); first match wins.
_JSON_TYPES: tuple[tuple[type, tuple[type, ...], str], ...] = (
    (serializers.ListSerializer, (list,), "a list"),
    (serializers.ListField, (list,), "a list"),
    (serializers.BaseSerializer, (Mapping,), "an object"),
    (serializers.BooleanField, (bool,), "true or false"),
    (serializers.IntegerField, (int, float), "a whole number"),
    (serializers.FloatField, (int, float), "a number"),
    (serializers.CharField, (str,), "a string"),
    (serializers.ChoiceField, (str,), "a string"),
    (serializers.DateTimeField, (str,), "a date and time string (RFC 3339)"),
    (serializers.DateField, (str,), "a date string (YYYY-MM-DD)"),
    (serializers.PrimaryKeyRelatedField, (int,), "a whole number"),
    (serializers.RelatedField, (str,), "a string"),
)


class InputSerializer(serializers.Serializer):
    # False for a serializer fed query-string values, which are all text.
    json_types = True

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            errors = self._unknown_keys(data)
            if self.json_types:
                errors.update(self._wrong_types(data))
            errors.update(self._nul_text(data))
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def _nul_text(self, data: Mapping) -> dict[str, list[str]]:
        """No text holds NUL (verify.api.schema.NO_NUL_PATTERN), whatever field reads it: refused here, before
        a lookup could hand it to a database that cannot compare it (PostgreSQL)."""
        return {name: [NUL_TEXT] for name, value in data.items() if name in self.fields and _holds_nul(value)}

    def _unknown_keys(self, data: Mapping) -> dict[str, list[str]]:
        unknown = sorted(set(data) - set(self.fields))
        accepted = ", ".join(sorted(name for name, field in self.fields.items() if not field.read_only))
        return {name: [UNKNOWN_FIELD.format(accepted=accepted)] for name in unknown}

    def _wrong_types(self, data: Mapping) -> dict[str, list[str]]:
        errors = {}
        for name, field in self.fields.items():
            value = data.get(name)
            if field.read_only or value is None:
                continue
            for kind, types, expected in _JSON_TYPES:
                if isinstance(field, kind):
                    if isinstance(value, bool) != (bool in types) or not isinstance(value, types) or (
                            isinstance(value, float) and kind is serializers.IntegerField and not value.is_integer()):
                        errors[name] = [WRONG_TYPE.format(expected=expected)]
                    break
        return errors


class InputSerializerSchema(OpenApiSerializerExtension):
    """What an input serializer takes, as exactly as a schema can say it: no other keys; text that must
    not be blank has a character other than whitespace (DRF trims it first); a URL's host name is at most
    253 characters (Django's URLValidator) and its scheme one the field allows. A serializer's own
    `schema_extra` (rules across fields) is merged in."""

    target_class = InputSerializer
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        schema["additionalProperties"] = False
        for name, field in self.target.fields.items():
            described = schema.get("properties", {}).get(name)
            if described is None or field.read_only:
                continue
            if isinstance(field, serializers.URLField):
                # allow_blank documents "" as a second branch (oneOf): the pattern belongs to the URL's.
                url = next((branch for branch in described.get("oneOf", []) if "format" in branch), described)
                url["pattern"] = _url_pattern(field)
            elif isinstance(field, serializers.CharField) and not field.allow_blank:
                described["minLength"] = max(1, described.get("minLength", 0))
                if field.trim_whitespace:
                    # Some character that is not white space, and no NUL (verify.api.schema.NO_NUL_PATTERN).
                    described["pattern"] = r"^[^\u0000]*[^\s\u0000][^\u0000]*$"
        schema.update(getattr(self.target, "schema_extra", {}))
        return schema


def _url_pattern(field: serializers.Field) -> str:
    schemes = None
    for validator in field.validators:
        if isinstance(validator, URLValidator):
            schemes = set(validator.schemes) if schemes is None else schemes & set(validator.schemes)
    alternatives = "|".join(sorted(schemes or URLValidator.schemes))
    # A subset of what URLValidator takes, in syntax JSON Schema shares with Python and simple enough to
    # generate from: up to three labels of up to 60 characters and a top-level domain of 2-63 letters
    # (so never past the 253 characters a host name may have), an optional port, then URI characters.
    return (rf"^(?:{alternatives})://(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,58}}[A-Za-z0-9])?\.){{1,3}}"
            r"[A-Za-z]{2,63}(?::[0-9]{1,5})?(?:[/?#](?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*)?$")


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False
