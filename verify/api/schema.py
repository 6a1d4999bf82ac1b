"""The OpenAPI schema's generator (REST_FRAMEWORK DEFAULT_SCHEMA_CLASS): drf-spectacular's, plus every
error answer an operation can give, in the one error shape of verify/api/exceptions.py.

Views document their own successes and the errors only they give (409 version conflicts, 503 while
the index warms up). What every view shares comes from here, derived from the view itself:

- 400 when the operation reads a body or query parameters (validation, malformed JSON);
- 401 and 403 when it needs a login (no or a bad token; the wrong role, or a session request
  without its CSRF token);
- 404 when its path names an object, its list is paged by number (a page past the end), or its body
  names objects (`article`, `claims`: verify.errors.ReferenceNotFound);
- 413 and 415 when it reads a body (too large; a Content-Type it does not parse);
- 429 when it is throttled;
- 503 on every operation: the database is unreachable (answered with Retry-After).

Input serializers (verify.api.serializers.InputSerializer) are documented with
`additionalProperties: false`, as they refuse unknown keys.
"""
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import force_instance
from rest_framework.pagination import PageNumberPagination

from verify.api.exceptions import (
    BAD_REQUEST,
    FORBIDDEN,
    NOT_FOUND,
    THROTTLED,
    TOO_LARGE,
    UNAUTHENTICATED,
    UNAVAILABLE,
    UNSUPPORTED_MEDIA_TYPE,
)


# Body fields that name other objects: a missing one is a 404 (verify.errors.ReferenceNotFound, or a related
# field's "does_not_exist", verify.api.exceptions).
REFERENCE_FIELDS = frozenset({"article", "article_id", "claims", "claim_ids", "report", "assignee"})


class VerityAutoSchema(AutoSchema):
    def _get_request_body(self, direction="request"):
        body = super()._get_request_body(direction)
        # Creating needs a body even when no single field is required (an article is text *or* a URL), and
        # so does a view saying `request_body_required` (a oneOf body): a POST without one is refused (400),
        # so the schema must not call it optional.
        if body is not None and self.method == "POST" and (getattr(self.view, "action", None) == "create"
                                                           or getattr(self.view, "request_body_required", False)):
            body["required"] = True
        return body

    def _body_names_objects(self) -> bool:
        serializer = force_instance(self.get_request_serializer())
        # A oneOf body (PolymorphicProxySerializer) names objects when any of its shapes does.
        variants = getattr(serializer, "serializers", None)
        shapes = [force_instance(v) for v in (variants.values() if isinstance(variants, dict) else variants)] \
            if variants is not None else [serializer]
        return any(REFERENCE_FIELDS & set(getattr(shape, "fields", {})) for shape in shapes)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, response in self._shared_errors().items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return dict(sorted(responses.items()))

    def _shared_errors(self) -> dict:
        errors = {}
        reads_body = self.method in ("POST", "PUT", "PATCH") and self.get_request_serializer() is not None
        has_query = any(parameter.get("in") == "query" for parameter in self._get_parameters())
        if reads_body or has_query:
            errors["400"] = BAD_REQUEST
        auths = self.get_auth()
        if auths and {} not in auths:
            errors["401"] = UNAUTHENTICATED
            errors["403"] = FORBIDDEN
        if ("{" in self.path or (self._is_list_view() and isinstance(self._get_paginator(), PageNumberPagination))
                or (reads_body and self._body_names_objects())):
            errors["404"] = NOT_FOUND
        if reads_body:
            errors["413"] = TOO_LARGE
            errors["415"] = UNSUPPORTED_MEDIA_TYPE
        if self.view.get_throttles():
            errors["429"] = THROTTLED
        errors["503"] = UNAVAILABLE
        return errors


# Text never holds NUL: DRF's text fields refuse it (400) and PostgreSQL cannot store it.
NO_NUL_PATTERN = r"^[^\u0000]*$"


def no_nul_strings(result, generator, request, public):
    """drf-spectacular postprocessing hook: every free-text string (no format, enum or pattern of its
    own), in bodies and parameters alike, is documented as holding no NUL character."""
    def walk(node):
        if isinstance(node, dict):
            if (node.get("type") == "string" and not {"format", "enum", "pattern"} & set(node)):
                node["pattern"] = NO_NUL_PATTERN
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(result)
    return result
