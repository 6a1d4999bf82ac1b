"""Which articles a worker extracts together: a task's own article plus others waiting beside it.

spaCy parses a batch of articles in one `nlp.pipe` stream and the claims of all of them are scored
and stored by one process, so a worker that takes several waiting articles per task spends less of
its time outside spaCy (bench/README.md). Only articles never attempted are taken along: one that
was attempted before (cut off by a killed worker, retried after a database error, handed back by a
batch) runs alone, so an article that kills its worker can only ever take itself down, and is given
up on after its own interruptions (services.MAX_PROCESSING_ATTEMPTS).

Taking an article is a conditional update (`pending` and never attempted -> `processing`, owned by
the taking task), so two workers never take the same one. Its own task, when it comes, finds it
`processing` under another live task and leaves it; if that task died, the sweeper hands it back.
"""
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Length
from django.utils import timezone

from verify.models import Article, ArticleStatus

# A `processing` article is certainly not being worked on once its task must have ended: the task's hard
# time limit (the worker kills it then) plus this margin for the acknowledgement and clock skew.
PROCESSING_MARGIN = timedelta(seconds=60)


def processing_stuck_after() -> timedelta:
    """How long after its last update a `processing` article is certainly not being worked on."""
    # The processing task's limits come from these settings (workers/tasks.py).
    hard_limit = settings.VERIFY_TASK_TIME_LIMIT or settings.VERIFY_TASK_SOFT_TIME_LIMIT or 0
    return timedelta(seconds=hard_limit) + PROCESSING_MARGIN


def held_elsewhere(*, article: Article, task_id: str) -> bool:
    """The article is `processing` under another task that may still be running (a batch took it)."""
    return (article.status == ArticleStatus.PROCESSING and bool(article.batch_task)
            and article.batch_task != task_id
            and article.updated_at > timezone.now() - processing_stuck_after())


def finished_elsewhere(*, article: Article, task_id: str) -> bool:
    """The article is done and another task's batch extracted it: that task queued what follows."""
    return article.status == ArticleStatus.DONE and bool(article.batch_task) and article.batch_task != task_id


def batch_candidates(*, exclude_id: int, limit: int, chars: int) -> list[int]:
    """Oldest waiting articles, never attempted, with their page stored, up to `limit` and `chars`."""
    rows = (Article.objects.filter(status=ArticleStatus.PENDING, processing_attempts=0, extraction_interruptions=0,
                                   skipped_reason="")
            .exclude(pk=exclude_id).exclude(raw_content="")
            .order_by("id").annotate(chars=Length("raw_content")).values_list("pk", "chars")[:limit])
    taken, total = [], 0
    for article_id, length in rows:
        if total + length > chars:
            continue
        taken.append(article_id)
        total += length
    return taken


def batch_take(*, article_ids: list[int], task_id: str) -> list[Article]:
    """Take the candidates still waiting and never attempted for `task_id`; others' are left alone."""
    taken = []
    for article_id in article_ids:
        if Article.objects.filter(pk=article_id, status=ArticleStatus.PENDING, processing_attempts=0).update(
                status=ArticleStatus.PROCESSING, processing_attempts=F("processing_attempts") + 1,
                batch_task=task_id, error="", updated_at=timezone.now()):
            taken.append(article_id)
    return list(Article.objects.filter(pk__in=taken).order_by("id"))


def batch_release(*, article_ids: list[int], task_id: str) -> list[int]:
    """Hand back this task's articles (its own, and those it took) not yet finished: `pending` again, to
    run alone (they have been attempted)."""
    # One statement: a database error hands back all of them or none (a retry finds those still held).
    held = Article.objects.filter(pk__in=article_ids, status=ArticleStatus.PROCESSING, batch_task__in=(task_id, ""))
    with transaction.atomic():
        released = list(held.select_for_update().values_list("pk", flat=True))
        Article.objects.filter(pk__in=released).update(status=ArticleStatus.PENDING, batch_task="",
                                                       updated_at=timezone.now())
    return sorted(released)


def batch_release_left(*, task_id: str, keep_id: int) -> list[int]:
    """Articles an earlier run of this task took and never finished (it met a database error, or its
    worker was killed), handed back: a retry runs its own article alone, and their own tasks may have
    left them to it already."""
    left = list(Article.objects.filter(status=ArticleStatus.PROCESSING, batch_task=task_id)
                .exclude(pk=keep_id).values_list("pk", flat=True))
    return batch_release(article_ids=left, task_id=task_id)
