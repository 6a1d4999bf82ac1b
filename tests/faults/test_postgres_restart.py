"""PostgreSQL restarted while workers run: tasks retry and finish.

To its clients a restart is "every connection is cut, and new ones fail for a moment". The
default test reproduces the first part without touching the shared server: it terminates every
backend of the *test* database, again and again, while a worker processes articles. The second
test restarts the real server and runs only with VERITY_FAULTS_RESTART_POSTGRES=1 (.ci/run sets
it, where nothing else uses the server at the same time; locally, point DATABASE_URL at a private
cluster and give its data directory in VERITY_FAULTS_PGDATA).
"""
import glob
import os
import subprocess
import threading
import time

import psycopg
import pytest
from django.db import OperationalError, connection

from tests.faults.conftest import article_processed, wait_for
from tests.integration.stack import _database_url
from verify import lifecycle
from verify.models import Article, ArticleStatus

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

TEXT = ("Officials in Kyiv said on Monday that {n} bridges were destroyed in the Kharkiv region, according to "
        "the ministry. The ministry reported that {m} homes lost power after the strike.\n\n")


def submit_articles(count: int) -> list[int]:
    return [
        lifecycle.article_submit(kind="text", text="".join(TEXT.format(n=i * 100 + j, m=2000 + j) for j in range(15)),
                                title=f"Article {i}").article.pk
        for i in range(count)
    ]


class BackendTerminator(threading.Thread):
    """Cuts every other connection to the test database every `interval` seconds."""

    def __init__(self, *, spare_pid: int, interval: float = 0.4):
        super().__init__(daemon=True)
        self.spare_pid = spare_pid
        self.interval = interval
        self.stopping = threading.Event()
        self.terminated = 0

    def run(self) -> None:
        with psycopg.connect(_database_url(), autocommit=True) as killer:
            while not self.stopping.is_set():
                rows = killer.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> %s",
                    [self.spare_pid],
                ).fetchall()
                self.terminated += sum(1 for (ok,) in rows if ok)
                time.sleep(self.interval)

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=10)


def restart_command() -> list[str]:
    """The cluster of DATABASE_URL: the Debian cluster, or a private one given by VERITY_FAULTS_PGDATA."""
    private_data = os.environ.get("VERITY_FAULTS_PGDATA")
    if private_data:
        pg_ctl = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))[-1]
        return ["su", "postgres", "-c", f"{pg_ctl} -D {private_data} -w -m fast restart"]
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"]


def all_finished(article_ids: list[int]) -> bool:
    try:
        return Article.objects.filter(pk__in=article_ids, status__in=[ArticleStatus.DONE, ArticleStatus.FAILED]
                                      ).count() == len(article_ids)
    except OperationalError:  # our own connection was cut too (real restart): reconnect next time
        connection.close()
        return False


def assert_processed_once(article_ids: list[int]) -> None:
    for article in Article.objects.filter(pk__in=article_ids):
        assert article.status == ArticleStatus.DONE, (article.pk, article.error)
        spans = list(article.claims.values_list("start_char", "end_char"))
        assert spans and len(spans) == len(set(spans)), article.pk


def test_workers_retry_and_finish_while_every_database_connection_keeps_being_cut(fault_queue, workers):
    worker = workers(queue=fault_queue, concurrency=2)
    # Cut only once the worker is taking articles: a fresh process spends its first seconds loading
    # spaCy and the scorer (workers/tasks.py), and cuts in that time reach no task at all.
    assert article_processed(text=TEXT.format(n=1, m=2), title="Warm-up").status == ArticleStatus.DONE
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        own_pid = cursor.fetchone()[0]
    terminator = BackendTerminator(spare_pid=own_pid)
    terminator.start()
    try:
        article_ids = submit_articles(6)
        time.sleep(6)  # the cuts go on while the worker is busy with the articles
    finally:
        terminator.stop()
    assert terminator.terminated > 0, "the worker's connections were cut"

    wait_for(lambda: all_finished(article_ids), timeout=180, message="all articles to finish after the cuts")
    assert_processed_once(article_ids)
    assert "OperationalError" in worker.log() or "Retry in" in worker.log(), "some task hit a cut connection"


@pytest.mark.skipif(os.environ.get("VERITY_FAULTS_RESTART_POSTGRES") != "1",
                    reason="restarts the shared PostgreSQL server: set VERITY_FAULTS_RESTART_POSTGRES=1 "
                           "where nothing else uses it (.ci/run does)")
def test_workers_retry_and_finish_across_a_real_postgresql_restart(fault_queue, workers):
    workers(queue=fault_queue, concurrency=2)
    article_ids = submit_articles(4)
    subprocess.run(restart_command(), check=True, timeout=120)
    connection.close()
    wait_for(lambda: all_finished(article_ids), timeout=240, message="all articles to finish after the restart")
    assert_processed_once(article_ids)
