"""A verdict published in a report: a colleague reviewer cannot override it (editor-only, like
reopening); its own reviewer may revise it; editors may; unpublished claims are open to all."""
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from rest_framework.test import APIClient

from annotations.reports import services as report_services
from annotations.services import claim_dismiss, review_submit
from tests.factories import ArticleFactory, ClaimFactory, UserFactory
from verify.models import Claim, Verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague():
    return UserFactory(username="colin", role="reviewer")


@pytest.fixture
def published(reviewer, editor):
    # Publishable: an appearance (address and date) and a source behind the disputed verdict.
    article = ArticleFactory(url="https://news.example.org/troops", published_at=timezone.now())
    claim = ClaimFactory(article=article)
    review_submit(claim=claim, reviewer=reviewer, verdict="disputed", rationale="Denied by the ministry.",
                  sources=[{"url": "https://mod.example.org/statement", "title": "Ministry statement"}])
    report = report_services.report_create(title="Troops", created_by=editor, claim_ids=[claim.pk])
    report_services.report_publish(report=report, actor=editor)
    return Claim.objects.get(pk=claim.pk)


def test_a_colleague_reviewer_cannot_override_a_published_verdict(published, colleague):
    with pytest.raises(PermissionDenied, match="only an editor"):
        review_submit(claim=published, reviewer=colleague, verdict="verified")
    with pytest.raises(PermissionDenied):
        claim_dismiss(claim=published, actor=colleague, rationale="Not a claim.")
    assert Claim.objects.get(pk=published.pk).verdict == Verdict.DISPUTED


def test_the_api_answers_403_to_a_colleague_overriding_a_published_verdict(published, colleague):
    api = APIClient()
    api.force_authenticate(colleague)
    response = api.post(f"/api/claims/{published.pk}/reviews/", {"verdict": "verified", "version": published.version},
                        format="json")
    assert response.status_code == 403 and "only an editor" in response.json()["detail"]


def test_the_reviewer_who_gave_the_published_verdict_may_revise_it(published, reviewer):
    review_submit(claim=published, reviewer=reviewer, verdict="unverified")
    assert Claim.objects.get(pk=published.pk).verdict == Verdict.UNVERIFIED


def test_an_editor_may_override_a_published_verdict(published, editor):
    review_submit(claim=published, reviewer=editor, verdict="verified")
    assert Claim.objects.get(pk=published.pk).verdict == Verdict.VERIFIED


def test_a_colleague_may_still_override_a_verdict_that_is_not_published(reviewer, colleague):
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=reviewer, verdict="disputed")
    review_submit(claim=claim, reviewer=colleague, verdict="verified")
    assert Claim.objects.get(pk=claim.pk).verdict == Verdict.VERIFIED
