from django.apps import AppConfig


class AnnotationsConfig(AppConfig):
    name = "annotations"
    verbose_name = "Reviews, sources and audit"

    def ready(self) -> None:
        # Registers the settings checks (VERIFY_SIGNOFF_MODE).
        from annotations import checks  # noqa: F401
