from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "verify.reports"
    label = "reports"
    verbose_name = "Fact-check reports"
