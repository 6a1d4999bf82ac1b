"""Hostile and bad article input, through the API, the submit page and the worker's cleaning.

Every case answers a clear 4xx (or is stored and rendered safely), never a 500, and what was
stored before is unchanged afterwards.
"""
import pytest
from django.test import Client
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import ArticleFactory, ClaimFactory
from verify import lifecycle, services
from verify.models import Article, ArticleStatus

pytestmark = pytest.mark.django_db

TWENTY_MB = 20 * 1024 * 1024


@pytest.fixture
def stored():
    """Something already stored, to prove a refused submission loses nothing."""
    claim = ClaimFactory(text="Officials said 14 bridges were repaired.")
    return {"article": claim.article, "claim": claim,
            "snapshot": (claim.article.raw_content, claim.article.status, claim.text, claim.version)}


def unchanged(stored) -> bool:
    article, claim = stored["article"], stored["claim"]
    article.refresh_from_db()
    claim.refresh_from_db()
    return (article.raw_content, article.status, claim.text, claim.version) == stored["snapshot"]


@pytest.fixture
def browser(reviewer):
    client = Client()
    client.force_login(reviewer)
    return client


def post_article(api, **payload):
    return api.post("/api/articles/", payload, format="json")


@pytest.mark.parametrize("text, fragment", [
    ("", "empty"),
    ("   \n\t  \r\n ", "empty"),
    ("\x01\x02\x03\x04\x05\x06" * 200, "binary"),
    ("PNG\x00\x00\x00IHDR\x00\x01" * 50, "null characters"),
])
def test_empty_whitespace_and_binary_text_is_refused_with_a_reason(reviewer_api, stored, text, fragment):
    response = post_article(reviewer_api, text=text, title="Bad")
    assert response.status_code == 400, response.content
    assert fragment in response.content.decode().lower()
    assert Article.objects.count() == 1
    assert unchanged(stored)


