"""ingest, createreviewer and demo_setup, run as a user would run them."""
import io
import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from verify.roles import user_role
from verify.models import Article

pytestmark = pytest.mark.django_db(transaction=True)  # commands commit; on_commit hooks must fire

SAMPLE = Path(__file__).resolve().parents[2] / "verify" / "sample_data" / "sample_article.txt"
CLAIM_FIELDS = {
    "id", "article", "text", "sentence", "start_char", "end_char", "sentence_index", "claimant", "cue",
    "quantities", "entities", "hedges", "checkworthiness", "verdict", "extractor_version",
}


def run(*args, stdin: bytes | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_ingest_json_prints_the_article_and_every_claim_field(tmp_path):
    payload = json.loads(run("ingest", str(SAMPLE), "--title", "Sample", "--json"))
    assert payload["article"]["status"] == "done"
    assert payload["article"]["title"] == "Sample"
    assert payload["claims"]
    for claim in payload["claims"]:
        assert CLAIM_FIELDS <= claim.keys()
        assert claim["verdict"] == "unreviewed"
    troops = [c for c in payload["claims"] if any(q["value"] == 11000 for q in c["quantities"])]
    assert troops and troops[0]["quantities"][0]["approximate"] is True


def test_ingest_reads_standard_input(monkeypatch):
    text = b"The ministry said on Monday that 2,300 homes lost power in the Kharkiv region."
    payload = json.loads(run("ingest", "-", "--json", stdin=text, monkeypatch=monkeypatch))
    assert payload["article"]["status"] == "done"
    assert Article.objects.count() == 1


def test_ingest_twice_reuses_the_article():
    run("ingest", str(SAMPLE))
    second = run("ingest", str(SAMPLE))
    assert "Already stored" in second
    assert Article.objects.count() == 1


def test_ingest_of_an_empty_file_fails_with_a_clear_message(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    with pytest.raises(CommandError, match="empty"):
        run("ingest", str(empty))


def test_ingest_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("ingest", str(tmp_path / "nope.txt"))


def test_createreviewer_reads_the_password_file_and_sets_the_role(tmp_path):
    secret = tmp_path / "pw"
    secret.write_text("a-long-unusual-passphrase-42\n")
    run("createreviewer", "maria", "--role", "editor", "--password-file", str(secret))
    user = get_user_model().objects.get(username="maria")
    assert user.check_password("a-long-unusual-passphrase-42")
    assert user_role(user) == "editor" and user.is_staff and not user.is_superuser


def test_createreviewer_refuses_a_weak_password(tmp_path):
    secret = tmp_path / "pw"
    secret.write_text("123\n")
    with pytest.raises(CommandError):
        run("createreviewer", "weak", "--password-file", str(secret))
    assert not get_user_model().objects.filter(username="weak").exists()


def test_demo_setup_creates_a_reviewer_and_loads_the_sample_with_claims():
    out = run("demo_setup", "--password", "demo-password-for-tests")
    user = get_user_model().objects.get(username="demo")
    assert user.check_password("demo-password-for-tests")
    assert user_role(user) == "reviewer"
    assert "demo-password-for-tests" in out
    article = Article.objects.get()
    assert article.status == "done" and article.claims.count() >= 6
    run("demo_setup", "--password", "demo-password-for-tests")  # idempotent
    assert Article.objects.count() == 1


def test_ingest_without_a_worker_processes_the_article_itself_and_says_so(tmp_path, settings, monkeypatch):
    from config.celery import app as celery_app

    # Queued for real (not inline), on a queue no worker reads: nobody will pick the article up.
    # The Celery conf first: reading it loads Django's settings into it, and the value monkeypatch
    # restores afterwards must be the suite's (eager), not the one this test sets.
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setitem(celery_app.conf, "task_default_queue", f"nobody-reads-{tmp_path.name}")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    out, err = io.StringIO(), io.StringIO()

    call_command("ingest", str(SAMPLE), "--json", "--pickup-timeout", "0.5", stdout=out, stderr=err)

    payload = json.loads(out.getvalue())
    assert payload["article"]["status"] == "done" and payload["claims"]
    assert "processing it in this process" in err.getvalue()
