"""Redis stopped when an article is submitted: it is saved `pending`, the user is told promptly, and
the sweeper hands it to a worker once Redis is back.

The Redis here is a private redis-server on a free port (the machine's shared one serves other
people's tests); this process's Celery app and the worker both use it.
"""
import time

import pytest
from django.test import Client

from tests.faults.conftest import wait_for
from verify.models import Article, ArticleStatus
from workers.tasks import sweep_stuck_articles

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

API_TEXT = "The ministry said on Tuesday that 1,200 homes in Odesa had their power restored."
WEB_TEXT = "Officials in Kyiv said on Monday that 14 bridges were destroyed in the Kharkiv region."


def test_submissions_while_redis_is_down_stay_pending_and_are_processed_after_the_sweep(
    fault_queue, workers, private_redis, celery_broker_switch, reviewer, reviewer_api
):
    celery_broker_switch(private_redis.url)
    private_redis.stop()

    started = time.monotonic()
    response = reviewer_api.post("/api/articles/", {"text": API_TEXT, "title": "Odesa"}, format="json")
    api_seconds = time.monotonic() - started
    assert response.status_code == 201, response.content
    assert response.json()["enqueued"] is False
    assert response.json()["status"] == ArticleStatus.PENDING
    assert api_seconds < 10, f"the submitter waited {api_seconds:.1f}s for a refusal"

    browser = Client()
    browser.force_login(reviewer)
    page = browser.post("/submit/", {"kind": "text", "text": WEB_TEXT, "title": "Bridges"}, follow=True)
    assert page.status_code == 200
    assert b"saved as pending" in page.content
    assert set(Article.objects.values_list("status", flat=True)) == {ArticleStatus.PENDING}

    private_redis.start()
    workers(queue=fault_queue, concurrency=1, extra_env={"REDIS_URL": private_redis.url})
    # What celery beat does every VERIFY_SWEEP_INTERVAL_SECONDS; the worker runs the sweep and
    # publishes the articles to its own queue.
    sweep_stuck_articles.apply_async(kwargs={"older_than_seconds": 0}, queue=fault_queue)

    wait_for(lambda: Article.objects.filter(status=ArticleStatus.DONE).count() == 2, timeout=90,
             message="both pending articles to be processed after Redis came back")
    for article in Article.objects.all():
        assert article.claims.exists(), article.title
        assert article.processing_attempts == 1
