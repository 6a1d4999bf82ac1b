from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "annotations.dashboard"
    label = "dashboard"
    verbose_name = "Desk dashboard"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Records each final verdict (annotations.signals.verdict_finalized).
        from annotations.dashboard import receivers  # noqa: F401
