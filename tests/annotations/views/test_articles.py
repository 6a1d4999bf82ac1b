"""Article list and page: review progress, the claims, and the live status block."""
import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, ClaimFactory
from verify.audit.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    article = ArticleFactory(title="Port figures")
    for verdict in ("unreviewed", "unreviewed", "verified", "disputed", "not_a_claim"):
        ClaimFactory(article=article, verdict=verdict)
    return article


def test_the_article_page_shows_progress_as_reviewed_out_of_total(reviewer_client, article):
    response = reviewer_client.get(reverse("desk:article-detail", args=[article.pk]))
    assert response.status_code == 200
    assert (response.context["article"].reviewed_count, response.context["article"].claim_count) == (3, 5)
    assert response.context["progress_percent"] == 60
    assert b"3 / 5 reviewed" in response.content
    tally = {value: count for _, count, value in response.context["verdict_tally"]}
    assert tally == {"unreviewed": 2, "verified": 1, "unverified": 0, "disputed": 1, "not_a_claim": 1}


def test_the_article_page_lists_its_claims_linked_into_its_queue(reviewer_client, article):
    content = reviewer_client.get(reverse("desk:article-detail", args=[article.pk])).content.decode()
    for claim in article.claims.all():
        assert f'href="/claims/{claim.pk}/?article={article.pk}"' in content
    assert "Review this article" in content


def test_the_article_list_shows_each_articles_progress(reviewer_client, article):
    ArticleFactory(title="Empty one")
    response = reviewer_client.get(reverse("desk:article-list"))
    rows = {a.title: (a.reviewed_count, a.claim_count) for a in response.context["articles"]}
    assert rows == {"Port figures": (3, 5), "Empty one": (0, 0)}


def test_the_article_list_searches_and_filters_by_status(reviewer_client, article):
    ArticleFactory(title="Stuck", status="failed")
    assert [a.title for a in reviewer_client.get(reverse("desk:article-list"), {"q": "port"}).context["articles"]] == ["Port figures"]
    assert [a.title for a in reviewer_client.get(reverse("desk:article-list"), {"status": "failed"}).context["articles"]] == ["Stuck"]
    assert reviewer_client.get(reverse("desk:article-list"), {"status": "bogus"}).status_code == 200


@pytest.mark.parametrize("status", ["pending", "processing"])
def test_the_status_block_polls_while_processing(reviewer_client, status):
    article = ArticleFactory(status=status)
    content = reviewer_client.get(reverse("desk:article-detail", args=[article.pk])).content.decode()
    assert f'hx-get="/articles/{article.pk}/status/" hx-trigger="every 2s"' in content
    assert 'aria-live="polite"' in content


def test_the_status_block_stops_polling_and_shows_the_error_when_failed(reviewer_client):
    article = ArticleFactory(status="failed", error="ValueError: <b>boom</b>")
    content = reviewer_client.get(reverse("desk:article-status", args=[article.pk])).content.decode()
    assert "hx-trigger" not in content
    assert "ValueError: &lt;b&gt;boom&lt;/b&gt;" in content


def test_the_status_block_shows_why_extraction_was_skipped(reviewer_client):
    article = ArticleFactory(status="done", skipped_reason="Extraction skipped: the article is in 'de'.")
    content = reviewer_client.get(reverse("desk:article-detail", args=[article.pk])).content.decode()
    assert "Extraction skipped: the article is in &#x27;de&#x27;." in content


def test_a_poll_that_sees_processing_finish_reloads_the_page(reviewer_client):
    article = ArticleFactory(status="done")
    url = reverse("desk:article-status", args=[article.pk])
    assert reviewer_client.get(url, headers={"HX-Request": "true"})["HX-Refresh"] == "true"
    processing = ArticleFactory(status="processing")
    response = reviewer_client.get(reverse("desk:article-status", args=[processing.pk]), headers={"HX-Request": "true"})
    assert "HX-Refresh" not in response


