"""The embedded default as `make run` starts it: no broker server, a real worker process reading the
filesystem broker, and `ingest` handing the article to it instead of processing it itself."""
import json
import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings

from tests.integration.stack import ROOT, WorkerProcess, _database_url

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SAMPLE = ROOT / "verify" / "sample_data" / "sample_article.txt"


def test_ingest_hands_the_article_to_a_worker_on_the_serverless_broker(tmp_path):
    broker = tmp_path / "broker"
    queue = f"embedded-{uuid.uuid4().hex[:8]}"
    # REDIS_URL empty: both processes use the filesystem broker in `broker`, as on `make run`.
    embedded = {"REDIS_URL": "", "CELERY_EMBEDDED_BROKER_DIR": str(broker), "CELERY_QUEUE": queue}
    worker = WorkerProcess(queue=queue, extra_env=embedded)
    try:
        result = subprocess.run(
            [sys.executable, "manage.py", "ingest", str(SAMPLE), "--title", "Embedded", "--json",
             "--pickup-timeout", "60", "--timeout", "120"],
            cwd=ROOT, capture_output=True, text=True, timeout=180,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": settings.SECRET_KEY,
                 "DATABASE_URL": _database_url(), **embedded},
        )
    finally:
        worker.stop()
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["article"]["status"] == "done" and payload["claims"]
    assert "processing it in this process" not in result.stderr  # the worker did it
    assert "workers.article_process" in worker.log() and " succeeded in " in worker.log()
    # A quiet start: no kombu hostname warning, no model-loading progress bars.
    assert "No hostname was supplied" not in worker.log() and "Loading weights" not in worker.log()
