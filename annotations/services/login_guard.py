"""Login lockout, keyed on the account and the address together, with lock times that grow.

- **Account at one address**: `LOGIN_LOCKOUT_USER_FAILURES` failures of one username from one address
  lock that pair; nobody elsewhere can lock the account by guessing its password.
- **One address, many accounts** (password spraying): `LOGIN_LOCKOUT_IP_FAILURES` failures from one
  address lock it, except for the accounts that logged in successfully from there within
  `KNOWN_PAIR_SECONDS` — so a crowd behind one office address is not locked out by one guesser.

Each lock lasts `LOGIN_LOCKOUT_SECONDS`, doubled for every further failure after the limit (counted
once the lock has lifted), up to `LOGIN_LOCKOUT_MAX_SECONDS`; counts are kept twice that long after
the last failure. A success clears the pair's count. Counters live in the Django cache (Redis when
REDIS_URL is set, so all web processes share them). The lock answers before any password is checked,
so a locked pair cannot be probed at all. The address is read by config.client_address (trusted
proxies).
"""
import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

# A successful login from an address exempts that account there from the address-wide lock this long.
KNOWN_PAIR_SECONDS = 30 * 24 * 3600


@dataclass(frozen=True)
class LoginVerdict:
    allowed: bool
    retry_after: int = 0  # seconds

    @property
    def message(self) -> str:
        minutes = max(1, round(self.retry_after / 60))
        return (f"Too many failed login attempts. Try again in {minutes} minute{'s' if minutes != 1 else ''}, "
                "or ask an administrator to reset your password.")


def _key(kind: str, *values: str) -> str:
    # Hashed: usernames are user input (any length, any characters) and cache keys are not.
    joined = "\x1f".join(value.strip().lower() for value in values)
    return f"login-{kind}:{hashlib.sha256(joined.encode('utf-8', 'surrogatepass')).hexdigest()}"


@dataclass(frozen=True)
class _Scope:
    counter: str
    lock: str
    limit: int
    exempt_when_known: bool


def _scopes(*, username: str, ip: str) -> tuple[_Scope, ...]:
    ip = ip or "unknown"
    return (
        _Scope(_key("failures-pair", username, ip), _key("lock-pair", username, ip),
               settings.LOGIN_LOCKOUT_USER_FAILURES, exempt_when_known=False),
        _Scope(_key("failures-ip", ip), _key("lock-ip", ip), settings.LOGIN_LOCKOUT_IP_FAILURES,
               exempt_when_known=True),
    )


def lock_seconds(*, failures: int, limit: int) -> int:
    """How long the lock set by the `failures`-th failure lasts: doubling after the limit, capped."""
    if failures < limit:
        return 0
    doublings = min(failures - limit, 32)
    return min(settings.LOGIN_LOCKOUT_SECONDS * 2 ** doublings, settings.LOGIN_LOCKOUT_MAX_SECONDS)


def login_check(*, username: str, ip: str) -> LoginVerdict:
    """May this username try to log in from this address now?"""
    scopes = _scopes(username=username, ip=ip)
    known_key = _key("known", username, ip or "unknown")
    found = cache.get_many([scope.lock for scope in scopes] + [known_key])
    for scope in scopes:
        locked_until = found.get(scope.lock)
        if locked_until is None or (scope.exempt_when_known and found.get(known_key)):
            continue
        return LoginVerdict(allowed=False, retry_after=max(1, math.ceil(locked_until - time.time())))
    return LoginVerdict(allowed=True)


def login_failure_record(*, username: str, ip: str) -> LoginVerdict:
    """Count a failed login; returns whether the next try is still allowed."""
    memory = 2 * settings.LOGIN_LOCKOUT_MAX_SECONDS  # outlasts the longest lock
    for scope in _scopes(username=username, ip=ip):
        # add() is a no-op when the key exists; incr() is atomic on Redis and per-process elsewhere.
        cache.add(scope.counter, 0, timeout=memory)
        try:
            failures = cache.incr(scope.counter)
        except ValueError:  # expired between add and incr
            cache.set(scope.counter, failures := 1, timeout=memory)
        cache.touch(scope.counter, timeout=memory)
        seconds = lock_seconds(failures=failures, limit=scope.limit)
        if seconds:
            cache.set(scope.lock, time.time() + seconds, timeout=seconds)
    return login_check(username=username, ip=ip)


def login_success_record(*, username: str, ip: str) -> None:
    """Clear the pair's count and remember the account at this address (exempt from its address lock)."""
    pair = _scopes(username=username, ip=ip)[0]
    cache.delete_many([pair.counter, pair.lock])
    cache.set(_key("known", username, ip or "unknown"), 1, timeout=KNOWN_PAIR_SECONDS)