def test_the_article_page_lists_set_aside_sentences_apart_with_their_reason_and_out_of_progress(reviewer_client):
    article = ArticleFactory()
    queued = ClaimFactory(article=article, text="The port handled 9 million tonnes in 2023.")
    aside = ClaimFactory(article=article, text="The figures are a stark reminder of the port's decline.",
                         set_aside="opinion", checkworthiness=0.3)

    response = reviewer_client.get(reverse("desk:article-detail", args=[article.pk]))

    assert [c.pk for c in response.context["claims"]] == [queued.pk]
    assert [c.pk for c in response.context["set_aside"]] == [aside.pk]
    assert response.context["article"].claim_count == 1
    content = response.content.decode()
    assert "Set aside by extraction" in content and "stark reminder" in content


def test_the_claim_page_says_why_extraction_set_a_claim_aside(reviewer_client):
    claim = ClaimFactory(set_aside="speculation", checkworthiness=0.3)

    content = reviewer_client.get(reverse("desk:claim-detail", args=[claim.pk])).content.decode()

    assert "Set aside by extraction" in content
    assert "Speculation: it guesses or predicts" in content


# --- editors correct the details ----------------------------------------------------------------

def _edit(pk):
    return reverse("desk:article-edit", args=[pk])


def test_editors_see_an_edit_link_and_reviewers_do_not(editor_client, reviewer_client):
    article = ArticleFactory()
    assert _edit(article.pk).encode() in editor_client.get(reverse("desk:article-detail", args=[article.pk])).content
    assert _edit(article.pk).encode() not in reviewer_client.get(reverse("desk:article-detail", args=[article.pk])).content


def test_the_edit_page_shows_the_current_details(editor_client):
    article = ArticleFactory(title="Bridges", publisher="The Meridian Ledger", author="Ana <b>Li</b>")
    response = editor_client.get(_edit(article.pk))
    assert response.status_code == 200
    assert b'value="The Meridian Ledger"' in response.content
    assert b"Ana &lt;b&gt;Li&lt;/b&gt;" in response.content


def test_an_editor_changes_the_details_and_one_audit_entry_lists_the_changes(editor_client, editor):
    article = ArticleFactory(title="Bridges", publisher="The Meridian Ledger")
    response = editor_client.post(_edit(article.pk), {
        "title": "Bridges", "publisher": "Kyiv Post", "author": "Ana Li", "published_at": "2024-05-06",
        "url": "https://example.org/bridges",
    })
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:article-detail", args=[article.pk])
    article.refresh_from_db()
    assert (article.publisher, article.author, article.url) == ("Kyiv Post", "Ana Li", "https://example.org/bridges")
    assert article.published_at.date().isoformat() == "2024-05-06"
    entry = AuditEntry.objects.get(action=AuditAction.ARTICLE_EDITED)
    assert entry.actor == editor
    assert set(entry.after) == {"publisher", "author", "published_at", "url"}


@pytest.mark.parametrize(("data", "message"), [
    ({"publisher": "p" * 201}, b"at most 200 characters"),
    ({"url": "ftp://example.org/x"}, b"Give an http:// or https:// address."),
    ({"published_at": "soon"}, b"Enter a valid date/time."),
])
def test_bad_values_are_a_400_form_error_and_nothing_changes(editor_client, data, message):
    article = ArticleFactory(publisher="The Meridian Ledger")
    response = editor_client.post(_edit(article.pk), {"title": article.title, "publisher": article.publisher, **data})
    assert response.status_code == 400
    assert message in response.content
    article.refresh_from_db()
    assert article.publisher == "The Meridian Ledger"
    assert not AuditEntry.objects.filter(action=AuditAction.ARTICLE_EDITED).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_reviewers_get_403_on_the_edit_page(reviewer_client, method):
    article = ArticleFactory(publisher="The Meridian Ledger")
    response = getattr(reviewer_client, method)(_edit(article.pk), {"publisher": "Other"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.publisher == "The Meridian Ledger"


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_article_is_a_404(editor_client, method):
    assert getattr(editor_client, method)(_edit(999_999), {"title": "x"}).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(_edit(ArticleFactory().pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
