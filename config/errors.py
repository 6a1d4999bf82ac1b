"""Site-wide error pages: under /api/ an unknown path or a request Django itself refuses (a bad Host, too
many fields) answers in the API's error shape, not HTML.

A database that is not answering (restarting, connections cut) is an outage, not a bug: the API
answers JSON 503 with Retry-After, and pages a plain 503 page, instead of Django's HTML 500.
"""
import sys

from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

from verify.api.middleware import API_PREFIX
from verify.db import TRANSIENT_ERRORS

# Seconds a client is asked to wait after a 503: about how long a PostgreSQL restart takes.
OUTAGE_RETRY_AFTER_SECONDS = 5


def not_found(request, exception=None):
    if request.path.startswith(API_PREFIX):
        # The same body every API error has (verify/api/exceptions.py).
        return JsonResponse({"detail": "No API endpoint at this path.", "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """handler500: Django calls it while handling the uncaught exception, so sys.exc_info() names it."""
    if isinstance(sys.exc_info()[1], TRANSIENT_ERRORS):
        return service_unavailable(request)
    return defaults.server_error(request)


def service_unavailable(request) -> HttpResponse:
    headers = {"Retry-After": str(OUTAGE_RETRY_AFTER_SECONDS)}
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": "The database is not answering; try again in a few seconds.",
                             "code": "service_unavailable"}, status=503, headers=headers)
    # Rendered without the request: its context processors (the user, messages) would need the database.
    page = loader.get_template("503.html").render({"retry_after": OUTAGE_RETRY_AFTER_SECONDS})
    return HttpResponse(page, status=503, headers=headers)
def bad_request(request, exception=None):
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": "The request could not be read.", "code": "bad_request"}, status=400)
    return defaults.bad_request(request, exception)
