"""The task is an interface: ID in, idempotent, acked late, retried on transient errors only."""
import pytest
from django.db import InterfaceError, OperationalError

from tests.factories import ArticleFactory
from verify.errors import ExtractionUnavailable
from verify.models import ArticleStatus
from workers.tasks import article_process


def test_article_process_is_acked_late_and_requeued_when_its_worker_dies():
    assert article_process.acks_late is True
    assert article_process.reject_on_worker_lost is True


def test_article_process_retries_transient_database_errors_and_unloadable_models_with_bounded_backoff():
    assert set(article_process.autoretry_for) == {OperationalError, InterfaceError, ExtractionUnavailable}
    assert article_process.max_retries and article_process.max_retries <= 50
    assert article_process.retry_backoff


def test_article_process_has_time_limits():
    assert 0 < article_process.soft_time_limit < article_process.time_limit


@pytest.mark.django_db
def test_running_the_task_by_id_processes_the_article():
    article = ArticleFactory(status=ArticleStatus.PENDING,
                             raw_content="The ministry said on Monday that 2,300 homes lost power in Kharkiv.")
    result = article_process.apply(args=[article.pk]).get()
    assert result["article"] == article.pk
    assert result["status"] == ArticleStatus.DONE


@pytest.mark.django_db
def test_a_task_that_fails_for_good_marks_the_article_failed():
    article = ArticleFactory(status=ArticleStatus.PROCESSING)
    article_process.on_failure(OperationalError("gone"), "task-id", [article.pk], {}, None)
    article.refresh_from_db()
    assert article.status == ArticleStatus.FAILED
    assert "OperationalError: gone" in article.error


@pytest.mark.django_db
def test_a_message_for_a_deleted_article_is_dropped_quietly():
    result = article_process.apply(args=[987654]).get()
    assert result == {"article": 987654, "status": "missing", "claims": 0}


@pytest.mark.django_db
def test_a_worker_that_cannot_load_its_models_leaves_the_article_untouched_for_another_worker(settings):
    settings.VERIFY_SPACY_MODEL = "en_core_web_not_installed"
    article = ArticleFactory(status=ArticleStatus.PENDING,
                             raw_content="The ministry said on Monday that 2,300 homes lost power in Kharkiv.")

    result = article_process.apply(args=[article.pk])

    assert isinstance(result.result, ExtractionUnavailable)
    assert "en_core_web_not_installed" in str(result.result) and "not installed" in str(result.result)
    article.refresh_from_db()
    assert (article.status, article.error, article.processing_attempts) == (ArticleStatus.PENDING, "", 0)
