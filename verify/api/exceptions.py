"""One mapping from service errors to HTTP answers, for every API view (REST_FRAMEWORK EXCEPTION_HANDLER).

django ValidationError -> 400 with the messages (by field when the service named fields),
ClaimVersionConflict -> 409 with what changed, a body over DATA_UPLOAD_MAX_MEMORY_SIZE -> 413,
django PermissionDenied -> 403 and Http404 -> 404 (DRF's own handler already does those two).
"""
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from annotations.errors import ClaimVersionConflict

# The answers this handler gives, as the OpenAPI schema documents them on each view.
BAD_REQUEST = OpenApiResponse(description="Invalid input; `detail` (and per-field messages) say why.")
CONFLICT = OpenApiResponse(description="The claim changed since the given version: `detail`, "
                                       "`current_version` and `changes` say how.")


def api_exception_handler(exc, context):
    if isinstance(exc, ClaimVersionConflict):
        return Response(conflict_payload(exc), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        return Response(validation_payload(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return Response({"detail": f"The request body is larger than the {limit:,} bytes the API accepts."},
                        status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    return exception_handler(exc, context)


def conflict_payload(conflict: ClaimVersionConflict) -> dict:
    return {
        "detail": str(conflict),
        "code": "version_conflict",
        "claim": conflict.claim.pk,
        "expected_version": conflict.expected_version,
        "current_version": conflict.current_version,
        "changes": [
            {key: change[key] for key in ("who", "action", "before", "after", "when", "summary")}
            for change in conflict.changes
        ],
    }


def validation_payload(error: DjangoValidationError) -> dict:
    payload: dict = {"detail": " ".join(error.messages)}
    if hasattr(error, "error_dict"):
        payload.update({field: messages for field, messages in error.message_dict.items() if field != "detail"})
    return payload