def test_a_20_mb_article_is_refused_with_the_limit(reviewer_api, stored, settings):
    response = post_article(reviewer_api, text="word " * (TWENTY_MB // 5), title="Huge")
    assert response.status_code in (400, 413), response.status_code
    body = response.content.decode()
    # Either limit may answer first: the request body size or the article length; both say the number.
    assert "larger than" in body or f"{settings.VERIFY_MAX_ARTICLE_CHARS:,}" in body, body[:300]
    assert Article.objects.count() == 1
    assert unchanged(stored)


def test_a_20_mb_upload_is_refused_on_the_submit_page(browser, stored):
    upload = SimpleUploadedFile("huge.txt", b"word " * (TWENTY_MB // 5), content_type="text/plain")
    response = browser.post("/submit/", {"kind": "file", "file": upload, "title": ""})
    assert response.status_code == 400
    assert b"MB" in response.content or b"large" in response.content.lower()
    assert Article.objects.count() == 1
    assert unchanged(stored)


def test_a_20_mb_pasted_text_on_the_submit_page_is_a_4xx_not_a_500(browser, stored):
    response = browser.post("/submit/", {"kind": "text", "text": "word " * (TWENTY_MB // 5), "title": "Huge"})
    assert 400 <= response.status_code < 500
    assert Article.objects.count() == 1
    assert unchanged(stored)


def test_a_binary_upload_is_refused_on_the_submit_page(browser, stored):
    upload = SimpleUploadedFile("photo.txt", bytes(range(256)) * 64, content_type="text/plain")
    response = browser.post("/submit/", {"kind": "file", "file": upload, "title": ""})
    assert response.status_code == 400
    assert b"binary" in response.content.lower()
    assert unchanged(stored)


def test_non_utf8_bytes_are_decoded_or_refused_never_a_500(browser, stored):
    latin1 = "Le ministère a déclaré lundi que 14 ponts ont été détruits.".encode("latin-1")
    upload = SimpleUploadedFile("article.txt", latin1, content_type="text/plain")
    response = browser.post("/submit/", {"kind": "file", "file": upload, "title": ""})
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        article = Article.objects.exclude(pk=stored["article"].pk).get()
        assert "ministère" in article.raw_content
    assert unchanged(stored)


def test_non_utf8_bytes_in_a_json_body_are_a_400(reviewer_api, stored):
    response = reviewer_api.generic("POST", "/api/articles/", b'{"text": "caf\xe9 \xff\xfe"}',
                                    content_type="application/json")
    assert response.status_code == 400
    assert unchanged(stored)


def test_malformed_json_is_a_400(reviewer_api, stored):
    response = reviewer_api.generic("POST", "/api/articles/", b'{"text": ', content_type="application/json")
    assert response.status_code == 400
    assert unchanged(stored)


def test_an_over_long_title_is_refused_not_truncated_silently(reviewer_api, stored):
    response = post_article(reviewer_api, text="The ministry said 14 bridges were repaired.", title="T" * 501)
    assert response.status_code == 400
    assert "title" in response.json()
    assert unchanged(stored)


@pytest.mark.parametrize("field, limit", [("publisher", 200), ("author", 200), ("url", 2000)])
def test_over_long_source_fields_are_refused(reviewer_api, stored, field, limit):
    value = "https://example.org/" + "a" * limit if field == "url" else "x" * (limit + 1)
    response = post_article(reviewer_api, text="The ministry said 14 bridges were repaired.", **{field: value})
    assert response.status_code == 400
    assert field in response.json()


def test_deeply_nested_html_is_cleaned_without_recursion_errors():
    depth = 10_000
    html = "<html><body>" + "<div>" * depth + "<p>The ministry said 14 bridges were repaired.</p>" \
        + "</div>" * depth + "</body></html>"
    article = lifecycle.article_submit(kind="text", text=html, title="Nested").article
    processed = services.article_process(article_id=article.pk)
    assert processed.status == ArticleStatus.DONE, processed.error
    assert processed.cleaned_text == "The ministry said 14 bridges were repaired."


def test_unclosed_deeply_nested_html_is_cleaned_too():
    html = "<html><body>" + "<div><span><b>" * 5_000 + "Officials said 14 bridges were repaired."
    article = lifecycle.article_submit(kind="text", text=html, title="Unclosed").article
    processed = services.article_process(article_id=article.pk)
    assert processed.status == ArticleStatus.DONE, processed.error
    assert "14 bridges" in processed.cleaned_text


SCRIPT_LADEN = """<!doctype html><html><head><script>alert('head')</script>
<style>body{background:url(javascript:alert(1))}</style></head><body>
<script type="text/javascript">document.cookie</script>
<p onclick="alert('attr')">The ministry said on Monday that 14 bridges were repaired.</p>
<noscript><img src=x onerror=alert('noscript')></noscript>
<iframe src="javascript:alert('frame')"></iframe>
<svg><script>alert('svg')</script></svg>
<p>Officials reported that 2,300 homes lost power.<script>alert('inline')</script></p>
</body></html>"""


def test_script_laden_html_never_reaches_the_cleaned_text():
    article = lifecycle.article_submit(kind="text", text=SCRIPT_LADEN, title="Scripts").article
    processed = services.article_process(article_id=article.pk)
    assert processed.status == ArticleStatus.DONE, processed.error
    for marker in ("alert", "document.cookie", "javascript:", "onerror", "onclick", "<"):
        assert marker not in processed.cleaned_text
    assert "14 bridges were repaired" in processed.cleaned_text
    for claim in processed.claims.all():
        assert "alert" not in claim.text and "<" not in claim.text


def test_script_laden_html_is_rendered_escaped_on_the_article_page(browser):
    article = lifecycle.article_submit(kind="text", text=SCRIPT_LADEN, title="<script>alert('title')</script>").article
    services.article_process(article_id=article.pk)
    page = browser.get(f"/articles/{article.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(" in html


def test_html_submitted_as_a_file_is_cleaned_and_stored(browser):
    upload = SimpleUploadedFile("page.html", SCRIPT_LADEN.encode(), content_type="text/html")
    response = browser.post("/submit/", {"kind": "file", "file": upload, "title": ""})
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.content_type == Article.ContentType.HTML


def test_a_pending_article_with_hostile_content_keeps_its_raw_content_exactly():
    raw = "<p>Caf\u00e9 \U0001F600 \u202e reversed \u200b zero-width</p>"
    article = ArticleFactory(raw_content=raw, content_type=Article.ContentType.HTML, status=ArticleStatus.PENDING)
    services.article_process(article_id=article.pk)
    article.refresh_from_db()
    assert article.raw_content == raw


def test_an_article_just_over_the_character_limit_is_refused_with_the_limit(reviewer_api, stored, settings):
    settings.VERIFY_MAX_ARTICLE_CHARS = 100_000
    response = post_article(reviewer_api, text="word " * 20_001, title="Long")
    assert response.status_code == 400
    assert "100,000" in response.json()["detail"]
    assert unchanged(stored)
