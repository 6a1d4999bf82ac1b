"""The API's one error path (REST_FRAMEWORK EXCEPTION_HANDLER): every error answers the same JSON shape.

    {"detail": "<a sentence for people>", "code": "<a stable string for programs>", ...}

- 400 "invalid": django ValidationError (what services raise) and DRF ValidationError (serializers,
  query parameters). When the error names fields, each field's messages are also at the top level
  under the field's name, as lists; nested serializer errors stay nested as DRF gives them
  (`{"sources": {"1": {"url": [...]}}}`). A field named `detail` or `code` never replaces those two
  keys (its messages are in `detail`). A service's own sentences make up `detail` as they are; DRF's
  generic field messages ("This field is required.") get where they apply ("sources[1].url: …").
- 409 "version_conflict": ClaimVersionConflict, plus `claim`, `expected_version`, `current_version`
  and `changes` (what happened since, oldest first).
- 413 "too_large": a body over DATA_UPLOAD_MAX_MEMORY_SIZE (django RequestDataTooBig).
- Every other DRF APIException, and django Http404 / PermissionDenied, with the exception's status and
  DRF's code: 401/403 "not_authenticated" or "authentication_failed" (with WWW-Authenticate on 401),
  403 "permission_denied", 404 "not_found", 400 "parse_error", 405 "method_not_allowed",
  406 "not_acceptable", 415 "unsupported_media_type", 429 "throttled" (with Retry-After).
- ApiError: an answer a view gives itself, with its own status, code, extra keys and headers
  (503 "warming_up" and "pdf_unavailable", 409 "not_ready" with `progress`).

- 503 "service_unavailable" with Retry-After: the database is not answering (config/errors.py, which
  answers it for every view and middleware under /api/).

Anything else is a bug and stays a 500.
"""
from collections.abc import Iterator, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler, set_rollback

from verify.errors import ClaimVersionConflict, ReferenceNotFound

INVALID = "invalid"
# A body naming an object that does not exist (verify.errors.ReferenceNotFound): 404, the field named.
NOT_FOUND_CODE = "not_found"
_SHAPE_KEYS = ("detail", "code")


class ApiError(exceptions.APIException):
    """An error a view answers itself (not a service or input error): status, code, sentence, extras.

    `extra` adds keys to the body (never `detail` or `code`); `headers` go on the response."""

    def __init__(self, detail: str, *, status_code: int, code: str, extra: Mapping[str, Any] | None = None,
                 headers: Mapping[str, str] | None = None):
        self.status_code = status_code
        self.extra = dict(extra or {})
        self.headers = dict(headers or {})
        super().__init__(detail, code)


def registration_refused(error: DjangoValidationError, *, field: str) -> Exception:
    """What a view raises when a service refuses to register something (a feed, a subscription):
    409 "duplicate" when it is registered already, otherwise a 400 naming `field`."""
    if getattr(error, "code", None) == "duplicate":
        return ApiError(error.messages[0], status_code=status.HTTP_409_CONFLICT, code="duplicate")
    return DjangoValidationError({field: error.messages})


# --- the documented shape ----------------------------------------------------------------------

class ErrorSerializer(serializers.Serializer):
    """Every error the API answers has these two keys."""

    detail = serializers.CharField(help_text="What went wrong, as a sentence for people.")
    code = serializers.CharField(help_text="A stable string for programs: invalid, version_conflict, "
                                           "not_authenticated, authentication_failed, permission_denied, "
                                           "not_found, too_large, throttled, parse_error, method_not_allowed, "
                                           "not_acceptable, unsupported_media_type; a few endpoints add their "
                                           "own (warming_up, pdf_unavailable, not_ready).")


class ValidationErrorSerializer(ErrorSerializer):
    """A 400: `detail` and `code` ("invalid"), and each invalid field's messages under its name."""


class _ValidationErrorSchema(OpenApiSerializerExtension):
    """Field names vary per endpoint: document them as additional properties."""

    target_class = ValidationErrorSerializer

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        schema["additionalProperties"] = {
            "description": "An invalid field's messages (a list of sentences); for a nested object or "
                           "list, the same structure nested.",
            "anyOf": [{"type": "array", "items": {"type": "string"}},
                      {"type": "array", "items": {"type": "object", "additionalProperties": True}},
                      {"type": "object", "additionalProperties": True}],
        }
        return schema


class ConflictChangeSerializer(serializers.Serializer):
    who = serializers.CharField()
    action = serializers.CharField()
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)
    when = serializers.DateTimeField()
    summary = serializers.CharField()


class ConflictErrorSerializer(ErrorSerializer):
    """A 409 "version_conflict": the claim changed since the version the request was based on."""

    claim = serializers.IntegerField()
    expected_version = serializers.IntegerField()
    current_version = serializers.IntegerField()
    changes = ConflictChangeSerializer(many=True, help_text="What happened since, oldest first.")


# The answers this handler gives, as the OpenAPI schema documents them on each view.
BAD_REQUEST = OpenApiResponse(ValidationErrorSerializer,
                              description="Invalid input: `detail` says why; each invalid field's messages are "
                                          "under its name.")
CONFLICT = OpenApiResponse(ConflictErrorSerializer, description="The claim changed since the given version: "
                                                                "`detail`, `current_version` and `changes` say how.")
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such object (in the path, or named in the body).")
UNAUTHENTICATED = OpenApiResponse(ErrorSerializer, description="No credentials, or a token that is not valid.")
FORBIDDEN = OpenApiResponse(ErrorSerializer, description="Your role may not do this (or a session request "
                                                         "without its CSRF token).")
