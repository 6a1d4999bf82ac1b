"""The submit page: pasted text, an uploaded file or a URL becomes an article; bad input is a clear 400."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import verify.lifecycle
from verify.models import Article

pytestmark = pytest.mark.django_db
SUBMIT = reverse("desk:article-submit")
TEXT = "The ministry said on Monday that 4,000 homes were rebuilt in 2024."


def test_pasted_text_becomes_an_article_and_the_page_shows_it(reviewer_client, reviewer):
    response = reviewer_client.post(SUBMIT, {"title": "Homes", "text": TEXT})
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:article-detail", args=[article.pk])
    assert (article.title, article.raw_content, article.submitted_by) == ("Homes", TEXT, reviewer)


def test_an_uploaded_html_file_is_stored_as_html_with_its_file_name(reviewer_client):
    upload = SimpleUploadedFile("port-report.html", b"<html><body><p>" + TEXT.encode() + b"</p></body></html>")
    response = reviewer_client.post(SUBMIT, {"file": upload})
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.content_type, article.source_kind, article.original_filename) == ("html", "file", "port-report.html")
    assert b"port-report.html" in reviewer_client.get(response["Location"]).content  # shown while it has no title


def test_an_uploaded_text_file_in_windows_1252_is_decoded(reviewer_client):
    upload = SimpleUploadedFile("note.txt", "Caf\u00e9 owners said 12 shops closed.".encode("cp1252"))
    reviewer_client.post(SUBMIT, {"file": upload})
    assert Article.objects.get().raw_content == "Caf\u00e9 owners said 12 shops closed."


@pytest.mark.parametrize(("data", "message"), [
    ({}, b"Paste the article, choose a file, or give a URL."),
    ({"text": "   "}, b"Paste the article, choose a file, or give a URL."),
    # PDFs are accepted now; a damaged one is refused by content.
    ({"file": SimpleUploadedFile("report.pdf", b"%PDF-1.4")}, b"The PDF could not be read"),
    ({"file": SimpleUploadedFile("tool.exe", b"MZ\x90\x00")}, b"This kind of file cannot be read; upload one of: .txt, .md, .html, .pdf, .docx."),
    ({"file": SimpleUploadedFile("binary.txt", b"\x00\x01\x02abc")}, b"The file looks binary"),
    ({"text": TEXT, "file": SimpleUploadedFile("a.txt", b"other")}, b"not several"),
])
def test_bad_submissions_are_refused_with_a_clear_message(reviewer_client, data, message):
    response = reviewer_client.post(SUBMIT, data)
    assert response.status_code == 400
    assert message in response.content
    assert not Article.objects.exists()


def test_a_file_over_the_upload_limit_is_refused(reviewer_client, settings):
    settings.VERIFY_MAX_UPLOAD_BYTES = 100
    response = reviewer_client.post(SUBMIT, {"file": SimpleUploadedFile("big.txt", b"a" * 101)})
    assert response.status_code == 400
    assert b"the limit is 100" in response.content


def test_the_same_text_twice_leads_to_the_existing_article(reviewer_client):
    reviewer_client.post(SUBMIT, {"text": TEXT})
    response = reviewer_client.post(SUBMIT, {"text": TEXT}, follow=True)
    assert Article.objects.count() == 1
    assert b"submitted before" in response.content


@pytest.mark.django_db(transaction=True)  # the hand-off to the queue happens at commit
def test_when_the_queue_is_down_the_reviewer_is_told_it_stays_pending(reviewer_client, monkeypatch):
    monkeypatch.setattr(verify.lifecycle, "article_advance", lambda *, article_id: False)
    response = reviewer_client.post(SUBMIT, {"text": TEXT})
    page = reviewer_client.get(response["Location"])
    assert b"saved as pending" in page.content
    assert Article.objects.get().status == "pending"


def test_a_url_is_stored_as_a_url_article_for_a_worker_to_fetch(reviewer_client, reviewer):
    assert b'name="url"' in reviewer_client.get(SUBMIT).content
    response = reviewer_client.post(SUBMIT, {"url": "https://example.org/story"})
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.source_kind, article.url, article.submitted_by) == ("url", "https://example.org/story", reviewer)
    assert article.status == "pending" and article.raw_content == ""


def test_an_internal_url_is_refused_on_the_page(reviewer_client):
    response = reviewer_client.post(SUBMIT, {"url": "http://169.254.169.254/latest/meta-data/"})
    assert response.status_code == 400
    assert b"metadata address" in response.content
    assert not Article.objects.exists()




# --- the article's details ----------------------------------------------------------------------

def test_pasted_text_with_its_details_stores_them(reviewer_client):
    response = reviewer_client.post(SUBMIT, {
        "title": "Homes", "text": TEXT, "publisher": "Kyiv Post", "author": "Ana Li",
        "published_at": "2024-05-06T09:30", "original_url": "https://example.org/homes",
    })
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.publisher, article.author, article.url, article.source_kind) == (
        "Kyiv Post", "Ana Li", "https://example.org/homes", "text")
    assert article.published_at.date().isoformat() == "2024-05-06"


def test_a_date_without_a_time_is_accepted(reviewer_client):
    reviewer_client.post(SUBMIT, {"text": TEXT, "published_at": "2024-05-06"})
    assert Article.objects.get().published_at is not None


def test_the_submitters_details_win_over_the_pages_own(reviewer_client):
    page = ('<html><head><title>Page title</title><meta name="author" content="Page Author"></head>'
            "<body><article><p>" + TEXT + "</p></article></body></html>")
    reviewer_client.post(SUBMIT, {"text": page, "author": "Ana Li", "publisher": "Kyiv Post"})
    article = Article.objects.get()
    assert (article.author, article.publisher) == ("Ana Li", "Kyiv Post")


@pytest.mark.parametrize(("data", "message"), [
    ({"publisher": "p" * 201}, b"Ensure this value has at most 200 characters"),
    ({"author": "a" * 201}, b"Ensure this value has at most 200 characters"),
    ({"original_url": "ftp://example.org/homes"}, b"Give an http:// or https:// address."),
    ({"original_url": "https://example.org/" + "x" * 2000}, b"at most 2000 characters"),
    ({"published_at": "last Tuesday"}, b"Enter a valid date/time."),
])
def test_bad_details_are_a_400_form_error_and_nothing_is_stored(reviewer_client, data, message):
    response = reviewer_client.post(SUBMIT, {"text": TEXT, **data})
    assert response.status_code == 400
    assert message in response.content
    assert not Article.objects.exists()


def test_details_with_a_url_to_fetch_are_refused_since_the_page_gives_its_own(reviewer_client):
    response = reviewer_client.post(SUBMIT, {"url": "https://example.org/story", "publisher": "Kyiv Post"})
    assert response.status_code == 400
    assert b"A fetched page gives its own publisher" in response.content
    assert not Article.objects.exists()
