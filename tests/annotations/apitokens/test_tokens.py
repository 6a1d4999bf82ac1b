"""API tokens: a new one per login, stored only as a digest, expiring, revoked by logout and by a
password change; the admin console never shows a key."""
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from annotations.apitokens.models import ApiToken
from annotations.apitokens.services import api_token_digest
from tests.factories import ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def login(username="tara") -> dict:
    response = APIClient().post("/api/auth/token/", {"username": username, "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def with_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def user():
    return UserFactory(username="tara", role="reviewer")


def test_each_login_issues_a_new_token_and_both_work(user):
    first, second = login()["token"], login()["token"]
    assert first != second
    assert with_token(first).get("/api/me/").json()["username"] == "tara"
    assert with_token(second).get("/api/me/").json()["username"] == "tara"


def test_the_key_is_stored_only_as_its_digest(user):
    key = login()["token"]
    token = ApiToken.objects.get(user=user)
    assert token.digest == api_token_digest(key) and token.digest != key
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")
        stored = [str(value) for row in cursor.fetchall() for value in row]
    assert not any(key in value for value in stored)


def test_the_token_expires_after_its_lifetime(user, settings):
    settings.API_TOKEN_LIFETIME_SECONDS = 3600
    issued = login()
    token = ApiToken.objects.get(user=user)
    assert timedelta(minutes=59) < token.expires_at - timezone.now() <= timedelta(hours=1)
    assert issued["expires_at"]
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = with_token(issued["token"]).get("/api/me/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_a_login_drops_the_users_expired_tokens(user):
    old = ApiTokenFactory(user=user, expires_at=timezone.now() - timedelta(days=1))
    login()
    assert not ApiToken.objects.filter(pk=old.pk).exists()


def test_logout_revokes_only_the_token_it_carries(user):
    kept, revoked = login()["token"], login()["token"]
    assert with_token(revoked).post("/api/auth/logout/").status_code == 204
    assert with_token(revoked).get("/api/me/").status_code == 401
    assert with_token(kept).get("/api/me/").status_code == 200


def test_logout_all_revokes_every_token_of_the_caller_and_no_one_elses(user):
    other = ApiTokenFactory(user=UserFactory(username="otto", role="reviewer"))
    first, second = login()["token"], login()["token"]
    response = with_token(first).post("/api/auth/logout-all/")
    assert response.status_code == 200 and response.json() == {"revoked": 2}
    assert with_token(second).get("/api/me/").status_code == 401
    assert with_token(other.key).get("/api/me/").status_code == 200


def test_logout_with_a_session_and_no_token_is_a_400_that_revokes_nothing(user):
    key = login()["token"]
    client = APIClient()
    client.force_login(user)
    response = client.post("/api/auth/logout/")
    assert response.status_code == 400 and "logout-all" in response.json()["detail"]
    assert with_token(key).get("/api/me/").status_code == 200


def test_logout_needs_authentication():
    assert APIClient().post("/api/auth/logout/").status_code == 401


def test_a_password_change_revokes_the_users_tokens(user):
    key = login()["token"]
    other = ApiTokenFactory(user=UserFactory(username="otto", role="reviewer"))
    user.set_password("a brand new passphrase 42")
    user.save()
    assert with_token(key).get("/api/me/").status_code == 401
    assert with_token(other.key).get("/api/me/").status_code == 200


def test_saving_a_user_without_a_new_password_keeps_the_tokens(user):
    key = login()["token"]
    user.first_name = "Tara"
    user.save()
    assert with_token(key).get("/api/me/").status_code == 200


def test_the_password_change_page_revokes_the_tokens(user):
    key = login()["token"]
    client = Client()
    client.force_login(user)
    response = client.post("/accounts/password_change/", {
        "old_password": PASSWORD, "new_password1": "a brand new passphrase 42",
        "new_password2": "a brand new passphrase 42"})
    assert response.status_code == 302
    assert with_token(key).get("/api/me/").status_code == 401


def test_the_admin_console_lists_tokens_by_prefix_for_admins_only(user):
    key = login()["token"]
    admin = Client()
    admin.force_login(UserFactory(username="ada", role="admin"))
    page = admin.get("/admin/apitokens/apitoken/")
    assert page.status_code == 200
    assert key[:8] in page.content.decode() and key not in page.content.decode()
    token = ApiToken.objects.get(user=user)
    detail = admin.get(f"/admin/apitokens/apitoken/{token.pk}/change/").content.decode()
    assert key not in detail and token.digest not in detail
    editor = Client()
    editor.force_login(UserFactory(username="eddie", role="editor"))
    assert editor.get("/admin/apitokens/apitoken/").status_code == 403