TOO_LARGE = OpenApiResponse(ErrorSerializer, description="The request body is larger than the API accepts.")
UNSUPPORTED_MEDIA_TYPE = OpenApiResponse(ErrorSerializer, description="The body's Content-Type is not one the "
                                                                      "endpoint reads.")
THROTTLED = OpenApiResponse(ErrorSerializer, description="Too many requests: wait the seconds Retry-After says.")
UNAVAILABLE = OpenApiResponse(ErrorSerializer, description="Temporarily unavailable; try again later "
                                                           "(after Retry-After seconds, when given).")


# --- the handler -------------------------------------------------------------------------------

def api_exception_handler(exc, context):
    response = _error_response(exc, context)
    if response is not None:
        # An error may quote the input (an unknown username); text the API answers never holds NUL.
        response.data = _without_nul(response.data)
    return response


def _without_nul(value):
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, Mapping):
        return {key: _without_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    return value


def _error_response(exc, context):
    if isinstance(exc, ClaimVersionConflict):
        set_rollback()
        return Response(conflict_payload(exc), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ReferenceNotFound):
        set_rollback()
        return Response({**validation_payload(exc), "code": NOT_FOUND_CODE}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DjangoValidationError):
        set_rollback()
        return Response(validation_payload(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return Response(error_payload(f"The request body is larger than the {limit:,} bytes the API accepts.",
                                      "too_large"), status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    # DRF's handler would turn these two into its own exceptions too; doing it first keeps their code.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = exception_handler(exc, context)  # status, WWW-Authenticate, Retry-After, rollback
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = drf_validation_payload(exc.detail)
        if _names_missing_objects(exc.get_codes()):
            # Every error is a related field naming an object that does not exist: as ReferenceNotFound.
            response.status_code = status.HTTP_404_NOT_FOUND
            response.data["code"] = NOT_FOUND_CODE
    else:
        response.data = error_payload(_sentence(exc.detail), _code(exc))
    if isinstance(exc, ApiError):
        response.data.update({key: value for key, value in exc.extra.items() if key not in _SHAPE_KEYS})
        for name, value in exc.headers.items():
            response[name] = value
    return response


def _names_missing_objects(codes) -> bool:
    leaves = list(_leaf_codes(codes))
    return bool(leaves) and all(code == "does_not_exist" for code in leaves)


def _leaf_codes(codes):
    if isinstance(codes, Mapping):
        for value in codes.values():
            yield from _leaf_codes(value)
    elif isinstance(codes, list):
        for value in codes:
            yield from _leaf_codes(value)
    else:
        yield codes


def error_payload(detail: str, code: str) -> dict:
    return {"detail": detail, "code": code}


def conflict_payload(conflict: ClaimVersionConflict) -> dict:
    return {
        **error_payload(str(conflict), "version_conflict"),
        "claim": conflict.claim.pk,
        "expected_version": conflict.expected_version,
        "current_version": conflict.current_version,
        "changes": [
            {key: change[key] for key in ("who", "action", "before", "after", "when", "summary")}
            for change in conflict.changes
        ],
    }


def validation_payload(error: DjangoValidationError) -> dict:
    """A service's ValidationError: its sentences as `detail`, its fields' messages by name."""
    payload = error_payload(" ".join(error.messages), INVALID)
    if hasattr(error, "error_dict"):
        payload.update({field: messages for field, messages in error.message_dict.items()
                        if field not in _SHAPE_KEYS})
    return payload


def drf_validation_payload(errors) -> dict:
    """A DRF ValidationError (a serializer's `errors`, or raised with a message, list or dict)."""
    sentences = [f"{where}: {message}" if where else message for where, message in _messages(errors)]
    payload = error_payload(" ".join(sentences) or "Invalid input.", INVALID)
    if isinstance(errors, Mapping):
        # A view's own ValidationError({"q": "sentence"}) gives a bare string: a field's messages are a list.
        payload.update({str(field): [value] if isinstance(value, str) else value
                        for field, value in errors.items() if field not in _SHAPE_KEYS})
    return payload


def _messages(errors, where: str = "") -> Iterator[tuple[str, str]]:
    """(where, message) for every message in DRF's nested error structure; where is "" for the whole
    input, else "field", "field.sub" or "items[2].field"."""
    if isinstance(errors, Mapping):
        for key, value in errors.items():
            about_the_whole = key in (api_settings.NON_FIELD_ERRORS_KEY, NON_FIELD_ERRORS)
            if about_the_whole or (not where and key in _SHAPE_KEYS):
                yield from _messages(value, where)
            elif isinstance(key, int):  # an item of a list (DRF keys list errors by position)
                yield from _messages(value, f"{where}[{key}]")
            else:
                yield from _messages(value, f"{where}.{key}" if where else str(key))
    elif isinstance(errors, (list, tuple)):
        for index, value in enumerate(errors):
            if isinstance(value, (Mapping, list, tuple)):
                yield from _messages(value, f"{where}[{index}]")
            else:
                yield where, str(value)
    else:
        yield where, str(errors)


def _sentence(detail) -> str:
    return " ".join(message for _, message in _messages(detail))


def _code(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code
