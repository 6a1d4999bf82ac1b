"""Correcting a claim's text or claimant, and reopening a judged claim (editors)."""
import pytest
from django.urls import reverse

from annotations.models import Review
from verify.audit.models import AuditEntry
from annotations.services import claim_edit
from tests.factories import ClaimFactory, UserFactory
from verify.models import Claim

pytestmark = pytest.mark.django_db


def _correct(client, claim, querystring="", **data):
    url = reverse("desk:claim-correct", args=[claim.pk]) + (f"?{querystring}" if querystring else "")
    return client.post(url, {f"edit-{name}": value for name, value in data.items()})


def test_a_reviewer_corrects_the_text_and_claimant_and_the_original_is_kept(reviewer_client):
    claim = ClaimFactory(text="As many as 11000 troops", claimant="reports")
    response = _correct(reviewer_client, claim, "verdict=all", text="As many as 11,000 North Korean troops",
                        claimant="Ukrainian intelligence", version=claim.version)
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:claim-detail", args=[claim.pk]) + "?verdict=all"
    claim.refresh_from_db()
    assert (claim.text, claim.claimant, claim.extracted_text) == (
        "As many as 11,000 North Korean troops", "Ukrainian intelligence", "As many as 11000 troops")
    assert AuditEntry.objects.filter(claim=claim, action="claim.edit").count() == 1
    page = reviewer_client.get(reverse("desk:claim-detail", args=[claim.pk])).content.decode()
    assert "Edited; extracted as: “As many as 11000 troops”" in page


def test_an_empty_correction_is_refused(reviewer_client):
    claim = ClaimFactory()
    response = _correct(reviewer_client, claim, text="  ", claimant="", version=claim.version)
    assert response.status_code == 400
    assert Claim.objects.get(pk=claim.pk).text == claim.text


def test_a_correction_on_a_stale_version_shows_the_conflict_and_keeps_the_input(reviewer_client):
    claim = ClaimFactory()
    claim_edit(claim=claim, actor=UserFactory(username="otto", role="reviewer"), expected_version=1,
               claimant="the ministry")
    response = _correct(reviewer_client, claim, text="My corrected wording", claimant="", version=1)
    assert response.status_code == 409
    content = response.content.decode()
    assert "otto changed the claimant to “the ministry”" in content
    assert "My corrected wording" in content and "Your correction is kept below" in content
    assert Claim.objects.get(pk=claim.pk).claimant == "the ministry"


def test_an_editor_reopens_a_judged_claim(editor_client):
    claim = ClaimFactory(verdict="disputed")
    response = editor_client.post(reverse("desk:claim-reopen", args=[claim.pk]))
    assert response.status_code == 302
    assert Claim.objects.get(pk=claim.pk).verdict == "unreviewed"
    assert Review.objects.get(claim=claim).verdict == "unreviewed"


def test_reopening_an_open_claim_says_there_is_nothing_to_reopen(editor_client):
    claim = ClaimFactory()
    response = editor_client.post(reverse("desk:claim-reopen", args=[claim.pk]), follow=True)
    assert b"already open" in response.content
    assert not Review.objects.exists()


def test_reviewers_cannot_reopen_and_do_not_see_the_button(reviewer_client, editor_client):
    claim = ClaimFactory(verdict="verified")
    assert reviewer_client.post(reverse("desk:claim-reopen", args=[claim.pk])).status_code == 403
    url = reverse("desk:claim-detail", args=[claim.pk])
    assert b">Reopen</button>" not in reviewer_client.get(url).content
    assert b">Reopen</button>" in editor_client.get(url).content
