"""kombu's Redis transport, with one change: a message handed back by a worker goes first.

When a worker process dies mid-task, Celery rejects its message with requeue, and stock kombu puts
it at the *back* of its queue (LPUSH onto the list workers BRPOP from the right), behind everything
queued meanwhile: a killed article waited minutes as "processing". Here it goes back to the front
(RPUSH), as kombu already does for messages it restores after the visibility timeout or at a warm
shutdown. CELERY_BROKER_TRANSPORT names this class whenever the broker is plain redis://.
"""
from kombu.transport import redis, virtual


class QoS(redis.QoS):
    def reject(self, delivery_tag, requeue=False):
        if not requeue:
            return super().reject(delivery_tag, requeue=False)
        self.restore_by_tag(delivery_tag, leftmost=False)  # the right end: the next BRPOP takes it
        virtual.QoS.ack(self, delivery_tag)  # what redis.QoS.reject does after restoring


class Channel(redis.Channel):
    QoS = QoS


class Transport(redis.Transport):
    Channel = Channel
