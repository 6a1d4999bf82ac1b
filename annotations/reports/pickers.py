"""Reads for the desk's searchable pickers: claims and articles an editor can add to a report."""
from django.db.models import Count, Q, QuerySet

from verify.models import Article, Claim
from annotations.reports.models import Report
from annotations.reports.rating import PUBLISHABLE_VERDICTS

PICKER_LIMIT = 50


def report_claim_candidates(*, report: Report, query: str = "", verdict: str = "",
                            limit: int = PICKER_LIMIT) -> QuerySet[Claim]:
    """Reviewed claims the report does not cover yet, matching the words in their text, their article's
    title or its publisher, and the verdict; best check-worthiness first."""
    verdicts = [verdict] if verdict in PUBLISHABLE_VERDICTS else list(PUBLISHABLE_VERDICTS)
    claims = Claim.objects.filter(verdict__in=verdicts).exclude(report_links__report=report)
    for word in query.split()[:8]:
        claims = claims.filter(Q(text__icontains=word) | Q(article__title__icontains=word)
                               | Q(article__publisher__icontains=word))
    return (claims.select_related("article").order_by("-checkworthiness", "id")
            .only("id", "text", "verdict", "claimant", "claimant_type", "article__id", "article__title",
                  "article__publisher", "article__url", "article__canonical_url", "article__published_at")[:limit])


def report_article_candidates(*, query: str = "", limit: int = PICKER_LIMIT) -> QuerySet[Article]:
    """Articles with reviewed claims, matching the words in their title or publisher; newest first."""
    articles = Article.objects.all()
    for word in query.split()[:8]:
        articles = articles.filter(Q(title__icontains=word) | Q(publisher__icontains=word))
    articles = articles.annotate(reviewed=Count("claims", filter=Q(claims__verdict__in=PUBLISHABLE_VERDICTS)))
    return (articles.filter(reviewed__gt=0).order_by("-created_at", "-id")
            .only("id", "title", "publisher", "url", "canonical_url", "published_at", "original_filename")[:limit])
