"""Login lockout: too many failed logins for one username, or from one address, lock further tries.

Counters live in the Django cache (Redis when REDIS_URL is set, so all web processes share them).
Each failure extends the window; a success clears the username's counter. The lock answers
before any password is checked, so a locked account cannot be probed at all.
"""
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class LoginVerdict:
    allowed: bool
    retry_after: int = 0  # seconds

    @property
    def message(self) -> str:
        minutes = max(1, round(self.retry_after / 60))
        return (f"Too many failed login attempts. Try again in {minutes} minute{'s' if minutes != 1 else ''}, "
                "or ask an administrator to reset your password.")


def _key(kind: str, value: str) -> str:
    # Hashed: usernames are user input (any length, any characters) and cache keys are not.
    digest = hashlib.sha256(value.strip().lower().encode("utf-8", "surrogatepass")).hexdigest()
    return f"login-failures:{kind}:{digest}"


def _keys(*, username: str, ip: str) -> list[tuple[str, int]]:
    return [
        (_key("user", username), settings.LOGIN_LOCKOUT_USER_FAILURES),
        (_key("ip", ip or "unknown"), settings.LOGIN_LOCKOUT_IP_FAILURES),
    ]


def login_check(*, username: str, ip: str) -> LoginVerdict:
    """May this username try to log in from this address now?"""
    counts = cache.get_many([key for key, _ in _keys(username=username, ip=ip)])
    for key, limit in _keys(username=username, ip=ip):
        if counts.get(key, 0) >= limit:
            return LoginVerdict(allowed=False, retry_after=settings.LOGIN_LOCKOUT_SECONDS)
    return LoginVerdict(allowed=True)


def login_failure_record(*, username: str, ip: str) -> LoginVerdict:
    """Count a failed login; returns whether the next try is still allowed."""
    window = settings.LOGIN_LOCKOUT_SECONDS
    for key, _ in _keys(username=username, ip=ip):
        # add() is a no-op when the key exists; incr() is atomic on Redis and per-process elsewhere.
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
        cache.touch(key, timeout=window)
    return login_check(username=username, ip=ip)


def login_success_record(*, username: str) -> None:
    cache.delete(_key("user", username))


def client_ip(request) -> str:
    """The client's address. Behind a proxy, set the proxy to overwrite REMOTE_ADDR (see README)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"
