"""A match with another fact-checker's work: shown as "checked by <publisher>: <rating>" apart from
the desk's verdicts, and its rating cannot be applied (panel, page action, API)."""
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from annotations.factchecks.models import ImportSource
from annotations.factchecks.services import fact_checks_import
from annotations.matching import services as matching_services
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
REWORDED = "11,000 North Korean troops are stationed in the region, officials say."


@pytest.fixture
def match():
    fact_checks_import(content=(FIXTURES / "single.json").read_bytes(), source=ImportSource.UPLOAD)
    new = ClaimFactory(article=ArticleFactory(), text=REWORDED)
    [found] = matching_services.claim_matches_find(claim_id=new.pk)
    return found


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_claim_panel_shows_checked_by_the_publisher_without_an_apply_button(reviewer, match):
    html = client_for(reviewer).get(reverse("matching:claim-matches", args=[match.claim_id])).content.decode()
    assert "Checked by Harbour Fact Check: Mostly false" in html
    assert 'href="https://harbourcheck.example.net/checks/north-korean-troops"' in html
    assert "data-external-fact-check" in html and "not this desk's verdict" in html
    assert "Apply this verdict" not in html
    assert "verdict-" not in html.split("data-external-fact-check", 1)[1].split("</div>", 1)[0]


def test_applying_it_by_form_is_refused_with_a_message(reviewer, match):
    response = client_for(reviewer).post(reverse("matching:match-action", args=[match.pk, "apply"]), follow=True)
    assert "another fact-checker&#x27;s rating" in response.content.decode()
    assert not match.claim.reviews.exists()


def test_applying_it_through_the_api_is_a_400(reviewer_api, match):
    response = reviewer_api.post(f"/api/matches/{match.pk}/apply/")
    assert response.status_code == 400
    assert not match.claim.reviews.exists()
    listed = reviewer_api.get(f"/api/claims/{match.claim_id}/matches/").json()["matches"]
    assert listed[0]["matched"]["label"] == "checked by Harbour Fact Check" and listed[0]["matched"]["verdict"] == ""
