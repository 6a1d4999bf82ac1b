from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "annotations.matching"
    label = "matching"
    verbose_name = "Claim matching"

    def ready(self) -> None:
        # Connects the index to claim edits and report publishing (annotations.signals).
        from annotations.matching import receivers  # noqa: F401
