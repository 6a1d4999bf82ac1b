"""article_ingest / article_process: dedup, validation, idempotency, failures (SQLite, eager tasks)."""
import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError

from tests.factories import ArticleFactory
from verify import lifecycle, services
from verify.models import Article, ArticleStatus, Claim
from workers.tasks import article_process

pytestmark = pytest.mark.django_db

TEXT = (
    "Officials in Kyiv said on Monday that 14 bridges were destroyed in the Kharkiv region. "
    "The ministry reported that 2,300 homes lost power after the strike."
)


def test_ingest_stores_the_article_pending_and_enqueues_after_commit(django_capture_on_commit_callbacks, monkeypatch):
    queued = []
    monkeypatch.setattr(lifecycle, "article_advance", lambda *, article_id: queued.append(article_id) or True)
    with django_capture_on_commit_callbacks(execute=True):
        result = lifecycle.article_submit(kind="text", text=TEXT, title="Bridges")
        # Inside an outer transaction the hand-off waits for its commit.
        assert result.created and result.enqueued is None and queued == []
    assert result.article.status == ArticleStatus.PENDING
    assert queued == [result.article.pk]


@pytest.mark.django_db(transaction=True)
def test_a_submission_outside_a_transaction_is_enqueued_at_once(monkeypatch):
    queued = []
    monkeypatch.setattr(lifecycle, "article_advance", lambda *, article_id: queued.append(article_id) or True)
    result = lifecycle.article_submit(kind="text", text=TEXT)
    assert result.enqueued is True and queued == [result.article.pk]


