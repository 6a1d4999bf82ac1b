"""A worker killed with SIGKILL in the middle of `article_process`: the message is redelivered and
the article ends `done` with exactly the claims an uninterrupted run produces, none twice.

No test hook slows extraction down: the article is simply long enough to take a few seconds.
Both tests use a private Redis, because a short visibility timeout makes a worker restore *every*
unacknowledged message of its Redis database, including other test sessions' running tasks.
"""
import time

import pytest

from tests.faults.conftest import article_processed, child_pids, kill_hard, kill_whole_worker, wait_for
from verify import lifecycle
from verify.extraction import clean_text, extract_claims
from verify.models import Article, ArticleStatus
from verify.services import MAX_PROCESSING_ATTEMPTS

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PARAGRAPH = (
    "Officials in Kyiv said on Monday that {n} bridges were destroyed in the Kharkiv region, according to "
    "the ministry. The ministry reported that {m} homes lost power after the strike, a figure disputed "
    "by the mayor. Analysts suggest as many as {k} workers could be needed for repairs.\n\n"
)


def long_article(paragraphs: int = 60) -> str:
    return "".join(PARAGRAPH.format(n=i + 2, m=1000 + 7 * i, k=300 + 11 * i) for i in range(paragraphs))


def expected_spans(text: str) -> set[tuple[int, int, str]]:
    """The claims of an uninterrupted run, computed in this process."""
    return {(c.start, c.end, c.text) for c in extract_claims(clean_text(text))}


def stored_spans(article: Article) -> list[tuple[int, int, str]]:
    return list(article.claims.values_list("start_char", "end_char", "text"))


def processing(article_id: int, attempts: int = 1) -> bool:
    return Article.objects.filter(
        pk=article_id, status=ArticleStatus.PROCESSING, processing_attempts__gte=attempts
    ).exists()


def done_or_failed(article_id: int):
    return Article.objects.filter(pk=article_id, status__in=[ArticleStatus.DONE, ArticleStatus.FAILED]).first()


@pytest.fixture
def private_broker(private_redis, celery_broker_switch):
    celery_broker_switch(private_redis.url)
    # Unacked messages come back 5 s after their worker died, found by a scan every 2 s.
    return {"REDIS_URL": private_redis.url, "CELERY_VISIBILITY_TIMEOUT": "5",
            "CELERY_UNACKED_RESTORE_INTERVAL": "2", "CELERY_UNACKED_RESTORE_THROTTLE": "1"}


def test_a_killed_worker_child_is_replaced_and_the_article_ends_done_with_the_same_claims(
    fault_queue, workers, private_broker
):
    text = long_article()
    expected = expected_spans(text)
    worker = workers(queue=fault_queue, concurrency=1, extra_env=private_broker)
    article = lifecycle.article_submit(kind="text", text=text, title="Long").article

    wait_for(lambda: processing(article.pk), timeout=60, message="processing to start")
    children = child_pids(worker.process.pid)
    assert children, "the prefork worker has a child process"
    for pid in children:
        kill_hard(pid)

    finished = wait_for(lambda: done_or_failed(article.pk), timeout=120, message="the article to finish")
    assert finished.status == ArticleStatus.DONE, finished.error
    assert finished.processing_attempts >= 2, "the killed run started once and the redelivery again"
    spans = stored_spans(finished)
    assert len(spans) == len(set(spans)), "no claim is stored twice"
    assert set(spans) == expected
    assert "WorkerLostError" in worker.log()


def test_a_whole_worker_killed_mid_task_is_redelivered_to_a_new_worker_after_the_visibility_timeout(
    fault_queue, workers, private_broker
):
    text = long_article()
    expected = expected_spans(text)
    first = workers(queue=fault_queue, concurrency=1, extra_env=private_broker)
    # A warm process takes the message as it arrives, so its visibility timeout starts about when
    # processing does (a cold one holds it while loading spaCy, and the timeout runs meanwhile).
    assert article_processed(text="The ministry said 1,200 homes lost power.", title="Warm-up").status == ArticleStatus.DONE
    article = lifecycle.article_submit(kind="text", text=text, title="Long").article

    wait_for(lambda: processing(article.pk), timeout=60, message="processing to start")
    kill_whole_worker(first)
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.PROCESSING
    killed_at = time.monotonic()

    workers(queue=fault_queue, concurrency=1, extra_env=private_broker)
    finished = wait_for(lambda: done_or_failed(article.pk), timeout=150, message="the redelivered article")
    assert finished.status == ArticleStatus.DONE, finished.error
    assert finished.processing_attempts >= 2
    spans = stored_spans(finished)
    assert len(spans) == len(set(spans))
    assert set(spans) == expected
    assert time.monotonic() - killed_at >= 5, "redelivery waits for the visibility timeout"


def test_an_article_that_kills_its_worker_every_time_is_given_up_after_bounded_attempts(
    fault_queue, workers, private_broker
):
    """The crash poison (e.g. the OOM killer, every time): redeliveries stop at MAX_PROCESSING_ATTEMPTS."""
    worker = workers(queue=fault_queue, concurrency=1, extra_env=private_broker)
    article = lifecycle.article_submit(kind="text", text=long_article(), title="Crashes").article
    normal = None
    for attempt in range(1, MAX_PROCESSING_ATTEMPTS + 1):
        wait_for(lambda: processing(article.pk, attempt), timeout=90, message=f"attempt {attempt}")
        for pid in child_pids(worker.process.pid):
            kill_hard(pid)
        if normal is None:
            normal = lifecycle.article_submit(
                kind="text", text="The ministry said on Tuesday that 1,200 homes in Odesa had their power restored.").article

    finished = wait_for(lambda: done_or_failed(article.pk), timeout=90, message="the crash poison to be given up")
    assert finished.status == ArticleStatus.FAILED
    assert f"Gave up after {MAX_PROCESSING_ATTEMPTS} attempts" in finished.error
    processed = wait_for(lambda: done_or_failed(normal.pk), timeout=60, message="the article queued behind it")
    assert processed.status == ArticleStatus.DONE, processed.error


def test_an_article_whose_worker_child_was_killed_goes_before_the_articles_queued_behind_it(
    fault_queue, workers, private_broker
):
    worker = workers(queue=fault_queue, concurrency=1, extra_env=private_broker)
    assert article_processed(text="The ministry said 1,200 homes lost power.", title="Warm-up").status == ArticleStatus.DONE
    killed = lifecycle.article_submit(kind="text", text=long_article(), title="Killed").article
    wait_for(lambda: processing(killed.pk), timeout=60, message="processing to start")
    queued = [lifecycle.article_submit(kind="text", text=f"The ministry said {n:,} homes in Odesa lost power on Monday.",
                                       title=f"Queued {n}").article for n in (2100, 2200, 2300)]

    for pid in child_pids(worker.process.pid):
        kill_hard(pid)
    killed_at = time.monotonic()
    finished = wait_for(lambda: done_or_failed(killed.pk), timeout=120, message="the killed article")
    recovered = time.monotonic() - killed_at
    for article in queued:
        wait_for(lambda: done_or_failed(article.pk), timeout=120, message="the queued articles")

    assert finished.status == ArticleStatus.DONE, finished.error
    later = Article.objects.filter(pk__in=[a.pk for a in queued]).values_list("processed_at", flat=True)
    assert all(finished.processed_at < processed_at for processed_at in later), "the redelivered article went first"
    print(f"\n[recovery] killed article done {recovered:.1f} s after its worker child was killed")
