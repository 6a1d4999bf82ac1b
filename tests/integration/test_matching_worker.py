"""Claim matching on the real stack: the worker process finds a claim stored by another process.

The worker keeps its own in-memory index copy, built from PostgreSQL; this test's process writes the
earlier claim, so a match proves the index is shared through the database, not through memory.
"""
import pytest
from django.conf import settings

from tests.factories import ArticleFactory, ClaimFactory
from tests.integration.stack import wait_for
from verify import lifecycle
from annotations.matching.models import ClaimMatch, MatchDocument
from verify.models import Article, ArticleStatus, Verdict

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

CLAIM = "as many as 11,000 North Korean troops could be stationed in the region"


def test_worker_matches_new_claims_against_claims_stored_elsewhere(celery_worker_process, celery_live):
    earlier = ClaimFactory(article=ArticleFactory(), text=f"Officials said {CLAIM}.", verdict=Verdict.DISPUTED)
    MatchDocument.objects.create(kind="claim", claim=earlier, text=earlier.text)

    result = lifecycle.article_submit(
        kind="text", text=f"Officials said on Monday that {CLAIM}, according to the ministry. The weather was mild.",
        title="Repeat")
    article = wait_for(lambda: Article.objects.filter(pk=result.article.pk, status=ArticleStatus.DONE).first(),
                       message="the article to be processed")
    assert article.claims.exists()
    link = wait_for(lambda: ClaimMatch.objects.filter(claim__article=article, document__claim=earlier).first(),
                    message="the matching task to link the repeated claim")
    assert settings.VERIFY_MATCH_SUGGEST_THRESHOLD <= link.score <= 1.0  # a calibrated probability
