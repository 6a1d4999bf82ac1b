from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "verify.matching"
    label = "matching"
    verbose_name = "Claim matching"
