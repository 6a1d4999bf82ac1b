"""A real Celery worker process on the real Redis broker, reading the test PostgreSQL database.

Loaded for the whole suite by tests/conftest.py (pytest_plugins), so every package's integration
tests share these fixtures without re-importing them."""
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    auth = db.get("USER") or "postgres"
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


class WorkerProcess:
    """A `celery worker` subprocess bound to a queue of its own (and its matching queue, see settings)."""

    def __init__(self, *, queue: str, concurrency: int = 1, extra_env: dict | None = None, wait_ready: bool = True):
        self.queue = queue
        self.hostname = f"test-{uuid.uuid4().hex[:8]}@%h"
        self.log_path = ROOT / "var" / f"worker-{queue}.log"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.env = env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "SECRET_KEY": settings.SECRET_KEY,
            "DATABASE_URL": _database_url(),
            "CELERY_QUEUE": queue,
            "CONN_MAX_AGE": "0",
            **(extra_env or {}),
        }
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", f"{queue},{queue}-matching", "-n", self.hostname,
             "--pool", "prefork", "--concurrency", str(concurrency), "--loglevel", "INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )
        if wait_ready:
            self._wait_ready()

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the worker exited early:\n{self.log()}")
            if b"ready." in self.log_path.read_bytes():
                return
            time.sleep(0.2)
        raise RuntimeError(f"the worker did not start within {timeout}s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:]

    def finished_tasks(self) -> int:
        """How many tasks this worker has finished (succeeded or failed), from its log."""
        text = self.log_path.read_text(errors="replace")
        return text.count(" succeeded in ") + text.count(" raised unexpected")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


@pytest.fixture
def celery_live():
    """Send tasks through Redis instead of running them inline, for the length of one test."""
    celery_app.conf.task_always_eager = False
    yield settings.CELERY_TASK_DEFAULT_QUEUE
    celery_app.conf.task_always_eager = True


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """One worker for the session, on the session's queue (see config.settings_test)."""
    worker = WorkerProcess(queue=settings.CELERY_TASK_DEFAULT_QUEUE, concurrency=2)
    yield worker
    worker.stop()


def wait_for(predicate, *, timeout: float = 90, interval: float = 0.25, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")
