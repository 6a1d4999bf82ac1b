"""Asking for background work by task name: the registered task runs with its own options."""
import pytest
from celery import current_app

from verify import background
from verify.background import TaskName, task_enqueue, task_enqueue_on_commit

pytestmark = pytest.mark.django_db


def test_every_task_name_is_registered_by_the_worker_modules():
    current_app.loader.import_default_modules()
    assert {str(name) for name in TaskName} <= set(current_app.tasks)


def test_a_task_asked_for_by_name_runs_the_registered_task_with_its_arguments(monkeypatch):
    sent = []
    task = background._registered(TaskName.ARTICLE_PROCESS)
    monkeypatch.setattr(task, "apply_async", lambda args, **options: sent.append((args, options)))

    assert task_enqueue(TaskName.ARTICLE_PROCESS, 42) is True
    assert sent[0] == ([42], {})


def test_a_named_queue_travels_with_the_message(monkeypatch):
    sent = []
    task = background._registered(TaskName.FEED_POLL)
    monkeypatch.setattr(task, "apply_async", lambda args, **options: sent.append((args, options)))
    task_enqueue(TaskName.FEED_POLL, 3, queue="fetch")
    assert sent == [([3], {"queue": "fetch"})]


def test_a_broker_refusal_is_reported_as_false_not_raised(monkeypatch):
    def broker_down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(background._registered(TaskName.ARTICLE_PROCESS), "apply_async", broker_down)
    assert task_enqueue(TaskName.ARTICLE_PROCESS, 1) is False


def test_on_commit_waits_for_the_surrounding_transaction(monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr(background._registered(TaskName.CLAIM_MATCHES_FIND), "apply_async",
                        lambda args, **options: sent.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        task_enqueue_on_commit(TaskName.CLAIM_MATCHES_FIND, 9)
        assert sent == []
    assert sent == [[9]]