def test_the_same_text_submitted_twice_is_one_article(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = lifecycle.article_submit(kind="text", text=TEXT)
        second = lifecycle.article_submit(kind="text", text=TEXT + "\n")
    assert first.article.pk == second.article.pk
    assert not second.created
    assert Article.objects.count() == 1


@pytest.mark.parametrize("raw", ["", "   ", "\x00\x01\x02\x03" * 50])
def test_bad_content_is_refused_and_nothing_is_stored(raw):
    with pytest.raises(ValidationError):
        lifecycle.article_submit(kind="text", text=raw)
    assert Article.objects.count() == 0


def test_processing_inline_extracts_claims_and_marks_done(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = lifecycle.article_submit(kind="text", text=TEXT)
    article = Article.objects.get(pk=result.article.pk)
    assert article.status == ArticleStatus.DONE, article.error
    assert article.language == "en"
    assert article.extractor_version
    claims = list(article.claims.all())
    assert claims, "expected claims from a factual text"
    for claim in claims:
        assert article.cleaned_text[claim.start_char:claim.end_char] == claim.sentence
        assert 0 <= claim.checkworthiness <= 1
        assert claim.extracted_text == claim.text


def test_processing_twice_never_duplicates_claims(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = lifecycle.article_submit(kind="text", text=TEXT).article
    before = sorted(Claim.objects.values_list("start_char", "end_char"))
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.PROCESSING)
    services.article_process(article_id=article.pk)
    services.article_process(article_id=article.pk)  # already done: a no-op
    after = sorted(Claim.objects.values_list("start_char", "end_char"))
    assert before == after and len(after) == len(set(after))


def test_a_done_article_is_left_alone_by_a_redelivered_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = lifecycle.article_submit(kind="text", text=TEXT).article
    attempts = Article.objects.get(pk=article.pk).processing_attempts
    services.article_process(article_id=article.pk)
    assert Article.objects.get(pk=article.pk).processing_attempts == attempts


def test_an_extraction_error_fails_the_article_with_its_message(monkeypatch):
    article = ArticleFactory(status=ArticleStatus.PENDING, cleaned_text="")

    def explode(*args, **kwargs):
        raise RuntimeError("extractor exploded")

    monkeypatch.setattr("verify.extraction.extract_claims_batch", explode)
    services.article_process(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == ArticleStatus.FAILED
    assert "extractor exploded" in article.error
    assert article.raw_content  # what was submitted is kept


def test_non_english_text_is_stored_flagged_and_skipped_with_a_reason():
    article = ArticleFactory(
        status=ArticleStatus.PENDING,
        raw_content="Der Minister sagte am Montag, dass die Truppen nicht in der Region sind und auch nicht kommen.",
    )
    services.article_process(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == ArticleStatus.DONE
    assert article.language == "de"
    assert "in German (de)" in article.skipped_reason and "English" in article.skipped_reason
    assert article.claims.count() == 0


def test_text_whose_language_cannot_be_told_never_reaches_the_english_extractor(monkeypatch):
    monkeypatch.setattr(services, "claims_extract_batch", lambda **kwargs: pytest.fail("extracted an 'und' article"))
    article = ArticleFactory(status=ArticleStatus.PENDING, raw_content="2024-03-05 · 14:00 · Reuters")
    services.article_process(article_id=article.pk)
    article.refresh_from_db()
    assert (article.status, article.language) == (ArticleStatus.DONE, "und")
    assert "could not be told" in article.skipped_reason


def test_an_article_that_keeps_killing_workers_is_given_up_after_bounded_attempts():
    article = ArticleFactory(status=ArticleStatus.PROCESSING, processing_attempts=services.MAX_PROCESSING_ATTEMPTS,
                             extraction_interruptions=services.MAX_PROCESSING_ATTEMPTS - 1)
    services.article_process(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == ArticleStatus.FAILED
    assert f"Gave up after {services.MAX_PROCESSING_ATTEMPTS} attempts cut off inside extraction" in article.error


def test_a_run_found_processing_counts_as_cut_off_but_a_retry_after_a_database_error_does_not():
    cut_off = ArticleFactory(status=ArticleStatus.PROCESSING, raw_content=TEXT)
    retried = ArticleFactory(status=ArticleStatus.PROCESSING, raw_content=TEXT + " Again.")

    services.article_process(article_id=cut_off.pk)
    services.article_process(article_id=retried.pk, after_transient_error=True)

    assert Article.objects.get(pk=cut_off.pk).extraction_interruptions == 1
    assert Article.objects.get(pk=retried.pk).extraction_interruptions == 0


def test_an_article_retried_through_a_database_outage_is_never_given_up_as_poison(monkeypatch):
    """Six database errors inside extraction, retried by the real task (inline): more than the poison
    limit, none of them the article's fault."""
    article = ArticleFactory(status=ArticleStatus.PENDING, raw_content=TEXT)
    extract = services.claims_extract_batch
    failures = iter(range(services.MAX_PROCESSING_ATTEMPTS + 1))

    def database_drops(**kwargs):
        if next(failures, None) is not None:
            raise OperationalError("server closed the connection unexpectedly")
        return extract(**kwargs)

    monkeypatch.setattr(services, "claims_extract_batch", database_drops)

    article_process.apply(args=[article.pk])

    article.refresh_from_db()
    assert article.status == ArticleStatus.DONE, article.error
    assert article.extraction_interruptions == 0 and article.processing_attempts == services.MAX_PROCESSING_ATTEMPTS + 2


def test_a_transient_database_error_propagates_for_the_task_to_retry(monkeypatch):
    article = ArticleFactory(status=ArticleStatus.PENDING)

    def db_down(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "claims_extract_batch", db_down)
    with pytest.raises(OperationalError):
        services.article_process(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == ArticleStatus.PROCESSING  # not failed: the retry will finish it


def test_reprocess_resets_status_and_keeps_existing_claims(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = lifecycle.article_submit(kind="text", text=TEXT).article
    count = Claim.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.article_reprocess(article=article)
    article.refresh_from_db()
    assert article.status == ArticleStatus.DONE
    assert Claim.objects.count() == count


@pytest.mark.django_db(transaction=True)
def test_a_broker_outage_leaves_the_article_pending_and_says_so(monkeypatch):
    from workers import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.article_process, "apply_async", broker_down)
    result = lifecycle.article_submit(kind="text", text=TEXT)
    assert result.enqueued is False
    assert Article.objects.get(pk=result.article.pk).status == ArticleStatus.PENDING


def test_submission_and_reprocessing_are_in_the_audit_trail(django_capture_on_commit_callbacks, reviewer, editor):
    from verify.audit.models import AuditEntry

    with django_capture_on_commit_callbacks(execute=True):
        article = lifecycle.article_submit(kind="text", text=TEXT, submitted_by=reviewer).article
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.article_reprocess(article=article, actor=editor)
    entries = list(AuditEntry.objects.filter(target_type="verify.article", target_id=str(article.pk))
                   .order_by("id").values_list("action", "actor__username"))
    assert entries == [("article.submit", "rita"), ("article.reprocess", "eddie")]


def test_an_article_over_the_time_limit_fails_with_a_readable_reason(monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    article = ArticleFactory(status=ArticleStatus.PENDING)

    def too_slow(*args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(services, "claims_extract_batch", too_slow)
    services.article_process(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == ArticleStatus.FAILED
    assert "longer than the" in article.error and "VERIFY_TASK_SOFT_TIME_LIMIT" in article.error
