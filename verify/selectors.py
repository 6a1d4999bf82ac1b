"""Reads for articles and claims."""
from django.db.models import QuerySet

from verify.models import Article, Claim


def article_claims(*, article: Article) -> QuerySet[Claim]:
    return article.claims.order_by("sentence_index", "id")


def claim_list(*, article_id: int | None = None, verdict: str | None = None) -> QuerySet[Claim]:
    claims = Claim.objects.select_related("article").order_by("-checkworthiness", "id")
    if article_id is not None:
        claims = claims.filter(article_id=article_id)
    if verdict:
        claims = claims.filter(verdict=verdict)
    return claims
