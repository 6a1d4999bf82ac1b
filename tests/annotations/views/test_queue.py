"""The queue page: filters, search, sort, counts per verdict, and the filters carried to the claims."""
import re

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db
QUEUE = reverse("desk:claim-list")


def _claim_ids(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/claims/(\d+)/[^"]*" data-row-link', response.content.decode())]


@pytest.fixture
def desk(reviewer):
    ledger = ArticleFactory(publisher="The Meridian Ledger")
    gazette = ArticleFactory(publisher="Harbour Gazette")
    return {
        "high": ClaimFactory(article=ledger, checkworthiness=0.95, text="Exports rose by 40% in March."),
        "low": ClaimFactory(article=ledger, checkworthiness=0.20, text="The mayor opened 3 schools."),
        "mine": ClaimFactory(article=gazette, checkworthiness=0.60, assigned_to=reviewer, text="Rents doubled since 2019."),
        "verified": ClaimFactory(article=gazette, checkworthiness=0.70, verdict="verified", text="The bridge cost $2m."),
        "disputed": ClaimFactory(article=gazette, checkworthiness=0.50, verdict="disputed", text="Crime fell 12%."),
    }


def test_the_queue_opens_on_unreviewed_claims_most_check_worthy_first(reviewer_client, desk):
    ids = _claim_ids(reviewer_client.get(QUEUE))
    assert ids == [desk["high"].pk, desk["mine"].pk, desk["low"].pk]


def test_counts_per_verdict_are_shown_on_the_tabs(reviewer_client, desk):
    tabs = reviewer_client.get(QUEUE).context["tabs"]
    counts = {tab["value"]: tab["count"] for tab in tabs}
    assert counts == {"unreviewed": 3, "verified": 1, "unverified": 0, "disputed": 1, "not_a_claim": 0, "all": 5}


def test_counts_follow_the_other_filters(reviewer_client, desk):
    tabs = reviewer_client.get(QUEUE, {"publisher": "Harbour Gazette"}).context["tabs"]
    counts = {tab["value"]: tab["count"] for tab in tabs}
    assert counts["unreviewed"] == 1 and counts["verified"] == 1 and counts["all"] == 3


@pytest.mark.parametrize(("params", "expected"), [
    ({"verdict": "all"}, ["high", "verified", "mine", "disputed", "low"]),
    ({"verdict": "disputed"}, ["disputed"]),
    ({"publisher": "the meridian ledger"}, ["high", "low"]),
    ({"mine": "on"}, ["mine"]),
    ({"score_min": "0.5", "score_max": "0.9", "verdict": "all"}, ["verified", "mine", "disputed"]),
    ({"q": "schools"}, ["low"]),
    ({"order": "checkworthiness"}, ["low", "mine", "high"]),
])
def test_filters_narrow_the_queue(reviewer_client, desk, params, expected):
    assert _claim_ids(reviewer_client.get(QUEUE, params)) == [desk[name].pk for name in expected]


def test_the_article_filter_shows_that_articles_claims(reviewer_client, desk):
    ids = _claim_ids(reviewer_client.get(QUEUE, {"article": desk["mine"].article_id}))
    assert ids == [desk["mine"].pk]


def test_the_sources_filter_splits_claims_with_and_without_sources(reviewer_client, desk):
    SourceFactory(claim=desk["low"])
    assert _claim_ids(reviewer_client.get(QUEUE, {"sources": "yes"})) == [desk["low"].pk]
    assert _claim_ids(reviewer_client.get(QUEUE, {"sources": "no"})) == [desk["high"].pk, desk["mine"].pk]


def test_invalid_filter_values_are_reported_and_ignored_not_a_500(reviewer_client, desk):
    response = reviewer_client.get(QUEUE, {"score_min": "lots", "verdict": "bogus", "order": "drop table",
                                           "article": "-3"})
    assert response.status_code == 200
    assert set(response.context["filters"].errors) == {"score_min", "verdict", "order", "article"}
    assert len(_claim_ids(response)) == 5  # an invalid verdict means no verdict filter


def test_a_reversed_score_range_is_an_error(reviewer_client, desk):
    response = reviewer_client.get(QUEUE, {"score_min": "0.9", "score_max": "0.1"})
    assert response.status_code == 200
    assert "score_max" in response.context["filters"].errors


def test_claim_links_carry_the_queue_filters(reviewer_client, desk):
    content = reviewer_client.get(QUEUE, {"publisher": "Harbour Gazette", "order": "checkworthiness"}).content.decode()
    assert f'href="/claims/{desk["mine"].pk}/?publisher=Harbour+Gazette&amp;order=checkworthiness"' in content


def test_an_empty_queue_says_so(reviewer_client):
    response = reviewer_client.get(QUEUE)
    assert response.status_code == 200
    assert b"No claims here" in response.content


def test_the_queue_pages_fifty_claims_at_a_time(reviewer_client):
    ClaimFactory.create_batch(55)
    assert len(_claim_ids(reviewer_client.get(QUEUE))) == 50
    assert len(_claim_ids(reviewer_client.get(QUEUE, {"page": "2"}))) == 5
    assert len(_claim_ids(reviewer_client.get(QUEUE, {"page": "nonsense"}))) == 50


def test_the_verdict_filter_shows_the_default_it_applies(reviewer_client, desk):
    content = reviewer_client.get(QUEUE).content.decode()
    assert '<option value="unreviewed" selected>' in content
    content = reviewer_client.get(QUEUE, {"verdict": "all"}).content.decode()
    assert '<option value="all" selected>' in content


def test_claims_extracted_after_the_counts_were_cached_are_listed_at_once(reviewer_client):
    """The per-verdict counts are cached for a few seconds; the rows never are."""
    assert reviewer_client.get("/claims/").context["page"].paginator.count == 0  # now cached: no claims
    claim = ClaimFactory(checkworthiness=0.9)
    response = reviewer_client.get("/claims/")
    assert response.context["page"].paginator.count == 0  # still the cached count
    assert [c.pk for c in response.context["claims"]] == [claim.pk]


def test_the_article_filter_offers_articles_with_claims_by_cut_title_and_marks_the_chosen_one(reviewer_client):
    long = ArticleFactory(title="A" * 80)
    untitled = ArticleFactory(title="")
    ClaimFactory(article=long)
    ClaimFactory(article=untitled)
    marked = ArticleFactory(title='<b>"Bold"</b>')
    ClaimFactory(article=marked)
    ArticleFactory(title="Nothing extracted")  # no claims: not offered
    content = reviewer_client.get(QUEUE, {"article": long.pk}).content.decode()
    assert f'<option value="{marked.pk}">#{marked.pk} &lt;b&gt;&quot;Bold&quot;&lt;/b&gt;</option>' in content
    assert f'<option value="{long.pk}" selected>#{long.pk} {"A" * 59}…</option>' in content
    assert f'<option value="{untitled.pk}">#{untitled.pk} (untitled)</option>' in content
    assert "Nothing extracted" not in content
