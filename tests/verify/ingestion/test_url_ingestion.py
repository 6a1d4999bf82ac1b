"""URL ingestion end to end (eager tasks): submit, fetch in the task, extract, dedupe, process."""
from datetime import datetime, timezone
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from tests.factories import ArticleFactory
from tests.verify.ingestion.conftest import ARTICLE_CANONICAL, ARTICLE_HTML, GERMAN_HTML, article_html_on, slow_writer
from verify.ingestion.models import FetchedPage
from verify.models import Article, ArticleStatus
from verify.serializers import ArticleSerializer
from verify import lifecycle
from workers.ingest_tasks import article_fetch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(fetch_settings, connections):
    return fetch_settings


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    """Submit a URL and run what the commit hands to the (eager) workers: fetch, then processing."""
    def submit(url, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = lifecycle.article_submit(kind="url", url=url, **kwargs)
        result.article.refresh_from_db()
        return result
    return submit


def test_a_url_is_fetched_its_main_text_and_metadata_stored_and_claims_extracted(site, ingest, editor):
    url = site.add("/2024/03/bridges?from=home", article_html_on(site))

    result = ingest(url, submitted_by=editor)

    article = result.article
    assert result.created is True
    assert article.status == ArticleStatus.DONE, article.error
    assert article.source_kind == Article.SourceKind.URL
    assert article.url == url
    assert article.canonical_url == site.url("/2024/03/bridges")
    assert article.title == "Bridge repairs finished early"
    assert article.author == "Jane Example"
    assert article.publisher == "The Meridian Ledger"
    assert article.published_at == datetime(2024, 3, 5, tzinfo=timezone.utc)
    assert article.submitted_by == editor
    assert "14 bridges were repaired in 2023" in article.raw_content
    assert "All rights reserved" not in article.raw_content  # boilerplate dropped
    assert article.language == "en"
    assert article.claims.exists()
    page = FetchedPage.objects.get(article=article)
    assert "<nav>" in page.html and page.status_code == 200 and page.mime_type == "text/html"


def test_the_same_url_submitted_again_returns_the_stored_article(site, ingest):
    url = site.add("/a", ARTICLE_HTML)
    first = ingest(url)

    again = ingest(url)

    assert again.created is False and again.article.pk == first.article.pk
    assert site.requests == ["/a"]  # not fetched a second time


def test_its_canonical_url_submitted_later_returns_the_stored_article(site, ingest):
    first = ingest(site.add("/a", article_html_on(site)))

    again = lifecycle.article_submit(kind="url", url=site.url("/2024/03/bridges"))

    assert again.created is False and again.article.pk == first.article.pk


def test_another_url_with_the_same_canonical_url_becomes_a_visible_duplicate(site, ingest):
    first = ingest(site.add("/a", article_html_on(site))).article
    second_url = site.add("/a?utm_source=mail", article_html_on(site))

    second = ingest(second_url).article

    assert second.pk != first.pk
    assert second.status == ArticleStatus.DONE
    assert second.skipped_reason.startswith(f"Duplicate of article {first.pk} (the same canonical URL)")
    assert second.claims.count() == 0
    assert FetchedPage.objects.get(article=second).duplicate_of == first
    # From now on that URL leads to the original.
    assert lifecycle.article_submit(kind="url", url=second_url).article.pk == first.pk


def test_a_page_with_the_same_text_under_another_canonical_url_is_a_duplicate(site, ingest):
    first = ingest(site.add("/a", ARTICLE_HTML)).article
    mirror = ARTICLE_HTML.replace("https://news.example.org/2024/03/bridges", "https://mirror.example.net/bridges")

    second = ingest(site.add("/mirror", mirror)).article

    assert "Duplicate of article" in second.skipped_reason and "the same text" in second.skipped_reason
    assert FetchedPage.objects.get(article=second).duplicate_of == first


def test_a_canonical_url_on_another_site_is_ignored_and_the_fetched_url_kept(site, ingest):
    # The page lives on 127.0.0.1 and names news.example.org as its canonical address.
    url = site.add("/copied-story", ARTICLE_HTML)

    article = ingest(url).article

    assert article.status == ArticleStatus.DONE, article.error
    assert article.canonical_url == url
    assert FetchedPage.objects.get(article=article).metadata["canonical_url"] == ARTICLE_CANONICAL


def test_a_page_claiming_another_sites_url_does_not_capture_that_url(site, ingest):
    impostor = ingest(site.add("/copied-story", ARTICLE_HTML)).article

    # The other site's URL is a new submission of its own, not "submitted before".
    other = lifecycle.article_submit(kind="url", url=ARTICLE_CANONICAL)

    assert other.created is True and other.article.pk != impostor.pk


def test_a_pasted_article_with_the_same_text_is_found_as_the_original(site, ingest):
    ingest_text = ArticleFactory(raw_content="Just a pasted article about 14 bridges that were repaired in 2023.")
    site.add("/plain", ingest_text.raw_content, content_type="text/plain; charset=utf-8")

    fetched = ingest(site.url("/plain")).article

    assert f"Duplicate of article {ingest_text.pk}" in fetched.skipped_reason


def test_a_plain_text_url_is_stored_as_text(site, ingest):
    url = site.add("/notes.txt", "The council said 14 bridges were repaired in 2023.\n",
                   content_type="text/plain; charset=utf-8")

    article = ingest(url).article

    assert article.status == ArticleStatus.DONE, article.error
    assert article.content_type == Article.ContentType.TEXT
    assert article.raw_content == "The council said 14 bridges were repaired in 2023."


def test_a_redirect_to_the_metadata_address_fails_the_article_with_a_readable_reason(site, ingest, connections):
    url = site.redirect("/r", "http://169.254.169.254/latest/meta-data/")

    article = ingest(url).article

    assert article.status == ArticleStatus.FAILED
    assert "Refused to fetch 169.254.169.254" in article.error and "metadata" in article.error
    assert article.claims.count() == 0
    assert connections == [("127.0.0.1", site.port)]


def test_an_image_url_fails_with_the_content_type_named(site, ingest):
    url = site.add("/photo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")

    article = ingest(url).article

    assert article.status == ArticleStatus.FAILED
    assert "serves image/png" in article.error


def test_a_stalling_server_is_retried_then_the_article_fails_with_the_timeout(site, ingest):
    url = site.add("/slow", writer=slow_writer(1.5), headers={"Connection": "close"})

    article = ingest(url).article

    assert article.status == ArticleStatus.FAILED
    assert "read timeout" in article.error
    assert len(site.requests) == article_fetch.max_retries + 1  # the first try and every retry


def test_a_failed_url_submitted_again_is_fetched_again_on_the_same_article(site, ingest):
    url = site.add("/flaky", b"gone", status=404, content_type="text/plain")
    failed = ingest(url).article
    assert failed.status == ArticleStatus.FAILED and "404" in failed.error
    site.add("/flaky", ARTICLE_HTML)

    again = ingest(url)

    assert again.created is False and again.article.pk == failed.pk
    assert again.article.status == ArticleStatus.DONE and again.article.error == ""


@pytest.mark.parametrize("url, message", [
    ("http://10.0.0.1/admin", "private"),
    ("http://[::1]:8000/", "loopback"),
    ("http://169.254.169.254/latest", "metadata"),
    ("ftp://example.org/x", "Only http"),
    ("not a url", "Only http"),
])
def test_bad_or_internal_urls_are_refused_at_submission_and_nothing_is_stored(url, message, connections):
    with pytest.raises(ValidationError, match=message):
        lifecycle.article_submit(kind="url", url=url)
    assert Article.objects.count() == 0
    assert connections == []


def test_a_non_english_page_is_stored_flagged_and_skipped_with_a_visible_reason(site, ingest):
    article = ingest(site.add("/de", GERMAN_HTML)).article

    assert article.status == ArticleStatus.DONE
    assert article.language == "de"
    assert "Brücken" in article.raw_content
    assert article.claims.count() == 0
    assert "in German (de)" in article.skipped_reason and "English only" in article.skipped_reason
    shown = ArticleSerializer(article).data
    assert shown["language"] == "de" and shown["skipped_reason"] == article.skipped_reason


def test_a_lost_fetch_is_redone_when_the_sweeper_re_enqueues_the_placeholder(site, django_capture_on_commit_callbacks,
                                                                           monkeypatch):
    url = site.add("/a", ARTICLE_HTML)
    monkeypatch.setattr(lifecycle, "task_enqueue", lambda *args, **kwargs: True)  # the message is lost
    placeholder = lifecycle.article_submit(kind="url", url=url).article
    monkeypatch.undo()
    assert placeholder.status == ArticleStatus.PENDING and placeholder.raw_content == ""

    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.article_advance(article_id=placeholder.pk)  # what the sweeper and article_reprocess call

    placeholder.refresh_from_db()
    assert placeholder.status == ArticleStatus.DONE and "14 bridges" in placeholder.raw_content


def test_the_fetch_task_is_idempotent(site, ingest):
    from workers.ingest_tasks import article_fetch

    article = ingest(site.add("/a", ARTICLE_HTML)).article

    outcome = article_fetch.apply(args=[article.pk]).get()

    assert outcome == {"article": article.pk, "status": ArticleStatus.DONE}
    assert site.requests == ["/a"]


@pytest.mark.django_db(transaction=True)  # the command's commit hands the URL to the workers
def test_the_ingest_command_fetches_a_url(site):
    url = site.add("/a", ARTICLE_HTML)
    out = StringIO()

    call_command("ingest", url, stdout=out)

    article = Article.objects.get(url=url)
    assert f"Stored article {article.pk} (done)" in out.getvalue()
    assert article.claims.count() > 0


@pytest.mark.django_db(transaction=True)  # the command's commit hands the URL to the workers
def test_the_ingest_command_reports_a_refused_url_as_an_error(site):
    url = site.redirect("/r", "http://10.0.0.1/")

    with pytest.raises(CommandError, match="Refused to fetch 10.0.0.1"):
        call_command("ingest", url, stdout=StringIO())


def test_the_ingest_command_refuses_an_internal_url_before_storing_anything():
    with pytest.raises(CommandError, match="loopback"):
        call_command("ingest", "http://127.0.0.9/", stdout=StringIO())
    assert Article.objects.count() == 0


def test_the_ingest_command_reads_a_pdf_file(tmp_path):
    from tests.verify.ingestion.test_files import make_pdf

    path = tmp_path / "bridges.pdf"
    path.write_bytes(make_pdf(["The council said 14 bridges were repaired in 2023."]))
    out = StringIO()

    call_command("ingest", str(path), stdout=out)

    article = Article.objects.get()
    assert "14 bridges were repaired" in article.raw_content
    assert f"Stored article {article.pk}" in out.getvalue()


def test_a_fetched_page_holding_nul_characters_is_stored_without_them_and_processed(site, ingest):
    page = ARTICLE_HTML.replace("14 bridges", "14\x00 bridges").encode("utf-8") + b"\x00"
    url = site.add("/nul", page)

    article = ingest(url).article

    assert article.status == ArticleStatus.DONE, article.error
    assert "14 bridges were repaired in 2023" in article.raw_content and "\x00" not in article.raw_content
    assert "\x00" not in FetchedPage.objects.get(article=article).html
