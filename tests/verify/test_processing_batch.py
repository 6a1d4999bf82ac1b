"""A processing task extracts waiting articles together: which it takes, and what happens when a batch fails."""
from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.utils import timezone

import verify.extraction
from tests.factories import ArticleFactory
from verify import lifecycle, services
from verify.background import TaskName
from verify.models import Article, ArticleStatus, Claim
from verify.processing_batch import processing_stuck_after

pytestmark = pytest.mark.django_db

TASK = "task-1"


def waiting(number: int, **fields) -> Article:
    text = (f"Officials in Kyiv said on Monday that {number + 10} bridges were destroyed in the Kharkiv region. "
            f"The ministry reported that {number + 2},300 homes lost power after the strike.")
    return ArticleFactory(status=ArticleStatus.PENDING, raw_content=text, cleaned_text="", language="",
                          extractor_version="", **fields)


@pytest.fixture
def passes(monkeypatch):
    """The texts of each extraction pass (the real extraction still runs)."""
    seen: list[list[str]] = []
    real = verify.extraction.extract_claims_batch

    def recording(texts, **kwargs):
        seen.append(list(texts))
        return real(seen[-1], **kwargs)

    monkeypatch.setattr(verify.extraction, "extract_claims_batch", recording)
    return seen


def test_a_task_extracts_the_articles_waiting_beside_its_own_in_one_pass(passes):
    own, *others = [waiting(number) for number in range(4)]
    outcome = services.articles_process(article_id=own.pk, task_id=TASK, batch_articles=8, batch_chars=10_000)

    assert len(passes) == 1 and len(passes[0]) == 4
    assert outcome.article.pk == own.pk and [item.pk for item in outcome.others] == [item.pk for item in others]
    for article in Article.objects.all():
        assert article.status == ArticleStatus.DONE and Claim.objects.filter(article=article).count() >= 1
    assert sorted(Article.objects.exclude(batch_task="").values_list("pk", flat=True)) == [item.pk for item in others]
    assert Article.objects.get(pk=own.pk).batch_task == ""


def test_only_articles_never_attempted_with_their_page_stored_are_taken_up_to_the_limits(passes):
    own = waiting(0)
    retried = waiting(1, processing_attempts=1)
    cut_off = waiting(2, extraction_interruptions=1)
    placeholder = ArticleFactory(status=ArticleStatus.PENDING, raw_content="", source_kind=Article.SourceKind.URL,
                                 url="https://example.org/a", content_hash="x" * 64)
    done = ArticleFactory(status=ArticleStatus.DONE)
    fresh = [waiting(number) for number in range(3, 7)]
    huge = waiting(7)
    Article.objects.filter(pk=huge.pk).update(raw_content=huge.raw_content + " More text." * 2_000)

    outcome = services.articles_process(article_id=own.pk, task_id=TASK, batch_articles=4, batch_chars=2_000)

    assert [item.pk for item in outcome.others] == [item.pk for item in fresh[:3]]
    for left in (retried, cut_off, placeholder, fresh[3], huge):
        assert Article.objects.get(pk=left.pk).status == ArticleStatus.PENDING
    assert Article.objects.get(pk=done.pk).batch_task == ""


def test_an_inline_run_or_a_retried_article_runs_alone(passes):
    own, other = waiting(0), waiting(1)
    services.article_process(article_id=own.pk)  # no task: inline
    assert passes == [[Article.objects.get(pk=own.pk).cleaned_text]]
    retried = waiting(2, processing_attempts=1)
    services.articles_process(article_id=retried.pk, task_id=TASK, batch_articles=8, batch_chars=10_000)
    assert len(passes[-1]) == 1
    assert Article.objects.get(pk=other.pk).status == ArticleStatus.PENDING


def test_an_articles_own_task_leaves_it_to_the_live_task_that_took_it_but_takes_over_from_a_dead_one():
    own, taken = waiting(0), waiting(1)
    Article.objects.filter(pk=taken.pk).update(status=ArticleStatus.PROCESSING, batch_task="other-task",
                                               processing_attempts=1)
    outcome = services.articles_process(article_id=taken.pk, task_id=TASK, batch_articles=8, batch_chars=10_000)
    taken.refresh_from_db()
    assert outcome.article.status == ArticleStatus.PROCESSING and taken.batch_task == "other-task"
    assert taken.extraction_interruptions == 0 and Claim.objects.filter(article=taken).count() == 0

    long_ago = timezone.now() - processing_stuck_after() - timedelta(seconds=1)
    Article.objects.filter(pk=taken.pk).update(updated_at=long_ago)
    services.articles_process(article_id=taken.pk, task_id=TASK, batch_articles=8, batch_chars=10_000)
    taken.refresh_from_db()
    assert taken.status == ArticleStatus.DONE and taken.extraction_interruptions == 1  # cut off with its taker
    assert Article.objects.get(pk=own.pk).status == ArticleStatus.PENDING  # a taken-over article runs alone


