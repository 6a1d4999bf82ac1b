"""Logged-in Django test clients for the reviewer pages."""
import pytest
from django.test import Client

from tests.factories import UserFactory


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reviewer_client(reviewer):
    return _client_for(reviewer)


@pytest.fixture
def editor_client(editor):
    return _client_for(editor)


@pytest.fixture
def roleless_client(db):
    """Logged in, but in no desk group: every reviewer page must refuse it."""
    user = UserFactory(username="nobody")
    user.save()  # the factory only saves the hashed password when it also sets a role
    return _client_for(user)
