"""The review queue: which claims a desk sees, filtered and ordered (the pages, exports and the reference
for the API list's SQL in claim_list.py)."""
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from annotations.models import Source
from verify.models import MAX_ID, Claim, Verdict

# Queue orders the pages and the API offer; ties are broken by id so paging is stable.
CLAIM_ORDERS = ("-checkworthiness", "checkworthiness", "-created_at", "created_at", "-updated_at", "updated_at")


@dataclass(frozen=True)
class ClaimFilters:
    """How a desk narrows and orders the claim queue; every field is optional. The queue pages, the
    API's FilterSet and its list all speak it (claims_filter, claim_list_page)."""

    verdict: str | None = None
    article_id: int | None = None
    publisher: str | None = None  # case-insensitive
    assigned_to_me: bool = False
    score_min: float | None = None
    score_max: float | None = None
    has_sources: bool | None = None
    search: str | None = None  # words in the text, claimant or sentence
    order: str | None = None  # one of CLAIM_ORDERS; None: most check-worthy first


def claim_queue(*, user: AbstractBaseUser, filters: ClaimFilters = ClaimFilters()) -> QuerySet[Claim]:
    """The claims a reviewer works through, filtered and ordered, each with `source_count`."""
    return claims_filter(claims=Claim.objects.all(), user=user, filters=filters)


def claims_filter(*, claims: QuerySet[Claim], user: AbstractBaseUser, filters: ClaimFilters) -> QuerySet[Claim]:
    """claim_queue's filters applied to a given queryset (the API's FilterSet calls this)."""
    order = checked_order(filters.order)
    if filters.verdict:
        claims = claims.filter(verdict=checked_verdict(filters.verdict))
    if filters.article_id is not None:
        claims = claims.filter(article_id=filters.article_id) if 0 < filters.article_id <= MAX_ID else claims.none()
    if filters.publisher:
        claims = claims.filter(article__publisher__iexact=filters.publisher)
    if filters.assigned_to_me:
        claims = claims.filter(assigned_to_id=user.pk)
    if filters.score_min is not None:
        claims = claims.filter(checkworthiness__gte=filters.score_min)
    if filters.score_max is not None:
        claims = claims.filter(checkworthiness__lte=filters.score_max)
    if filters.search:
        search = filters.search
        claims = claims.filter(
            Q(text__icontains=search) | Q(claimant__icontains=search) | Q(sentence__icontains=search)
        )
    if filters.has_sources is not None:
        with_sources = Exists(Source.objects.filter(claim=OuterRef("pk")))
        claims = claims.filter(with_sources if filters.has_sources else ~with_sources)
    return claims_for_display(claims=claims).order_by(order, "id")


def checked_verdict(verdict: str) -> str:
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": f"Unknown verdict; choose one of {', '.join(Verdict.values)}."})
    return verdict


def checked_order(order: str | None) -> str:
    """The queue order asked for (default: most check-worthy first), or a ValidationError."""
    order = order or "-checkworthiness"
    if order not in CLAIM_ORDERS:
        raise ValidationError({"order": f"Unknown order; choose one of {', '.join(CLAIM_ORDERS)}."})
    return order


def claims_for_display(*, claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Claims with their article and assignee joined and `source_count`, ready for lists and pages."""
    # A correlated subquery, not Count() over a join: PostgreSQL then counts sources for the rows
    # of the page only, instead of grouping every claim before ORDER BY … LIMIT.
    source_count = (Source.objects.filter(claim=OuterRef("pk")).order_by().values("claim")
                    .annotate(n=Count("*")).values("n"))
    return (claims.select_related("article", "assigned_to")
            # An article's text can be megabytes; lists of claims never show it.
            .defer("article__raw_content", "article__cleaned_text")
            .annotate(source_count=Coalesce(Subquery(source_count), 0)))


def verdict_counts(*, queryset: QuerySet[Claim]) -> dict[str, int]:
    """How many claims of `queryset` carry each verdict (every verdict present, zeros included); one query."""
    rows = (Claim.objects.filter(pk__in=queryset.order_by().values("pk"))
            .order_by().values("verdict").annotate(count=Count("id")))
    counts = dict.fromkeys(Verdict.values, 0)
    counts.update({row["verdict"]: row["count"] for row in rows})
    return counts
