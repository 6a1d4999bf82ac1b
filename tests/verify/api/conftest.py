import pytest
from rest_framework.test import APIClient

from tests.factories import UserFactory


@pytest.fixture
def norole_api(db):
    """A logged-in user in no desk group: every endpoint refuses them with 403."""
    client = APIClient()
    client.force_authenticate(user=UserFactory(username="visitor"))
    return client
