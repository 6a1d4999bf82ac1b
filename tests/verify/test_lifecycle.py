"""verify.lifecycle: every way in goes through article_submit, and each step queues the next."""
from datetime import datetime
from datetime import timezone as dt_timezone

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from annotations.matching.models import MatchDocument
from verify import lifecycle
from verify.audit.models import AuditAction, AuditEntry
from verify.background import TaskName
from tests.factories import ArticleFactory
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


# --- article_update: an editor's correction of the details --------------------------------------

def test_article_update_changes_the_given_fields_and_audits_only_what_changed(editor):
    article = ArticleFactory(title="Bridges", publisher="The Meridian Ledger", author="")
    when = datetime(2024, 5, 6, 9, 30, tzinfo=dt_timezone.utc)

    lifecycle.article_update(article_id=article.pk, user=editor, title="Bridges", publisher="  Kyiv Post ",
                             author="Ana Li", published_at=when, url="https://example.org/bridges")

    article.refresh_from_db()
    assert (article.title, article.publisher, article.author, article.published_at, article.url) == (
        "Bridges", "Kyiv Post", "Ana Li", when, "https://example.org/bridges")
    entry = AuditEntry.objects.get(action=AuditAction.ARTICLE_EDITED)
    assert (entry.actor, entry.target_id) == (editor, str(article.pk))
    assert entry.before == {"publisher": "The Meridian Ledger", "author": "", "published_at": None, "url": ""}
    assert entry.after == {"publisher": "Kyiv Post", "author": "Ana Li", "published_at": when.isoformat(),
                           "url": "https://example.org/bridges"}


def test_article_update_with_nothing_changed_records_nothing(editor):
    article = ArticleFactory(title="Bridges")
    lifecycle.article_update(article_id=article.pk, user=editor, title="Bridges")
    lifecycle.article_update(article_id=article.pk, user=editor)
    assert not AuditEntry.objects.filter(action=AuditAction.ARTICLE_EDITED).exists()


def test_article_update_can_clear_the_date(editor):
    article = ArticleFactory(published_at=datetime(2024, 5, 6, tzinfo=dt_timezone.utc))
    lifecycle.article_update(article_id=article.pk, user=editor, published_at=None)
    article.refresh_from_db()
    assert article.published_at is None


@pytest.mark.parametrize(("fields", "field"), [
    ({"publisher": "p" * 201}, "publisher"),
    ({"author": "a" * 201}, "author"),
    ({"title": "t" * 501}, "title"),
    ({"url": "ftp://example.org/file"}, "url"),
    ({"url": "javascript:alert(1)"}, "url"),
    ({"url": "https://example.org/" + "x" * 2000}, "url"),
])
def test_article_update_refuses_bad_values_and_changes_nothing(editor, fields, field):
    article = ArticleFactory(publisher="The Meridian Ledger")
    with pytest.raises(ValidationError) as raised:
        lifecycle.article_update(article_id=article.pk, user=editor, **fields)
    assert field in raised.value.message_dict
    article.refresh_from_db()
    assert article.publisher == "The Meridian Ledger"
    assert not AuditEntry.objects.filter(action=AuditAction.ARTICLE_EDITED).exists()


def test_article_update_is_for_editors_only(reviewer):
    article = ArticleFactory(publisher="The Meridian Ledger")
    with pytest.raises(PermissionDenied):
        lifecycle.article_update(article_id=article.pk, user=reviewer, publisher="Other")
    article.refresh_from_db()
    assert article.publisher == "The Meridian Ledger"


def test_article_update_of_an_unknown_article_raises_does_not_exist(editor):
    with pytest.raises(Article.DoesNotExist):
        lifecycle.article_update(article_id=999_999, user=editor, title="x")
