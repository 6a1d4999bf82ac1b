"""The Redis transport hands a message rejected with requeue (its worker process died) out first."""
import os
import uuid

import pytest
from kombu import Connection, Exchange, Queue

from config.celery import app

pytestmark = pytest.mark.integration


@pytest.fixture
def queue_on_redis():
    queue = Queue(f"verity-broker-test-{uuid.uuid4().hex[:10]}", Exchange("verity-broker-test", type="direct"))
    queue.routing_key = queue.name

    def connect(transport: str | None = None) -> Connection:
        return Connection(os.environ["REDIS_URL"], transport=transport)

    yield queue, connect
    with connect() as connection:
        queue(connection.default_channel).delete()


def first_after_a_requeue(connection: Connection, queue: Queue) -> str:
    """Publish a, b, c; take a and reject it with requeue; the body handed out next."""
    with connection:
        bound = queue(connection.default_channel)
        bound.declare()
        producer = connection.Producer()
        for body in ("a", "b", "c"):
            producer.publish(body, exchange=queue.exchange, routing_key=queue.routing_key, declare=[queue])
        taken = bound.get(no_ack=False)
        assert taken.payload == "a"
        taken.reject(requeue=True)
        following = bound.get(no_ack=False)
        following.ack()
        return following.payload


def test_a_message_its_worker_handed_back_is_next_not_last(queue_on_redis):
    queue, connect = queue_on_redis
    assert first_after_a_requeue(connect("config.broker:Transport"), queue) == "a"


def test_stock_kombu_puts_it_last(queue_on_redis):
    """What config.broker changes: without it the handed-back message waits behind the queue."""
    queue, connect = queue_on_redis
    assert first_after_a_requeue(connect(), queue) == "b"


def test_workers_use_it_and_serve_extraction_and_matching_queues(settings):
    assert app.conf.broker_transport == "config.broker:Transport"
    assert {queue.name for queue in app.conf.task_queues} == {settings.CELERY_TASK_DEFAULT_QUEUE,
                                                            settings.CELERY_MATCHING_QUEUE}
    assert settings.CELERY_MATCHING_QUEUE != settings.CELERY_TASK_DEFAULT_QUEUE
    for name in ("workers.article_matches_find", "workers.claim_matches_find"):
        assert app.amqp.router.route({}, name)["queue"].name == settings.CELERY_MATCHING_QUEUE
    assert app.amqp.router.route({}, "workers.article_process")["queue"].name == settings.CELERY_TASK_DEFAULT_QUEUE
