"""A worker killed while it holds kombu's unacked-restore lock (its start-up scan) stalls every
redelivery until the lock expires: CELERY_UNACKED_MUTEX_EXPIRE bounds that stall (kombu's own is
300 s). The holder here is a process with the workers' broker settings that takes the lock exactly
as kombu's scan does and is SIGKILLed while holding it, which is what a worker killed mid-scan leaves.
"""
import subprocess
import sys
import time

import pytest

from tests.faults.conftest import ROOT, kill_hard, kill_whole_worker, wait_for
from tests.faults.test_worker_killed import done_or_failed, long_article, processing
from verify import lifecycle
from verify.models import ArticleStatus

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

MUTEX_EXPIRE = 20
VISIBILITY = 5

HOLD_THE_LOCK = """
import time
import django
django.setup()
from kombu.transport.redis import Mutex
from config.celery import app
with app.connection_for_write() as connection:
    channel = connection.default_channel
    with channel.conn_or_acquire() as client:
        with Mutex(client, channel.qos.unacked_mutex_key, channel.qos.unacked_mutex_expire):
            print("holding", channel.qos.unacked_mutex_expire, flush=True)
            time.sleep(600)
"""


def test_redelivery_after_a_worker_killed_holding_the_restore_lock_waits_only_the_configured_expiry(
    fault_queue, workers, private_redis, celery_broker_switch, settings
):
    celery_broker_switch(private_redis.url)
    env = {"REDIS_URL": private_redis.url, "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY),
           "CELERY_UNACKED_RESTORE_INTERVAL": "2", "CELERY_UNACKED_RESTORE_THROTTLE": "1",
           "CELERY_UNACKED_MUTEX_EXPIRE": str(MUTEX_EXPIRE)}
    first = workers(queue=fault_queue, concurrency=1, extra_env=env)
    article = lifecycle.article_submit(kind="text", text=long_article(), title="Long").article
    wait_for(lambda: processing(article.pk), timeout=90, message="processing to start")
    kill_whole_worker(first)

    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_LOCK], cwd=ROOT, stdout=subprocess.PIPE,
                              env={**first.env, **env})
    try:
        line = holder.stdout.readline().decode().split()
        assert line[0] == "holding", line
        assert int(line[1]) == MUTEX_EXPIRE, "the lock's lifetime comes from CELERY_UNACKED_MUTEX_EXPIRE"
    finally:
        kill_hard(holder.pid)
        holder.wait()
    killed_at = time.monotonic()

    workers(queue=fault_queue, concurrency=1, extra_env=env)
    finished = wait_for(lambda: done_or_failed(article.pk), timeout=MUTEX_EXPIRE + 120, message="the redelivery")
    recovered = time.monotonic() - killed_at

    assert finished.status == ArticleStatus.DONE, finished.error
    assert recovered >= MUTEX_EXPIRE - 1, "nothing was redelivered while the dead worker's lock lived"
    print(f"\n[recovery] article done {recovered:.1f} s after a worker died holding the restore lock "
          f"(lock {MUTEX_EXPIRE} s, visibility {VISIBILITY} s)")
