from django.apps import AppConfig


class IngestionConfig(AppConfig):
    name = "verify.ingestion"
    label = "ingestion"
    verbose_name = "Ingestion (URLs, files, feeds)"
    default_auto_field = "django.db.models.BigAutoField"
