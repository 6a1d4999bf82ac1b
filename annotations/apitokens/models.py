"""An API token as stored: the digest of the key, never the key itself."""
from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """Issued at each login (`POST /api/auth/token/`); valid until `expires_at` or until revoked
    (deleted): by the API's logout, a password change or an administrator."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    # SHA-256 of the key (hex). The key is random (160 bits), so a plain hash is enough: nothing to
    # guess, and the lookup stays one indexed equality on every API request.
    digest = models.CharField(max_length=64, unique=True)
    # The key's first characters, to tell a user's tokens apart in the admin console.
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user_id})"
