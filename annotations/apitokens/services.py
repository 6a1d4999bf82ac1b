"""Issuing and revoking API tokens. The key is returned once, at issue; only its digest is stored."""
import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from annotations.apitokens.models import ApiToken

KEY_BYTES = 20  # 40 hex characters, as DRF's tokens had


@dataclass(frozen=True)
class IssuedToken:
    key: str
    expires_at: timezone.datetime


def api_token_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def api_token_issue(*, user: AbstractBaseUser) -> IssuedToken:
    """A new token for `user` (every login gets its own); the user's expired tokens are dropped."""
    now = timezone.now()
    ApiToken.objects.filter(user=user, expires_at__lte=now).delete()
    key = secrets.token_hex(KEY_BYTES)
    token = ApiToken.objects.create(user=user, digest=api_token_digest(key), prefix=key[:8],
                                    expires_at=now + timedelta(seconds=settings.API_TOKEN_LIFETIME_SECONDS))
    return IssuedToken(key=key, expires_at=token.expires_at)


def api_token_revoke(*, token_id: int) -> int:
    """Revoke one token (the API's logout); returns how many were revoked (0 or 1)."""
    return ApiToken.objects.filter(pk=token_id).delete()[0]


def api_tokens_revoke_for_user(*, user_id: int) -> int:
    """Revoke every token of a user (logout everywhere, a password change)."""
    return ApiToken.objects.filter(user_id=user_id).delete()[0]
