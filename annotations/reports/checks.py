"""System checks for publishing (registered by apps.py; run by `manage.py check` and `check --deploy`)."""
from django.conf import settings
from django.core.checks import Warning

from annotations.reports.site_url import site_url_problem


def site_url_check(app_configs=None, **kwargs) -> list[Warning]:
    """Warn when reports would be published on a loopback (or missing) address with DEBUG off."""
    problem = site_url_problem(url=settings.VERIFY_SITE_URL, debug=settings.DEBUG)
    if not problem:
        return []
    return [Warning(problem, hint="Example: VERIFY_SITE_URL=https://factcheck.example.org",
                    id="reports.W001")]
