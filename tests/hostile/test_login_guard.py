"""Login throttling: repeated failures lock a username (or an address) on the form and the token API."""
import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from annotations.services import login_guard
from config.login import LoginRateThrottle
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def strict_limits(settings, monkeypatch):
    settings.LOGIN_LOCKOUT_USER_FAILURES = 3
    settings.LOGIN_LOCKOUT_IP_FAILURES = 6
    settings.LOGIN_LOCKOUT_SECONDS = 600
    # DRF reads throttle rates once, into the class: set them there.
    monkeypatch.setattr(LoginRateThrottle, "THROTTLE_RATES", {"login": "1000/minute"})
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user():
    return UserFactory(username="rita", role="reviewer")


def form_login(client, username, password, ip="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_the_form_locks_a_username_after_repeated_failures_even_for_the_right_password(user):
    client = Client()
    for _ in range(2):
        assert form_login(client, "rita", "wrong").status_code == 200
    assert form_login(client, "rita", "wrong").status_code == 429, "the failure reaching the limit says so"
    locked = form_login(client, "rita", PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed login attempts" in locked.content.decode()
    assert int(locked["Retry-After"]) == 600
    assert "_auth_user_id" not in client.session


def test_a_successful_login_before_the_limit_clears_the_count(user):
    client = Client()
    for _ in range(2):
        form_login(client, "rita", "wrong")
    assert form_login(client, "rita", PASSWORD).status_code == 302
    Client().logout()
    for _ in range(2):
        assert form_login(Client(), "rita", "wrong").status_code == 200
    assert form_login(Client(), "rita", PASSWORD).status_code == 302


def test_the_lock_is_per_username_other_users_can_still_log_in(user):
    UserFactory(username="eddie", role="editor")
    for _ in range(3):
        form_login(Client(), "rita", "wrong", ip="10.0.0.2")
    assert form_login(Client(), "eddie", PASSWORD, ip="10.0.0.3").status_code == 302


def test_an_address_spraying_many_usernames_is_locked(user):
    for index in range(6):
        form_login(Client(), f"guess{index}", "wrong", ip="10.9.9.9")
    assert form_login(Client(), "rita", PASSWORD, ip="10.9.9.9").status_code == 429
    assert form_login(Client(), "rita", PASSWORD, ip="10.0.0.4").status_code == 302


def test_the_token_endpoint_locks_a_username_too(user):
    api = APIClient(REMOTE_ADDR="10.0.0.5")
    for _ in range(3):
        assert api.post("/api/auth/token/", {"username": "rita", "password": "wrong"}, format="json").status_code == 400
    # The token endpoint answers 400 for the failure itself; the next attempt is refused unread.
    locked = api.post("/api/auth/token/", {"username": "rita", "password": PASSWORD}, format="json")
    assert locked.status_code == 429
    assert "Too many failed login attempts" in locked.json()["detail"]


def test_the_token_endpoint_gives_a_token_for_the_right_password(user):
    response = APIClient().post("/api/auth/token/", {"username": "rita", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    assert len(response.json()["token"]) == 40


def test_the_token_endpoint_is_rate_limited_per_address(user, monkeypatch):
    monkeypatch.setattr(LoginRateThrottle, "THROTTLE_RATES", {"login": "2/minute"})
    api = APIClient(REMOTE_ADDR="10.0.0.6")
    answers = [api.post("/api/auth/token/", {"username": "rita", "password": PASSWORD}, format="json").status_code
               for _ in range(3)]
    assert answers == [200, 200, 429]


def test_the_token_endpoint_refuses_a_non_object_body_with_a_400(user):
    response = APIClient().post("/api/auth/token/", ["rita", "x"], format="json")
    assert response.status_code == 400


def test_the_lockout_fails_open_when_the_cache_is_down(user, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(login_guard.cache, "get_many", unreachable)
    monkeypatch.setattr(login_guard.cache, "add", unreachable)
    assert form_login(Client(), "rita", "wrong").status_code == 200
    assert form_login(Client(), "rita", PASSWORD).status_code == 302


def test_hostile_usernames_do_not_break_the_counter(user):
    for username in ["x" * 10_000, "\x00nul", "rita\n", "🦊" * 50]:
        assert form_login(Client(), username, "wrong", ip="10.0.0.7").status_code in (200, 429)
