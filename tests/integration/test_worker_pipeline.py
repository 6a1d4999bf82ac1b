"""End to end on the real stack: PostgreSQL, Redis as broker, and a `celery worker` process."""
from pathlib import Path

import pytest
from django.db import connection

from tests.integration.stack import wait_for
from verify import lifecycle
from verify.models import Article, ArticleStatus, Claim
from workers.tasks import article_process

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

SAMPLE = (Path(__file__).resolve().parents[2] / "verify" / "sample_data" / "sample_article.txt").read_text()


def wait_until_processed(article_id: int) -> Article:
    return wait_for(
        lambda: Article.objects.filter(pk=article_id, status__in=[ArticleStatus.DONE, ArticleStatus.FAILED]).first(),
        message=f"article {article_id} to be processed by the worker",
    )


def test_the_stack_is_really_postgres_and_redis(celery_worker_process, celery_live):
    assert connection.vendor == "postgresql"
    from config.celery import app

    assert app.conf.broker_url.startswith("redis://")
    assert app.conf.task_always_eager is False


def test_worker_stores_claims_and_resubmission_and_rerun_add_no_duplicates(celery_worker_process, celery_live):
    result = lifecycle.article_submit(kind="text", text=SAMPLE, title="Sample")
    assert result.enqueued is True
    article = wait_until_processed(result.article.pk)
    assert article.status == ArticleStatus.DONE, article.error
    spans = sorted(Claim.objects.filter(article=article).values_list("start_char", "end_char"))
    assert len(spans) >= 6

    again = lifecycle.article_submit(kind="text", text=SAMPLE, title="Sample again")
    assert again.article.pk == article.pk and not again.created

    # Re-run the task through the broker as a redelivered message would, twice at once.
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.PROCESSING)
    finished = celery_worker_process.finished_tasks()
    article_process.delay(article.pk)
    article_process.delay(article.pk)
    wait_for(lambda: celery_worker_process.finished_tasks() >= finished + 2, message="both re-runs to finish")
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.DONE
    assert sorted(Claim.objects.filter(article=article).values_list("start_char", "end_char")) == spans
    assert Article.objects.count() == 1


def test_a_worker_extracts_articles_waiting_together_and_each_is_done_once(celery_live):
    import uuid

    from tests.integration.stack import WorkerProcess
    from verify.content import content_hash

    texts = [SAMPLE.replace("11,000", f"{11_000 + number:,}") for number in range(6)]
    articles = [Article.objects.create(title=f"Batch {number}", raw_content=text, content_hash=content_hash(raw_content=text))
                for number, text in enumerate(texts)]
    queue = f"batch-{uuid.uuid4().hex[:8]}"
    worker = WorkerProcess(queue=queue, extra_env={"VERIFY_EXTRACTION_BATCH_ARTICLES": "8"})
    try:
        for article in articles:
            article_process.apply_async(args=[article.pk], queue=queue)
        for article in articles:
            wait_until_processed(article.pk)
    finally:
        worker.stop()
    done = Article.objects.filter(pk__in=[article.pk for article in articles])
    assert set(done.values_list("status", flat=True)) == {ArticleStatus.DONE}
    assert all(article.claims.count() >= 6 for article in done)
    # Waiting together, some were taken into another article's pass, and none was extracted twice.
    assert done.exclude(batch_task="").count() >= 1
    assert set(done.values_list("processing_attempts", flat=True)) == {1}
