"""URL submission through POST /api/articles/, and the outcome (language, skipped reason, duplicate,
fetch error) visible through the API and on the article page."""
import pytest

from tests.verify.ingestion.conftest import (
    ARTICLE_HTML,
    CITY_TIMES_BODY,
    CITY_TIMES_CHROME,
    CITY_TIMES_HTML,
    GERMAN_HTML,
)
from verify.models import Article, ArticleStatus

# The API's commit hands the URL to the (eager) workers, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)
LIST = "/api/articles/"


@pytest.fixture(autouse=True)
def _limits(fetch_settings, connections):
    return fetch_settings


def test_posting_a_url_without_text_fetches_the_page(site, reviewer_api, reviewer):
    url = site.add("/story", ARTICLE_HTML)

    response = reviewer_api.post(LIST, {"url": url}, format="json")

    assert response.status_code == 201, response.content
    article = Article.objects.get(pk=response.data["id"])
    assert article.source_kind == Article.SourceKind.URL and article.submitted_by == reviewer
    assert article.status == ArticleStatus.DONE and article.title == "Bridge repairs finished early"
    detail = reviewer_api.get(f"{LIST}{article.pk}/").data
    assert detail["status"] == "done" and detail["claims"]


def test_posting_the_same_url_again_answers_200_with_the_same_article(site, reviewer_api):
    url = site.add("/story", ARTICLE_HTML)
    first = reviewer_api.post(LIST, {"url": url}, format="json")

    again = reviewer_api.post(LIST, {"url": url}, format="json")

    assert again.status_code == 200 and again.data["id"] == first.data["id"] and again.data["duplicate"] is True


def test_text_with_a_url_is_stored_as_given_and_not_fetched(site, reviewer_api):
    url = site.add("/story", ARTICLE_HTML)

    response = reviewer_api.post(LIST, {"url": url, "text": "The mayor said 3 parks opened in 2024."}, format="json")

    assert response.status_code == 201
    assert site.requests == []
    assert Article.objects.get().raw_content == "The mayor said 3 parks opened in 2024."


def test_pasted_html_is_read_like_a_fetched_page_its_chrome_never_a_claim(reviewer_api, site):
    response = reviewer_api.post(LIST, {"text": CITY_TIMES_HTML, "publisher": "City Times Online"}, format="json")

    assert response.status_code == 201, response.content
    article = Article.objects.get(pk=response.data["id"])
    assert article.raw_content == CITY_TIMES_HTML and site.requests == []
    assert (article.title, article.author) == ("Harbour tunnel opens two months early", "Maria Keller")
    assert article.publisher == "City Times Online"  # the submitter's value wins
    assert article.canonical_url == "https://citytimes.example.com/2026/02/harbour-tunnel"
    assert article.published_at.date().isoformat() == "2026-02-11"
    assert article.status == ArticleStatus.DONE and article.language == "en"
    assert article.cleaned_text.endswith("\n\n".join(CITY_TIMES_BODY))
    claims = list(article.claims.values_list("sentence", flat=True))
    assert claims and all(any(claim in line for line in CITY_TIMES_BODY) for claim in claims)
    assert [chrome for chrome in CITY_TIMES_CHROME for claim in claims if chrome in claim] == []


@pytest.mark.parametrize("url, message", [
    ("http://169.254.169.254/latest/meta-data/", "metadata"),
    ("http://127.0.0.5:8000/admin", "loopback"),
    ("http://[fd00::1]/", "private"),
])
def test_an_internal_url_gets_a_400_and_nothing_is_stored(reviewer_api, url, message, connections):
    response = reviewer_api.post(LIST, {"url": url}, format="json")

    assert response.status_code == 400 and message in response.json()["detail"]
    assert not Article.objects.exists() and connections == []


def test_neither_text_nor_url_is_a_400_naming_the_field(reviewer_api):
    response = reviewer_api.post(LIST, {"title": "only a title"}, format="json")

    assert response.status_code == 400 and "text" in response.json()


def test_a_page_that_redirects_inward_shows_the_fetch_error_in_the_api(site, reviewer_api):
    url = site.redirect("/r", "http://10.0.0.1/")

    created = reviewer_api.post(LIST, {"url": url}, format="json")

    shown = reviewer_api.get(f"{LIST}{created.data['id']}/").data
    assert shown["status"] == "failed"
    assert "Refused to fetch 10.0.0.1" in shown["error"] and "private" in shown["error"]


def test_a_german_page_is_flagged_and_its_skip_reason_shown_in_the_api_and_on_the_page(site, reviewer_api, client,
                                                                                     reviewer):
    created = reviewer_api.post(LIST, {"url": site.add("/de", GERMAN_HTML)}, format="json")

    shown = reviewer_api.get(f"{LIST}{created.data['id']}/").data
    assert shown["status"] == "done" and shown["language"] == "de" and shown["claims"] == []
    assert "in German (de)" in shown["skipped_reason"]
    client.force_login(reviewer)
    page = client.get(f"/articles/{created.data['id']}/").content.decode()
    assert "Extraction skipped: the article is in German (de)" in page and "Language: German (de)" in page
