from django.apps import AppConfig


class ApiTokensConfig(AppConfig):
    name = "annotations.apitokens"
    label = "apitokens"
    verbose_name = "API tokens"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Revokes a user's tokens when their password changes.
        from annotations.apitokens import receivers  # noqa: F401
