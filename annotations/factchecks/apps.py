from django.apps import AppConfig


class FactChecksConfig(AppConfig):
    name = "annotations.factchecks"
    label = "factchecks"
    verbose_name = "Other fact-checkers' work"
    default_auto_field = "django.db.models.BigAutoField"
