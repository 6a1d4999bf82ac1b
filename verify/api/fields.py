"""Serializer fields and validators the API shares."""
from django.core.validators import URLValidator
from rest_framework import serializers

# A URL the API will fetch (or that readers will follow): the web's schemes only.
HTTP_URL = URLValidator(schemes=["http", "https"], message="Give an http:// or https:// address.", code="http_only")


class OptionalURLField(serializers.URLField):
    """A URL a row may not have (a pasted article, no organisation site): null then, never "", which is
    no URI (the schema says `format: uri, nullable: true`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None