@pytest.mark.parametrize("failure", [RuntimeError("spaCy crashed"), SoftTimeLimitExceeded()])
def test_a_failed_batch_is_handed_back_and_the_error_lands_on_the_article_that_causes_it(monkeypatch, failure):
    own, poison, innocent = waiting(0), waiting(1), waiting(2)
    Article.objects.filter(pk=poison.pk).update(raw_content=poison.raw_content + " POISON")
    real = verify.extraction.extract_claims_batch

    def fails_on_poison(texts, **kwargs):
        texts = list(texts)
        if any("POISON" in text for text in texts):
            raise failure
        return real(texts, **kwargs)

    monkeypatch.setattr(verify.extraction, "extract_claims_batch", fails_on_poison)
    outcome = services.articles_process(article_id=own.pk, task_id=TASK, batch_articles=8, batch_chars=10_000)

    assert sorted(outcome.released) == sorted([own.pk, poison.pk, innocent.pk])
    assert set(Article.objects.values_list("status", flat=True)) == {ArticleStatus.PENDING}
    assert Claim.objects.count() == 0
    for article in (own, poison, innocent):  # each runs alone: batch-mates are not taken again
        services.articles_process(article_id=article.pk, task_id=f"again-{article.pk}", batch_articles=8,
                                  batch_chars=10_000)
    statuses = dict(Article.objects.values_list("pk", "status"))
    assert statuses == {own.pk: ArticleStatus.DONE, poison.pk: ArticleStatus.FAILED, innocent.pk: ArticleStatus.DONE}


def test_two_tasks_never_take_the_same_article():
    from verify.processing_batch import batch_take

    article = waiting(0)
    assert [item.pk for item in batch_take(article_ids=[article.pk], task_id="first")] == [article.pk]
    assert batch_take(article_ids=[article.pk], task_id="second") == []
    assert Article.objects.get(pk=article.pk).batch_task == "first"


def test_the_task_queues_matching_for_every_article_done_and_again_every_article_handed_back(monkeypatch, settings):
    settings.VERIFY_EXTRACTION_BATCH_ARTICLES = 8
    queued: list[tuple[str, int]] = []
    monkeypatch.setattr(lifecycle, "task_enqueue_on_commit", lambda name, *args, **kwargs: queued.append((name, *args)))
    own, other = waiting(0), waiting(1)
    lifecycle.article_process(article_id=own.pk, task_id=TASK)
    assert sorted(queued) == sorted([(TaskName.ARTICLE_MATCHES_FIND, own.pk), (TaskName.ARTICLE_MATCHES_FIND, other.pk)])

    queued.clear()
    again, next_one = waiting(2), waiting(3)

    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(verify.extraction, "extract_claims_batch", crash)
    lifecycle.article_process(article_id=again.pk, task_id=TASK)
    assert sorted(queued) == sorted([(TaskName.ARTICLE_PROCESS, again.pk), (TaskName.ARTICLE_PROCESS, next_one.pk)])


def test_an_articles_own_task_queues_no_second_search_for_earlier_checks_after_a_batch_extracted_it(
        monkeypatch, settings):
    settings.VERIFY_EXTRACTION_BATCH_ARTICLES = 8
    queued: list[tuple[str, int]] = []
    monkeypatch.setattr(lifecycle, "task_enqueue_on_commit", lambda name, *args, **kwargs: queued.append((name, *args)))
    own, taken = waiting(0), waiting(1)
    lifecycle.article_process(article_id=own.pk, task_id=TASK)
    assert (TaskName.ARTICLE_MATCHES_FIND, taken.pk) in queued

    queued.clear()
    assert lifecycle.article_process(article_id=taken.pk, task_id="its-own").status == ArticleStatus.DONE
    assert queued == []

    # Its own task delivered again after it ran alone (no batch took it): the search is queued again,
    # in case the first run's queueing was lost with its worker.
    alone = waiting(2)
    lifecycle.article_process(article_id=alone.pk, task_id="alone")
    queued.clear()
    lifecycle.article_process(article_id=alone.pk, task_id="alone")
    assert queued == [(TaskName.ARTICLE_MATCHES_FIND, alone.pk)]


def test_a_task_run_again_hands_back_and_queues_what_its_earlier_run_took_even_when_it_fails_again(monkeypatch):
    """A database error inside the batch: the taken articles could not be handed back then (the database
    was down), and their own tasks leave them to the live task. The task's retry hands them back and
    queues them first, so a second error in the retry's own extraction cannot strand them."""
    from django.db import OperationalError

    own, first, second = waiting(0), waiting(1), waiting(2)

    def database_down(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    def release_fails(*, article_ids, task_id):
        if article_ids:
            database_down()
        return []

    with monkeypatch.context() as patch:
        patch.setattr(verify.extraction, "extract_claims_batch", database_down)
        patch.setattr("verify.processing_batch.batch_release", release_fails)
        with pytest.raises(OperationalError):
            services.articles_process(article_id=own.pk, task_id=TASK, batch_articles=8, batch_chars=10_000)
    assert set(Article.objects.filter(pk__in=[first.pk, second.pk]).values_list("batch_task", flat=True)) == {TASK}
    assert services.articles_process(article_id=first.pk, task_id="its-own", batch_articles=8,
                                     batch_chars=10_000).article.status == ArticleStatus.PROCESSING

    queued: list[tuple[str, int]] = []
    monkeypatch.setattr(lifecycle, "task_enqueue_on_commit", lambda name, *args, **kwargs: queued.append((name, *args)))
    with monkeypatch.context() as patch:
        patch.setattr(verify.extraction, "extract_claims_batch", database_down)
        with pytest.raises(OperationalError):
            lifecycle.article_process(article_id=own.pk, task_id=TASK, after_transient_error=True)
    assert sorted(queued) == sorted([(TaskName.ARTICLE_PROCESS, first.pk), (TaskName.ARTICLE_PROCESS, second.pk)])
    assert set(Article.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {
        ArticleStatus.PENDING}

    queued.clear()
    assert lifecycle.article_process(article_id=own.pk, task_id=TASK, after_transient_error=True).status == \
        ArticleStatus.DONE
    assert queued == [(TaskName.ARTICLE_MATCHES_FIND, own.pk)]
