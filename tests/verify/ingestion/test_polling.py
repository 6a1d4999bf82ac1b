"""Polled subscriptions, article feeds and fact-check feeds alike: enqueued once when due, failures backed off."""
from datetime import timedelta

import pytest
from django.utils import timezone

from annotations.factchecks.models import FactCheckFeed
from tests.factories import FactCheckFeedFactory, FeedFactory
from verify.background import TaskName
from verify.ingestion import polling
from verify.ingestion.models import Feed

pytestmark = pytest.mark.django_db

KINDS = [pytest.param(Feed, FeedFactory, TaskName.FEED_POLL, id="article-feed"),
         pytest.param(FactCheckFeed, FactCheckFeedFactory, TaskName.FACT_CHECK_FEED_POLL, id="fact-check-feed")]


def test_the_back_off_doubles_per_failure_and_is_capped(settings):
    settings.VERIFY_FEED_MAX_BACKOFF_MINUTES = 120

    delays = [polling.poll_backoff(interval_minutes=10, failures=n) for n in (1, 2, 3, 10)]

    assert delays == [timedelta(minutes=20), timedelta(minutes=40), timedelta(minutes=80), timedelta(minutes=120)]


@pytest.mark.parametrize("model,factory,task", KINDS)
def test_a_due_subscription_is_enqueued_once_until_its_lease_runs_out(monkeypatch, model, factory, task):
    sent = []
    monkeypatch.setattr(polling, "task_enqueue", lambda name, *args, queue=None: sent.append((name, args)) or True)
    due = factory(next_poll_at=timezone.now() - timedelta(minutes=1))
    never_polled = factory(next_poll_at=None)
    factory(next_poll_at=timezone.now() + timedelta(hours=1))
    factory(next_poll_at=None, enabled=False)

    first = polling.polls_enqueue_due(model=model, task=task)
    second = polling.polls_enqueue_due(model=model, task=task)

    assert (first, second) == (2, 0)
    assert sorted(sent) == sorted([(task, (due.pk,)), (task, (never_polled.pk,))])
    assert model.objects.get(pk=due.pk).next_poll_at > timezone.now() + timedelta(minutes=10)


@pytest.mark.parametrize("model,factory,task", KINDS)
def test_with_the_broker_down_a_subscription_stays_due(monkeypatch, model, factory, task):
    monkeypatch.setattr(polling, "task_enqueue", lambda name, *args, queue=None: False)
    when = timezone.now() - timedelta(minutes=1)
    due = factory(next_poll_at=when)

    assert polling.polls_enqueue_due(model=model, task=task) == 0
    assert model.objects.get(pk=due.pk).next_poll_at == when


@pytest.mark.parametrize("model,factory,task", KINDS)
def test_a_failure_is_counted_recorded_and_puts_the_next_poll_off(model, factory, task):
    subscription = factory(poll_interval_minutes=30, consecutive_failures=1)
    before = timezone.now()

    polling.poll_failure_record(model=model, pk=subscription.pk, error="HTTP 404 " + "x" * 3000)

    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 2
    assert subscription.last_error.startswith("HTTP 404") and len(subscription.last_error) == 2000
    assert subscription.next_poll_at - before >= timedelta(minutes=119)
    assert subscription.last_polled_at >= before
    if hasattr(subscription, "last_error_at"):
        assert subscription.last_error_at >= before
