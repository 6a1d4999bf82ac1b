"""Liveness for load balancers and docker-compose: the process answers and the database does.

It also says how many articles are stuck (pending or processing for longer than the sweeper allows,
verify/sweeper.py): without beat, or with workers that cannot take them, nothing would say so. Stuck
articles make the status "degraded" but keep the answer 200: the web process itself is fine, and a load
balancer must not take it out of service for a worker problem.
"""
import logging
from datetime import timedelta

from django.conf import settings
from django.http import JsonResponse

from verify.sweeper import articles_stuck

logger = logging.getLogger(__name__)


def healthz(request):
    try:
        stuck = articles_stuck(older_than=timedelta(seconds=settings.VERIFY_SWEEP_PENDING_AFTER_SECONDS)).count()
    except Exception as exc:  # report, don't raise: a health check must answer
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    if stuck:
        logger.warning("Health check: %d article(s) stuck pending or processing; is a worker (and beat) running?",
                       stuck)
    return JsonResponse({"status": "degraded" if stuck else "ok", "stuck_articles": stuck})
