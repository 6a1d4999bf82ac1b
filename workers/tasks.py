"""Celery tasks: thin, ID-only wrappers over services. Safe to run twice (see article_process)."""
from celery import Task, shared_task

from verify import services
from verify.services import TRANSIENT_ERRORS


class ArticleTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Retries are exhausted (or the error was not retryable): say so on the article.
        article_id = kwargs.get("article_id", args[0] if args else None)
        if article_id is not None:
            services.article_fail(article_id=article_id, error=f"{type(exc).__name__}: {exc}")


@shared_task(
    base=ArticleTask,
    name="workers.article_process",
    # Acknowledge after the work is stored: a killed worker's message is redelivered, and the task
    # is idempotent (unique claim spans + a guarded status transition), so a rerun is harmless.
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=6,
    soft_time_limit=300,
    time_limit=330,
)
def article_process(article_id: int) -> dict:
    article = services.article_process(article_id=article_id)
    return {"article": article.pk, "status": article.status, "claims": article.claims.count()}
