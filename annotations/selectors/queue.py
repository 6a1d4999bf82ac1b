"""The review queue: which claims a desk sees, filtered and ordered. The one definition of the claim
list's filters and order, for the queue pages, the exports and the API (whose list compiles this same
query once per filter shape: claim_list.py)."""
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Upper
from django.db.models.lookups import Exact

from annotations.models import Source
from verify.models import MAX_ID, Claim, Verdict

# Queue orders the pages and the API offer; ties are broken by id so paging is stable.
CLAIM_ORDERS = ("-checkworthiness", "checkworthiness", "-created_at", "created_at", "-updated_at", "updated_at")

# The arguments of claims_narrowed whose value changes the SQL itself (EXISTS or NOT EXISTS), not only
# what it is compared with: a statement cached per filter shape keys on their values.
STATEMENT_ARGUMENTS = frozenset({"has_sources", "set_aside"})


@dataclass(frozen=True)
class ClaimFilters:
    """How a desk narrows and orders the claim queue; every field is optional. The queue pages, the
    API's FilterSet and its list all speak it (claims_filter, claim_list_values)."""

    verdict: str | None = None
    article_id: int | None = None
    publisher: str | None = None  # case-insensitive
    assigned_to_me: bool = False
    score_min: float | None = None
    score_max: float | None = None
    has_sources: bool | None = None
    search: str | None = None  # words in the text, claimant or sentence
    # False: the queue (what extraction kept); True: what it set aside as opinion or speculation;
    # None: both (an article's own page shows every claim).
    set_aside: bool | None = False
    order: str | None = None  # one of CLAIM_ORDERS; None: most check-worthy first


def claim_queue(*, user: AbstractBaseUser, filters: ClaimFilters = ClaimFilters()) -> QuerySet[Claim]:
    """The claims a reviewer works through, filtered and ordered, each with `source_count`."""
    return claims_filter(claims=Claim.objects.all(), user=user, filters=filters)


def claims_filter(*, claims: QuerySet[Claim], user: AbstractBaseUser, filters: ClaimFilters) -> QuerySet[Claim]:
    """claim_queue's filters applied to a given queryset (the API's FilterSet calls this)."""
    order = checked_order(filters.order)
    arguments = claim_filter_arguments(filters=filters, user=user)
    if arguments is None:
        return claims_narrowed(claims=claims.none(), arguments={}, order=order)
    return claims_narrowed(claims=claims, arguments=arguments, order=order)


def claim_filter_arguments(*, filters: ClaimFilters, user: AbstractBaseUser) -> dict[str, Any] | None:
    """The filters `filters` sets, validated, as the values claims_narrowed compares with (by name); None
    when no claim can match. Which names are present (and the values of STATEMENT_ARGUMENTS) is the
    query's shape; the other values only fill its parameters."""
    arguments: dict[str, Any] = {}
    if filters.verdict:
        arguments["verdict"] = checked_verdict(filters.verdict)
    if filters.article_id is not None:
        if not 0 < filters.article_id <= MAX_ID:
            return None
        arguments["article_id"] = filters.article_id
    if filters.publisher:
        arguments["publisher"] = filters.publisher
    if filters.assigned_to_me:
        arguments["assignee_id"] = user.pk
    if filters.score_min is not None:
        arguments["score_min"] = filters.score_min
    if filters.score_max is not None:
        arguments["score_max"] = filters.score_max
    if filters.search:
        arguments["search"] = filters.search
    if filters.has_sources is not None:
        arguments["has_sources"] = filters.has_sources
    if filters.set_aside is not None:
        arguments["set_aside"] = filters.set_aside
    return arguments


def claims_narrowed(*, claims: QuerySet[Claim], arguments: Mapping[str, Any], order: str) -> QuerySet[Claim]:
    """`claims` narrowed by claim_filter_arguments' `arguments`, ready for display, in `order` (a checked
    one of CLAIM_ORDERS) with ties by id.

    A value other than those of STATEMENT_ARGUMENTS may be an expression standing in for it: the API's
    list compiles this query once per filter shape with placeholders there (claim_list.py). So a filter
    must compile to the same SQL whatever its value, with the value only in the parameters (the lookups
    below do; `__iexact` would not: on SQLite it writes its value into a LIKE pattern)."""
    if "verdict" in arguments:
        claims = claims.filter(verdict=arguments["verdict"])
    if "article_id" in arguments:
        claims = claims.filter(article_id=arguments["article_id"])
    if "publisher" in arguments:
        # UPPER(publisher) = UPPER(%s): case-insensitive, and served by article_publisher_upper_idx.
        claims = claims.filter(Exact(Upper("article__publisher"), Upper(_expression(arguments["publisher"]))))
    if "assignee_id" in arguments:
        claims = claims.filter(assigned_to_id=arguments["assignee_id"])
    if "score_min" in arguments:
        claims = claims.filter(checkworthiness__gte=arguments["score_min"])
    if "score_max" in arguments:
        claims = claims.filter(checkworthiness__lte=arguments["score_max"])
    if "search" in arguments:
        search = arguments["search"]
        claims = claims.filter(
            Q(text__icontains=search) | Q(claimant__icontains=search) | Q(sentence__icontains=search)
        )
    if "set_aside" in arguments:
        claims = claims.exclude(set_aside="") if arguments["set_aside"] else claims.filter(set_aside="")
    if "has_sources" in arguments:
        with_sources = Exists(Source.objects.filter(claim=OuterRef("pk")))
        claims = claims.filter(with_sources if arguments["has_sources"] else ~with_sources)
    return claims_for_display(claims=claims).order_by(order, "id")


def claims_past(claims: QuerySet[Claim], *, order: str, value: Any, last_id: int,
                descending_ids: bool = False) -> QuerySet[Claim]:
    """The claims of `claims` that come after `(value, last_id)` in `order` (a checked one of CLAIM_ORDERS)
    with ties by ascending id, or by descending id with `descending_ids` (walking the queue backwards),
    ordered so: the keyset condition of the API's pages and of the claim page's previous and next."""
    field = order.lstrip("-")
    # The redundant bound on the field alone lets the database start an index range scan at the cursor.
    before, beyond = ("lte", "lt") if order.startswith("-") else ("gte", "gt")
    tie = "id__lt" if descending_ids else "id__gt"
    return claims.filter(Q(**{f"{field}__{before}": value}),
                         Q(**{f"{field}__{beyond}": value}) | Q(**{field: value, tie: last_id})
                         ).order_by(order, "-id" if descending_ids else "id")


def _expression(value: Any) -> Any:
    return value if hasattr(value, "resolve_expression") else Value(value)


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
    # GROUP BY over the filtered rows themselves: 2.5 times faster at 100,000 claims than re-reading
    # them through `id IN (subquery)`; values() drops the display joins and the source count.
    # COUNT(*), not COUNT(id): the count then reads only the index on (set_aside, verdict).
    rows = queryset.order_by().values("verdict").annotate(count=Count("*"))
    counts = dict.fromkeys(Verdict.values, 0)
    counts.update({row["verdict"]: row["count"] for row in rows})
    return counts
