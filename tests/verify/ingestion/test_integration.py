"""A URL fetched by a real Celery worker (Redis broker, PostgreSQL), from the local test server."""
import pytest

from tests.verify.ingestion.conftest import article_html_on
from tests.integration.stack import WorkerProcess, wait_for
from verify.ingestion.models import FetchedPage
from verify.lifecycle import article_submit
from verify.models import Article, ArticleStatus

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
FINISHED = (ArticleStatus.DONE, ArticleStatus.FAILED)


@pytest.fixture
def fetch_worker(celery_live, settings):
    """A worker on the session queue plus a fetch queue of its own, allowed to reach 127.0.0.1 only.

    The fetch queue keeps these fetches away from any other test worker (which has no allow-list)."""
    fetch_queue = f"{celery_live}-fetch"
    settings.VERIFY_FETCH_QUEUE = fetch_queue
    settings.VERIFY_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]  # the submission-time check, in this process
    worker = WorkerProcess(queue=f"{celery_live},{fetch_queue}", extra_env={
        "CELERY_QUEUE": celery_live,  # its default queue; -Q listens on both
        "VERIFY_FETCH_QUEUE": fetch_queue,
        "VERIFY_FETCH_ALLOWED_NETWORKS": "127.0.0.1/32",
        "VERIFY_FETCH_READ_TIMEOUT": "2",
        "VERIFY_FETCH_TOTAL_TIMEOUT": "10",
    })
    yield worker
    worker.stop()


def _finished(article_id: int):
    return Article.objects.filter(pk=article_id, status__in=FINISHED).first()


def test_a_real_worker_fetches_extracts_and_processes_a_url(site, fetch_worker):
    url = site.add("/story", article_html_on(site))

    placeholder = article_submit(kind="url", url=url).article

    article = wait_for(lambda: _finished(placeholder.pk), timeout=120, message="the fetched article")
    assert article.status == ArticleStatus.DONE, f"{article.error}\n{fetch_worker.log()}"
    assert article.title == "Bridge repairs finished early"
    assert article.canonical_url == site.url("/2024/03/bridges")
    assert article.claims.count() > 0
    assert "<nav>" in FetchedPage.objects.get(article=article).html


def test_a_real_worker_refuses_a_redirect_to_the_metadata_address(site, fetch_worker):
    url = site.redirect("/r", "http://169.254.169.254/latest/meta-data/")

    placeholder = article_submit(kind="url", url=url).article

    article = wait_for(lambda: _finished(placeholder.pk), timeout=60, message="the refused article")
    assert article.status == ArticleStatus.FAILED
    assert "Refused to fetch 169.254.169.254" in article.error
    assert site.requests == ["/r"]
