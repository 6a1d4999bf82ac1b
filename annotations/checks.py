"""System checks of the desk's settings: a wrong VERIFY_SIGNOFF_MODE stops the server at start-up
(`manage.py check`, runserver, migrate) instead of failing the first review."""
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from annotations.selectors.signoff import signoff_mode_from_environment


@register()
def signoff_mode_check(app_configs, **kwargs) -> list[Error]:
    try:
        signoff_mode_from_environment()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="annotations.E001")]
    return []
