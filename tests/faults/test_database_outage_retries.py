"""A PostgreSQL outage longer than a minute while a worker processes articles: its tasks retry with
back-off across the outage and finish once the database is back; none is given up, none counts as
poison. The outage is a loopback proxy in front of the shared server, cut and restored (the server is
never touched). The retry window is scaled down (60 s, waits up to 8 s) to keep the test short; the
default window is 900 s (VERIFY_TASK_RETRY_WINDOW_SECONDS)."""
import time

import pytest
from django.conf import settings

from tests.faults.conftest import article_processed, wait_for
from tests.faults.proxy import TcpProxy
from tests.faults.test_postgres_restart import all_finished, submit_articles
from verify.models import Article, ArticleStatus

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

OUTAGE_SECONDS = 45


def test_tasks_retry_across_a_database_outage_longer_than_a_minute_of_retries_and_all_finish(fault_queue, workers):
    db = settings.DATABASES["default"]
    proxy = TcpProxy(target_host=db["HOST"] or "127.0.0.1", target_port=int(db["PORT"] or 5432)).start()
    try:
        user = db["USER"] or "postgres"
        worker = workers(queue=fault_queue, concurrency=2, extra_env={
            "DATABASE_URL": f"postgres://{user}@127.0.0.1:{proxy.port}/{db['NAME']}",
            "VERIFY_TASK_RETRY_WINDOW_SECONDS": "60", "VERIFY_TASK_RETRY_BACKOFF_MAX": "8",
        })
        assert article_processed(text="The ministry said 1,200 homes lost power.", title="Warm-up").status \
            == ArticleStatus.DONE
        article_ids = submit_articles(4)
        proxy.cut()
        time.sleep(OUTAGE_SECONDS)
        proxy.restore()
        restored_at = time.monotonic()
        wait_for(lambda: all_finished(article_ids), timeout=240, message="all articles to finish after the outage")
        recovered = time.monotonic() - restored_at
    finally:
        proxy.stop()

    for article in Article.objects.filter(pk__in=article_ids):
        assert article.status == ArticleStatus.DONE, (article.pk, article.error)
        assert article.extraction_interruptions == 0
    assert "Retry in" in worker.log(), "tasks met the outage and retried"
    print(f"\n[recovery] {len(article_ids)} articles done {recovered:.1f} s after a {OUTAGE_SECONDS} s database "
          "outage ended")
