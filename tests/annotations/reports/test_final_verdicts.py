"""Reports publish only final verdicts: a claim still on its way to sign-off is neither picked nor published."""
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from annotations.reports import services
from annotations.reports.selectors import claims_filter
from annotations.services import claim_approve, review_submit
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_publishing_refuses_a_verdict_awaiting_approval_until_an_editor_approves_it(editor, reviewer, settings):
    settings.VERIFY_SIGNOFF_MODE = "editor_approval"
    article = ArticleFactory(url="https://news.example.org/troops", published_at=timezone.now())
    claim = ClaimFactory(article=article)
    review_submit(claim=claim, reviewer=reviewer, verdict="disputed", rationale="The ministry's count differs.",
                  sources=[{"url": "https://mod.example.org/figures", "title": "Ministry figures"}])
    report = services.report_create(title="Troops", created_by=editor, claim_ids=[claim.pk])

    with pytest.raises(ValidationError, match=rf"Claim #{claim.pk}: its verdict awaits sign-off"):
        services.report_publish(report=report, actor=editor)
    assert not report.revisions.exists()

    claim_approve(claim=claim, actor=editor)
    revision = services.report_publish(report=report, actor=editor)
    assert [item.verdict for item in revision.items.all()] == ["disputed"]


def test_picking_by_filter_or_article_takes_only_final_verdicts(editor, reviewer, settings):
    settings.VERIFY_SIGNOFF_MODE = "double"
    article = ArticleFactory()
    final = ClaimFactory(article=article, verdict="verified")
    waiting = ClaimFactory(article=article)
    review_submit(claim=waiting, reviewer=reviewer, verdict="verified")
    disagreed = ClaimFactory(article=article)
    review_submit(claim=disagreed, reviewer=reviewer, verdict="verified")
    review_submit(claim=disagreed, reviewer=UserFactory(role="reviewer"), verdict="disputed")

    assert list(claims_filter(article_id=article.pk)) == [final]
    report = services.report_create(title="Article", created_by=editor, article_id=article.pk)
    assert list(report.report_claims.values_list("claim_id", flat=True)) == [final.pk]
