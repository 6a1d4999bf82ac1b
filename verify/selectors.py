"""Reads for articles and claims."""
from django.db.models import QuerySet

from verify.models import FINDING_VERDICTS, SUBMITTABLE_VERDICTS, Article, Claim


def article_claims(*, article: Article) -> QuerySet[Claim]:
    return article.claims.order_by("sentence_index", "id")



def review_labels() -> list[tuple[str, int]]:
    """The desk's decisions as (sentence, label) training pairs: a claim dismissed as "not a claim" is
    a negative, a claim given a finding (verified, unverified, disputed) a positive."""
    rows = Claim.objects.filter(verdict__in=SUBMITTABLE_VERDICTS).values_list("sentence", "text", "verdict")
    return [(sentence or text, 1 if verdict in FINDING_VERDICTS else 0) for sentence, text, verdict in rows.iterator()]
