from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "annotations.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Turns desk events (annotations.signals) into deliveries.
        from annotations.webhooks import receivers  # noqa: F401
