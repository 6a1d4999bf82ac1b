"""Reads for articles and claims."""
from django.db.models import QuerySet

from verify.models import Article, Claim

# Claim filtering for the queue and the API lives in annotations.selectors.claims_filter.


def article_claims(*, article: Article) -> QuerySet[Claim]:
    return article.claims.order_by("sentence_index", "id")

