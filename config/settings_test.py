"""Test override: fast hashing, inline tasks; the database comes from DATABASE_URL or SQLite."""
import os
import uuid

os.environ.setdefault("SECRET_KEY", "test-only-key-not-used-anywhere-else")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Unit tests run tasks inline; integration tests switch this off and talk to a real worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Each test session has a queue of its own, so leftovers from an earlier run never reach its workers.
CELERY_TASK_DEFAULT_QUEUE = f"verity-test-{uuid.uuid4().hex[:10]}"
