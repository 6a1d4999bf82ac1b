from django.apps import AppConfig
from django.core import checks

from annotations.reports.checks import site_url_check


class ReportsConfig(AppConfig):
    name = "annotations.reports"
    label = "reports"
    verbose_name = "Fact-check reports"

    def ready(self) -> None:
        checks.register(site_url_check)
