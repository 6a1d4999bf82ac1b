"""A NUL character in an API query string is refused (400) before any view reads it: no text field takes
one (PostgreSQL cannot store it), and a parameter a view ignores must not accept what the schema forbids
(verify.api.schema.NO_NUL_PATTERN)."""
from django.http import JsonResponse

from verify.api.exceptions import INVALID

API_PREFIX = "/api/"


class RefuseNulInApiQuery:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX) and any(
                "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            return JsonResponse({"detail": "Query parameters may not contain NUL characters.", "code": INVALID},
                                status=400)
        return self.get_response(request)
