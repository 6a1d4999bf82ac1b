"""`make run`'s embedded default, clicked through as a newcomer would: the web server and a worker on
the serverless broker (`manage.py runembedded` on SQLite), the sample article pasted on /submit/.
The submission answers before extraction has happened (a worker does it, not the request), and the
claims appear on the article's page by themselves, without the submitter reloading it."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import SAMPLE_ARTICLE

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a-Long-embedded-passphrase-7"

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def embedded_site(tmp_path):
    """`manage.py runembedded` on a fresh SQLite file and broker folder, with one reviewer; its address."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": settings.SECRET_KEY,
           "DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "REDIS_URL": "",
           "CELERY_EMBEDDED_BROKER_DIR": str(tmp_path / "broker")}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=180)
    (tmp_path / "password").write_text(PASSWORD + "\n")
    subprocess.run([*manage, "createreviewer", "nadia", "--role", "reviewer", "--password-file",
                    str(tmp_path / "password")], cwd=ROOT, env=env, check=True, timeout=60,
                   stdout=subprocess.DEVNULL)
    port = _free_port()
    process = subprocess.Popen([*manage, "runembedded", f"127.0.0.1:{port}"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if urllib.request.urlopen(f"{base}/healthz", timeout=2).status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "runembedded did not answer /healthz within 90 s"
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=40)


def test_a_pasted_article_returns_at_once_and_its_claims_appear_by_themselves(page, embedded_site):
    page.set_default_timeout(30_000)
    page.goto(f"{embedded_site}/accounts/login/")
    page.get_by_label("Username").fill("nadia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{embedded_site}/claims/**")

    page.goto(f"{embedded_site}/submit/")
    page.get_by_label("Title", exact=True).fill("Sample: North Korean troops")
    page.get_by_label("Article text or HTML").fill(SAMPLE_ARTICLE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Submit for extraction").click()
    page.wait_for_url(f"{embedded_site}/articles/**")

    # The request did not run extraction itself: the page it answered with is still waiting or working.
    first_status = page.locator("#article-status .status-badge").inner_text()
    assert first_status.strip().lower() in ("pending", "processing")
    assert page.locator(".claim-item").count() == 0

    # The status block polls, and the page shows the claims once the worker has extracted them.
    page.locator(".claim-item").first.wait_for(timeout=120_000)
    assert "claims extracted" in page.locator("#article-status").inner_text()
    claims = page.locator(".claim-item").all_inner_texts()
    assert any("11,000" in text for text in claims)
