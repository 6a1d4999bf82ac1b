"""Token authentication reads the user and their desk role in one query; bad tokens are 401."""
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from annotations.authentication import RoleTokenAuthentication
from tests.factories import ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db


def _token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiTokenFactory(user=user).key}")
    return client


@pytest.mark.parametrize("role", ["reviewer", "editor", "admin"])
def test_a_token_request_knows_the_role_after_one_query(role):
    client = _token_client(UserFactory(username="tess", role=role))

    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/me/").json()

    assert body == {"id": body["id"], "username": "tess", "role": role}
    assert len(queries.captured_queries) == 1


def test_the_highest_of_several_groups_wins():
    user = UserFactory(username="multi", role="reviewer")
    user.groups.add(Group.objects.get(name="editor"))

    assert _token_client(user).get("/api/me/").json()["role"] == "editor"


def test_a_user_without_a_desk_role_is_authenticated_but_refused_claims():
    client = _token_client(UserFactory(username="visitor"))

    assert client.get("/api/me/").json()["role"] is None
    assert client.get("/api/claims/").status_code == 403


def test_a_role_change_applies_on_the_next_request():
    user = UserFactory(username="promoted", role="reviewer")
    client = _token_client(user)
    assert client.get("/api/me/").json()["role"] == "reviewer"

    user.groups.set([Group.objects.get(name="editor")])

    assert client.get("/api/me/").json()["role"] == "editor"


def test_unknown_tokens_and_inactive_users_get_401():
    inactive = UserFactory(username="gone", role="reviewer", is_active=False)
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)

    assert stranger.get("/api/me/").status_code == 401
    assert _token_client(inactive).get("/api/me/").status_code == 401
    assert APIClient().get("/api/me/").status_code == 401


def test_a_superuser_is_an_admin_without_any_group():
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)

    assert _token_client(superuser).get("/api/me/").json()["role"] == "admin"


def test_the_token_user_has_the_same_field_values_the_orm_would_load():
    user = UserFactory(username="loaded", role="editor", first_name="Lé")
    user.last_login = timezone.now()
    user.save()
    issued = ApiTokenFactory(user=user)

    authenticated, token = RoleTokenAuthentication().authenticate_credentials(issued.key)

    loaded = get_user_model().objects.get(pk=user.pk)
    for field in get_user_model()._meta.concrete_fields:
        assert getattr(authenticated, field.attname) == getattr(loaded, field.attname), field.name
    assert authenticated.last_login.tzinfo is not None and authenticated.is_staff is True
    assert authenticated._state.adding is False and token.pk == issued.pk
