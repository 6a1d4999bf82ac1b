"""Fault injection helpers: private worker processes and queues, a private Redis, process lookup.

Each fault test gets a queue of its own (no other worker, e.g. the session worker of
tests/integration, can steal its messages) and stops its workers before the database is flushed.
The machine's shared Redis and PostgreSQL are never stopped: other people's tests use them.
"""
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from kombu import pools as kombu_pools

from config.celery import app as celery_app
from tests.integration.stack import WorkerProcess, wait_for  # noqa: F401 (wait_for re-exported for fault tests)
from verify import lifecycle
from verify.models import Article, ArticleStatus
from workers.tasks import article_process

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fault_queue(celery_live, monkeypatch) -> str:
    """A fresh queue; every article enqueued by the code under test (ingest, sweeper) goes there."""
    queue = f"verity-fault-{uuid.uuid4().hex[:10]}"
    send = article_process.apply_async
    monkeypatch.setattr(article_process, "apply_async",
                        lambda args=None, kwargs=None, **options: send(args, kwargs, **{**options, "queue": queue}))
    return queue


@pytest.fixture
def workers(transactional_db):
    """Start workers with `workers(queue=..., ...)`; all are stopped before the database is flushed."""
    started: list[WorkerProcess] = []

    def start(**kwargs) -> WorkerProcess:
        worker = WorkerProcess(**kwargs)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def child_pids(parent: int) -> list[int]:
    """Direct children of a process, read from /proc (no psutil needed)."""
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # Field 4 (after the parenthesised command name, which may contain spaces) is the ppid.
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            children.append(int(entry))
    return children


def kill_hard(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def kill_whole_worker(worker: WorkerProcess) -> None:
    """SIGKILL a worker, parent first (nobody is left to requeue its messages: only the broker's
    visibility timeout can), then its children; returns once it is gone."""
    children = child_pids(worker.process.pid)
    kill_hard(worker.process.pid)
    for pid in children:
        kill_hard(pid)
    wait_process_gone(worker.process)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    """A throw-away redis-server on a free loopback port that a test may stop and start at will."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for(self.answers, timeout=15, message=f"redis-server on port {self.port}")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def private_redis():
    if shutil.which("redis-server") is None:
        from tests.conftest import require

        require(False, "the Redis fault test needs redis-server on PATH")
    redis = PrivateRedis()
    redis.start()
    yield redis
    redis.stop()


def point_celery_at(broker_url: str) -> None:
    """Make this process publish to another broker (drops pooled connections to the old one)."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None
    # kombu keeps producer pools in a global registry keyed by connection URL: without a reset,
    # switching back would hand out the pool closed above ("Acquire on closed pool"), and Celery
    # acquires a producer even for eager tasks.
    kombu_pools.reset()
    celery_app.conf.broker_url = broker_url


@pytest.fixture
def celery_broker_switch():
    """`celery_broker_switch(url)` for the length of one test; the original broker comes back after."""
    original = celery_app.conf.broker_url
    yield point_celery_at
    point_celery_at(original)


def wait_process_gone(process: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)


def article_processed(*, text: str, title: str, timeout: float = 90) -> Article:
    """Submit an article and wait until it has ended (done or failed); the article as it ended."""
    article = lifecycle.article_submit(kind="text", text=text, title=title).article

    def ended():
        return Article.objects.filter(pk=article.pk, status__in=[ArticleStatus.DONE, ArticleStatus.FAILED]).first()

    return wait_for(ended, timeout=timeout, message=f"article {title!r} to end")
