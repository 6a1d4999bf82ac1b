"""Matching runs by itself after an article's claims are stored (eager tasks in unit tests)."""
import pytest

from tests.factories import ArticleFactory, ClaimFactory
from annotations.matching.models import ClaimMatch, MatchDocument, MatchStatus
from verify.models import ArticleStatus, Verdict
from workers.matching_tasks import article_matches_find
from workers.tasks import article_process

ARTICLE = ("Officials said on Monday that as many as 11,000 North Korean troops could be stationed in the "
           "region, according to the ministry. The weather was mild.")


@pytest.mark.django_db
def test_processing_an_article_matches_its_claims_against_earlier_checks(django_capture_on_commit_callbacks):
    article = ArticleFactory(status=ArticleStatus.PENDING, raw_content=ARTICLE, cleaned_text="")
    with django_capture_on_commit_callbacks(execute=True):
        result = article_process.apply(args=[article.pk]).get()
    assert result["status"] == ArticleStatus.DONE
    claims = list(article.claims.all())
    assert claims, "the extractor found no claim in the fixture article"
    # Every stored claim was indexed by the matching task.
    assert MatchDocument.objects.filter(claim__in=claims).count() == len(claims)

    # A second article repeating the claim is linked to the first one's claim.
    repeat = ArticleFactory(status=ArticleStatus.PENDING, raw_content=ARTICLE + " Markets rose.", cleaned_text="")
    with django_capture_on_commit_callbacks(execute=True):
        article_process.apply(args=[repeat.pk]).get()
    links = ClaimMatch.objects.filter(claim__article=repeat, document__claim__article=article)
    assert links.exists()
    assert {link.status for link in links} <= {MatchStatus.AUTO, MatchStatus.SUGGESTED}


@pytest.mark.django_db
def test_failed_articles_are_not_matched(django_capture_on_commit_callbacks):
    article = ArticleFactory(status=ArticleStatus.PENDING, raw_content="<p></p>", content_type="html",
                             cleaned_text="")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article_process.apply(args=[article.pk]).get()
    article.refresh_from_db()
    assert article.status == ArticleStatus.FAILED
    assert not MatchDocument.objects.exists()
    assert callbacks == []


@pytest.mark.django_db
def test_the_task_takes_an_article_id_and_is_idempotent():
    earlier = ClaimFactory(text="As many as 11,000 North Korean troops could be stationed.", verdict=Verdict.VERIFIED)
    new = ClaimFactory(article=ArticleFactory(), text=earlier.text)
    article_matches_find.apply(args=[new.article_id]).get()
    article_matches_find.apply(args=[new.article_id]).get()
    assert ClaimMatch.objects.filter(claim=new).count() == 1


def test_the_task_retries_transient_errors_with_limits():
    from django.db import OperationalError

    assert OperationalError in article_matches_find.autoretry_for
    assert article_matches_find.max_retries
    assert 0 < article_matches_find.soft_time_limit < article_matches_find.time_limit
