"""Test override: fast hashing, inline tasks; the database comes from DATABASE_URL or SQLite."""
import os
import tempfile
import uuid
from pathlib import Path

from kombu import Queue

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
CELERY_MATCHING_QUEUE = f"{CELERY_TASK_DEFAULT_QUEUE}-matching"
CELERY_TASK_QUEUES = [Queue(CELERY_TASK_DEFAULT_QUEUE), Queue(CELERY_MATCHING_QUEUE)]
CELERY_TASK_ROUTES = {name: {"queue": CELERY_MATCHING_QUEUE} for name in CELERY_TASK_ROUTES}
# Each test process has a matching snapshot folder of its own (tests that build one use tmp_path).
VERIFY_MATCH_INDEX_DIR = Path(tempfile.mkdtemp(prefix="verity-match-index-"))
# Tests embed with torch; tests/annotations/matching/test_onnx_encoder.py covers the ONNX export.
VERIFY_MATCH_ENCODER_DIR = ""
# Production hardening (config/settings.py) stays on in tests except what plain-HTTP test clients
# and live servers cannot use; tests/hostile/test_hardening.py checks the production values.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Each test process has its own cache; login lockout limits are high so that the many tests that
# log in from 127.0.0.1 never lock each other out (tests/hostile/test_login_guard.py sets its own).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGIN_LOCKOUT_USER_FAILURES = 1_000_000
LOGIN_LOCKOUT_IP_FAILURES = 1_000_000
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["login"] = "1000000/minute"
# Reports are published as a deployment publishes them: on a public address (a loopback one with DEBUG
# off is a publish-check error; tests/annotations/reports/test_check.py covers that).
VERIFY_SITE_URL = "https://verity.example.org"
