"""System checks for publishing (run by `manage.py check`, and so by `check --deploy`)."""
from django.conf import settings
from django.core.checks import Warning, register

from annotations.reports.site_url import site_url_problem


@register()
def site_url_check(app_configs=None, **kwargs) -> list[Warning]:
    """Warn when reports would be published on a loopback (or missing) address with DEBUG off."""
    problem = site_url_problem(url=settings.VERIFY_SITE_URL, debug=settings.DEBUG)
    if not problem:
        return []
    return [Warning(problem, hint="Example: VERIFY_SITE_URL=https://factcheck.example.org",
                    id="reports.W001")]
