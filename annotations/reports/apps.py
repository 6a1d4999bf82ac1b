from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "annotations.reports"
    label = "reports"
    verbose_name = "Fact-check reports"
