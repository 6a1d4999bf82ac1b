"""Login throttling: repeated failures lock a username at an address (or an address, for accounts not
known there) on the login form, the admin console's login and the token API, for longer each time."""
import time

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


def admin_login(client, username, password, ip="10.0.0.1"):
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"},
                       REMOTE_ADDR=ip)


@pytest.fixture
def clock(monkeypatch):
    """time.time() under the test's control (the lock times and the memory cache's expiry read it)."""
    now = [time.time()]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


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


def test_guessing_an_account_from_elsewhere_does_not_lock_its_owner_out(user):
    for index in range(3):  # the limit, from each of three addresses
        for _ in range(3):
            form_login(Client(), "rita", "wrong", ip=f"203.0.113.{index}")
    assert form_login(Client(), "rita", "wrong", ip="203.0.113.1").status_code == 429
    assert form_login(Client(), "rita", PASSWORD, ip="10.0.0.8").status_code == 302


def test_a_spraying_address_does_not_lock_out_accounts_that_logged_in_from_it_before(user):
    office = "198.51.100.7"
    assert form_login(Client(), "rita", PASSWORD, ip=office).status_code == 302
    UserFactory(username="newcomer", role="reviewer")
    for index in range(6):
        form_login(Client(), f"guess{index}", "wrong", ip=office)
    assert form_login(Client(), "rita", PASSWORD, ip=office).status_code == 302
    assert form_login(Client(), "newcomer", PASSWORD, ip=office).status_code == 429


def test_each_failure_after_a_lock_lifts_locks_for_twice_as_long(user, clock, settings):
    settings.LOGIN_LOCKOUT_MAX_SECONDS = 2400
    for _ in range(3):
        form_login(Client(), "rita", "wrong")
    assert int(form_login(Client(), "rita", PASSWORD)["Retry-After"]) == 600
    waits = []
    for _ in range(3):
        clock[0] += int(waits[-1] if waits else 600) + 1  # the lock has lifted
        locked = form_login(Client(), "rita", "wrong")
        assert locked.status_code == 429
        waits.append(int(locked["Retry-After"]))
    assert waits == [1200, 2400, 2400]  # doubled, then capped at LOGIN_LOCKOUT_MAX_SECONDS
    clock[0] += 2401
    assert form_login(Client(), "rita", PASSWORD).status_code == 302


def test_the_admin_login_locks_a_username_like_the_desk_login(user):
    staff = UserFactory(username="edna", role="editor")
    client = Client()
    for _ in range(3):
        assert admin_login(client, "edna", "wrong").status_code in (200, 429)
    locked = admin_login(client, "edna", PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed login attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The lock is shared: the desk login refuses the same account at the same address.
    assert form_login(Client(), staff.username, PASSWORD).status_code == 429


def test_failures_on_the_desk_login_lock_the_admin_login_too(user):
    UserFactory(username="edna", role="editor")
    for _ in range(3):
        form_login(Client(), "edna", "wrong")
    assert admin_login(Client(), "edna", PASSWORD).status_code == 429


def test_the_admin_login_still_logs_staff_in_and_shows_the_admin_form(user):
    UserFactory(username="edna", role="editor")
    page = Client().get("/admin/login/")
    assert page.status_code == 200 and 'name="password"' in page.content.decode()
    client = Client()
    response = admin_login(client, "edna", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_refuses_a_reviewer_and_counts_it_as_a_failure(user):
    for _ in range(2):
        assert admin_login(Client(), "rita", PASSWORD).status_code == 200
    assert admin_login(Client(), "rita", PASSWORD).status_code == 429


def test_behind_a_trusted_proxy_the_lock_is_per_forwarded_client(user, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for _ in range(3):
        Client().post("/accounts/login/", {"username": "rita", "password": "wrong"},
                      REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="203.0.113.50")
    locked = Client().post("/accounts/login/", {"username": "rita", "password": PASSWORD},
                           REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert locked.status_code == 429
    allowed = Client().post("/accounts/login/", {"username": "rita", "password": PASSWORD},
                            REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="203.0.113.51")
    assert allowed.status_code == 302


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


def test_the_token_rate_limit_ignores_a_forged_forwarded_header(user, monkeypatch, settings):
    settings.TRUSTED_PROXIES = []
    monkeypatch.setattr(LoginRateThrottle, "THROTTLE_RATES", {"login": "2/minute"})
    answers = [APIClient(REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").post(
        "/api/auth/token/", {"username": "rita", "password": PASSWORD}, format="json").status_code
        for n in range(3)]
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


@pytest.mark.parametrize("path", ["/accounts/password_reset/", "/accounts/password_reset/done/",
                                  "/accounts/reset/MQ/set-password/", "/accounts/reset/done/"])
def test_password_reset_by_email_is_closed(user, path, mailoutbox):
    client = Client()
    assert client.get(path).status_code == 404
    assert client.post(path, {"email": user.email}).status_code == 404
    assert mailoutbox == []


def test_logout_and_password_change_still_work(user):
    client = Client()
    client.force_login(user)
    assert client.get("/accounts/password_change/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session
