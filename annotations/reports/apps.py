from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "annotations.reports"
    label = "reports"
    verbose_name = "Fact-check reports"

    def ready(self) -> None:
        from annotations.reports import checks  # noqa: F401  (registers the system checks)
