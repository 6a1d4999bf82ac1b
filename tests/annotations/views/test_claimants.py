"""Claimants on the desk: an unnamed source reads as such, a named claimant shows its kind."""
import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, ClaimFactory
from verify.models import Claim, ClaimantType

pytestmark = pytest.mark.django_db

UNNAMED = '<span class="chip-label">Unnamed source:</span> military experts'
PERSON = 'Volodymyr Zelensky <span class="claimant-kind">person</span>'


@pytest.fixture
def claims():
    article = ArticleFactory()
    return [ClaimFactory(article=article, claimant="military experts", claimant_type=ClaimantType.UNNAMED,
                         checkworthiness=0.9),
            ClaimFactory(article=article, claimant="Volodymyr Zelensky", claimant_type=ClaimantType.PERSON,
                         checkworthiness=0.8)]


def _page(client, name, *args) -> str:
    return client.get(reverse(name, args=args)).content.decode()


def test_the_claim_page_shows_an_unnamed_source_apart_from_names(reviewer_client, claims):
    unnamed, named = claims
    page = _page(reviewer_client, "desk:claim-detail", unnamed.pk)
    assert UNNAMED in page and 'chip-unnamed' in page
    assert '<span class="chip-label">Claimant</span> military experts' not in page
    named_page = _page(reviewer_client, "desk:claim-detail", named.pk)
    assert '<span class="chip-label">Claimant</span> ' + PERSON in named_page


def test_the_queue_and_the_article_page_show_claimant_kinds(reviewer_client, claims):
    for page in (_page(reviewer_client, "desk:claim-list"),
                 _page(reviewer_client, "desk:article-detail", claims[0].article_id)):
        assert UNNAMED in page
        assert PERSON in page


def test_an_untyped_claimant_shows_its_name_without_a_kind(reviewer_client):
    claim = ClaimFactory(claimant="The mayor", claimant_type="")
    page = _page(reviewer_client, "desk:claim-detail", claim.pk)
    assert '<span class="chip-label">Claimant</span> The mayor <span class="chip-note">' in page


def test_the_correction_form_sets_the_claimant_type(reviewer_client, claims):
    unnamed, _ = claims
    page = _page(reviewer_client, "desk:claim-detail", unnamed.pk)
    assert '<option value="unnamed" selected>Unnamed source</option>' in page
    response = reviewer_client.post(reverse("desk:claim-correct", args=[unnamed.pk]), {
        "edit-text": unnamed.text, "edit-claimant": "the Defence Ministry",
        "edit-claimant_type": ClaimantType.ORGANISATION, "edit-version": unnamed.version})
    assert response.status_code == 302
    stored = Claim.objects.get(pk=unnamed.pk)
    assert (stored.claimant, stored.claimant_type) == ("the Defence Ministry", ClaimantType.ORGANISATION)


def test_an_unnamed_source_escapes_its_words(reviewer_client):
    claim = ClaimFactory(claimant="<b>sources</b>", claimant_type=ClaimantType.UNNAMED)
    page = _page(reviewer_client, "desk:claim-detail", claim.pk)
    assert "<b>sources</b>" not in page and "&lt;b&gt;sources&lt;/b&gt;" in page
