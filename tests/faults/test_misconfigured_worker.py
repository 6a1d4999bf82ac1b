"""A worker started with a spaCy model that is not installed refuses to start (exit status 1, the
reason in its log) instead of taking articles and failing them; the article waits, untouched, for a
sound worker."""
import time

import pytest

from tests.faults.conftest import wait_for, wait_process_gone
from verify import lifecycle
from verify.models import Article, ArticleStatus

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

MISSING_MODEL = "en_core_web_not_installed"


def test_a_worker_without_its_spacy_model_refuses_to_start_and_the_article_waits_for_a_sound_worker(
    fault_queue, workers
):
    article = lifecycle.article_submit(
        kind="text", text="The ministry said on Monday that 2,300 homes lost power in Kharkiv.", title="Sound").article

    broken = workers(queue=fault_queue, extra_env={"VERIFY_SPACY_MODEL": MISSING_MODEL}, wait_ready=False)
    wait_process_gone(broken.process, timeout=90)

    assert broken.process.returncode == 1, broken.log()
    assert "Refusing to start" in broken.log() and f"pip install {MISSING_MODEL.replace('_', '-')}" in broken.log()
    assert "ready." not in broken.log()
    untouched = Article.objects.get(pk=article.pk)
    assert (untouched.status, untouched.error, untouched.processing_attempts) == (ArticleStatus.PENDING, "", 0)

    started = time.monotonic()
    workers(queue=fault_queue)
    done = wait_for(lambda: Article.objects.filter(pk=article.pk, status=ArticleStatus.DONE).first(), timeout=120,
                    message="a sound worker to process the article")
    assert done.claims.exists()
    print(f"\n[recovery] article done {time.monotonic() - started:.1f} s after a sound worker was started")
