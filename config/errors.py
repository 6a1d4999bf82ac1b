"""Site-wide error pages: under /api/ an unknown path or a request Django itself refuses (a bad Host, too
many fields) answers in the API's error shape, not HTML."""
from django.http import JsonResponse
from django.views import defaults

API_PREFIX = "/api/"


def not_found(request, exception=None):
    if request.path.startswith(API_PREFIX):
        # The same body every API error has (verify/api/exceptions.py).
        return JsonResponse({"detail": "No API endpoint at this path.", "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception=None):
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": "The request could not be read.", "code": "bad_request"}, status=400)
    return defaults.bad_request(request, exception)
