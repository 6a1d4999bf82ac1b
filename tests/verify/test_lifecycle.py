"""verify.lifecycle: every way in goes through article_submit, and each step queues the next."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from annotations.matching.models import MatchDocument
from verify import lifecycle
from verify.audit.models import AuditAction, AuditEntry
from verify.background import TaskName
from verify.models import Article, ArticleStatus

pytestmark = pytest.mark.django_db

TEXT = ("Officials in Kyiv said on Monday that 14 bridges were destroyed in the Kharkiv region. "
        "The ministry reported that 2,300 homes lost power after the strike.")


def _submitted(article: Article) -> dict:
    return AuditEntry.objects.get(action=AuditAction.ARTICLE_SUBMIT, target_id=str(article.pk)).after


def test_an_uploaded_file_is_stored_as_a_file_with_its_name_and_the_audit_says_so(reviewer):
    upload = SimpleUploadedFile("bridges.txt", TEXT.encode())
    article = lifecycle.article_submit(kind="file", data=upload, filename="bridges.txt", submitted_by=reviewer).article
    assert (article.source_kind, article.original_filename) == ("file", "bridges.txt")
    assert _submitted(article) | {"content_hash": ""} == {
        "title": "", "content_hash": "", "source_kind": "file", "filename": "bridges.txt"}


def test_a_url_submission_is_audited_with_its_url_and_waits_for_its_fetch():
    article = lifecycle.article_submit(kind="url", url="https://news.example.org/story").article
    assert (article.source_kind, article.status, article.raw_content) == ("url", ArticleStatus.PENDING, "")
    assert _submitted(article)["url"] == "https://news.example.org/story"


def test_the_ingest_command_marks_a_file_as_a_file(tmp_path):
    path = tmp_path / "bridges.txt"
    path.write_text(TEXT)
    call_command("ingest", str(path), "--no-wait")
    article = Article.objects.get()
    assert (article.source_kind, article.original_filename) == ("file", "bridges.txt")


def test_the_next_step_of_an_unfetched_url_is_its_fetch_and_of_a_text_its_processing(monkeypatch):
    sent = []
    monkeypatch.setattr(lifecycle, "task_enqueue", lambda name, *args, **options: sent.append(name) or True)
    url_article = lifecycle.article_submit(kind="url", url="https://news.example.org/a").article
    text_article = lifecycle.article_submit(kind="text", text=TEXT).article

    lifecycle.article_advance(article_id=url_article.pk)
    lifecycle.article_advance(article_id=text_article.pk)

    assert sent == [TaskName.ARTICLE_FETCH, TaskName.ARTICLE_PROCESS]


def test_a_processed_article_is_matched_and_its_claims_indexed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = lifecycle.article_submit(kind="text", text=TEXT).article
    article.refresh_from_db()
    assert article.status == ArticleStatus.DONE and article.claims.exists()
    indexed = set(MatchDocument.objects.values_list("claim_id", flat=True))
    assert indexed == set(article.claims.values_list("pk", flat=True))
