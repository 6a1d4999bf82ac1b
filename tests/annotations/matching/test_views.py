"""The reviewer pages: the matches panel, decisions by form post, the search page, conflicts."""
import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SourceFactory, UserFactory
from annotations.matching import services
from annotations.matching.models import MatchStatus
from verify.models import Verdict

pytestmark = pytest.mark.django_db

TROOPS = "As many as 11,000 North Korean troops could be stationed in the region."
REWORDED = "Up to 11000 North Korean soldiers could be deployed in the region, reports say."


def roleless_user():
    user = UserFactory()
    user.save()  # persist the factory's password, or the session hash check logs the user out
    return user


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def match(settings):
    settings.VERIFY_MATCH_AUTO_THRESHOLD = 1.0  # these tests decide a suggestion themselves
    earlier = ClaimFactory(article=ArticleFactory(title="<script>alert(1)</script>"), text=TROOPS,
                           verdict=Verdict.DISPUTED)
    review = ReviewFactory(claim=earlier, verdict=Verdict.DISPUTED, rationale="Denied <b>officially</b>.")
    SourceFactory(claim=earlier, review=review, url="https://example.org/denial", title="Denial")
    new = ClaimFactory(article=ArticleFactory(), text=REWORDED)
    [found] = services.claim_matches_find(claim_id=new.pk)
    return found


def test_claim_page_loads_the_matches_panel(reviewer, match):
    page = client_for(reviewer).get(reverse("desk:claim-detail", args=[match.claim_id]))
    assert page.status_code == 200
    assert reverse("matching:claim-matches", args=[match.claim_id]) in page.content.decode()


def test_panel_shows_the_match_with_verdict_sources_and_actions_escaped(reviewer, match):
    response = client_for(reviewer).get(reverse("matching:claim-matches", args=[match.claim_id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Suggested" in html and "https://example.org/denial" in html
    assert reverse("matching:match-action", args=[match.pk, "apply"]) in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<b>officially</b>" not in html


def test_panel_marks_a_match_of_other_numbers_and_offers_its_verdict_only_once_confirmed(reviewer):
    earlier = ClaimFactory(article=ArticleFactory(), text=TROOPS, verdict=Verdict.DISPUTED)
    ReviewFactory(claim=earlier, verdict=Verdict.DISPUTED)
    new = ClaimFactory(article=ArticleFactory(), text=TROOPS.replace("11,000", "12,000"))
    [match] = services.claim_matches_find(claim_id=new.pk)
    client = client_for(reviewer)
    url = reverse("matching:claim-matches", args=[new.pk])
    html = client.get(url).content.decode()
    assert "States other numbers" in html and "Suggested" in html
    assert reverse("matching:match-action", args=[match.pk, "apply"]) not in html
    client.post(reverse("matching:match-action", args=[match.pk, "confirm"]))
    assert reverse("matching:match-action", args=[match.pk, "apply"]) in client.get(url).content.decode()


def test_confirm_reject_and_apply_by_form_post(reviewer, match):
    client = client_for(reviewer)
    response = client.post(reverse("matching:match-action", args=[match.pk, "confirm"]))
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == MatchStatus.CONFIRMED
    client.post(reverse("matching:match-action", args=[match.pk, "apply"]))
    match.claim.refresh_from_db()
    assert match.claim.verdict == Verdict.DISPUTED
    assert match.claim.reviews.get().reviewer == reviewer
    client.post(reverse("matching:match-action", args=[match.pk, "reject"]))
    match.refresh_from_db()
    assert match.status == MatchStatus.REJECTED


def test_unknown_action_is_a_400(reviewer, match):
    response = client_for(reviewer).post(reverse("matching:match-action", args=[match.pk, "explode"]))
    assert response.status_code == 400


def test_pages_need_login_and_a_role(match):
    anonymous = Client()
    for url in (reverse("matching:search"), reverse("matching:claim-matches", args=[match.claim_id])):
        assert anonymous.get(url).status_code == 302
        assert client_for(roleless_user()).get(url).status_code == 403
    assert anonymous.post(reverse("matching:match-action", args=[match.pk, "confirm"])).status_code == 302
    assert client_for(roleless_user()).post(reverse("matching:match-action", args=[match.pk, "confirm"])).status_code == 403
    match.refresh_from_db()
    assert match.status == MatchStatus.SUGGESTED


def test_search_page_finds_checked_claims(reviewer, match):
    response = client_for(reviewer).get(reverse("matching:search"), {"q": "11,000 North Korean troops in the region"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Claim #{match.document.claim_id}" in html


def test_search_page_refuses_huge_input(reviewer):
    response = client_for(reviewer).get(reverse("matching:search"), {"q": "x" * 6000})
    assert response.status_code == 400


def test_conflicts_page_is_for_editors(reviewer, editor):
    assert client_for(reviewer).get(reverse("matching:conflicts")).status_code == 403
    first = ClaimFactory(article=ArticleFactory(), text=TROOPS, verdict=Verdict.VERIFIED)
    second = ClaimFactory(article=ArticleFactory(), text=TROOPS, verdict=Verdict.DISPUTED)
    services.claim_matches_find(claim_id=second.pk)
    html = client_for(editor).get(reverse("matching:conflicts")).content.decode()
    assert f"Claim #{first.pk}" in html and f"Claim #{second.pk}" in html


def test_editors_see_a_conflict_flag_on_the_claim_panel(reviewer, editor):
    ClaimFactory(article=ArticleFactory(), text=TROOPS, verdict=Verdict.VERIFIED)
    second = ClaimFactory(article=ArticleFactory(), text=TROOPS, verdict=Verdict.DISPUTED)
    services.claim_matches_find(claim_id=second.pk)
    url = reverse("matching:claim-matches", args=[second.pk])
    assert "Conflicting verdicts" in client_for(editor).get(url).content.decode()
    assert "Conflicting verdicts" not in client_for(reviewer).get(url).content.decode()
