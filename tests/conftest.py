"""Shared fixtures. Integration and browser tests need real services: they skip with a reason
locally when one is missing, and fail in CI (CI=true), where a missing service is a broken build."""
import os
import shutil

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytest_plugins = ["tests.integration.stack"]

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require(condition: bool, reason: str) -> None:
    """Skip locally, fail in CI, when a service a test needs is not there."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_runtest_setup(item):
    if item.get_closest_marker("integration"):
        database_url = os.environ.get("DATABASE_URL", "")
        require(database_url.startswith("postgres"), "integration tests need DATABASE_URL=postgres://…")
        require(bool(os.environ.get("REDIS_URL")), "integration tests need REDIS_URL=redis://…")
    if item.get_closest_marker("browser"):
        require(shutil.which("chromium") is not None or os.path.exists("/usr/bin/chromium"),
                "browser tests need Debian's chromium (/usr/bin/chromium)")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (the per-process memory cache of settings_test): counts
    cached by one test (queue sizes, login failures) must not leak into the next."""
    cache.clear()


@pytest.fixture
def reviewer(db):
    return UserFactory(username="rita", role="reviewer")


@pytest.fixture
def editor(db):
    return UserFactory(username="eddie", role="editor")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="ada", role="admin")


def _client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user=user)
    return client


@pytest.fixture
def reviewer_api(reviewer):
    return _client_for(reviewer)


@pytest.fixture
def editor_api(editor):
    return _client_for(editor)


@pytest.fixture
def admin_api(admin_user):
    return _client_for(admin_user)


@pytest.fixture
def norole_api(db):
    """A logged-in user in no desk group: every endpoint refuses them with 403."""
    return _client_for(UserFactory(username="visitor"))


@pytest.fixture
def anonymous_api():
    return APIClient()
