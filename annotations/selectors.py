"""Reads for the review desk: the queue (one filter code path for the pages and the API) and history."""
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from annotations.models import AuditEntry, Review, Source
from annotations.services.versioning import change_summary
from verify.models import Claim, Verdict

# Queue orders the pages and the API offer; ties are broken by id so paging is stable.
CLAIM_ORDERS = ("-checkworthiness", "checkworthiness", "-created_at", "created_at", "-updated_at", "updated_at")
# Article IDs are 64-bit; a larger number (typed into a URL) names no article instead of crashing the query.
_MAX_ID = 2**63 - 1


def claim_queue(
    *,
    user: AbstractBaseUser,
    verdict: str | None = None,
    article_id: int | None = None,
    publisher: str | None = None,
    assigned_to_me: bool = False,
    score_min: float | None = None,
    score_max: float | None = None,
    has_sources: bool | None = None,
    search: str | None = None,
    order: str = "-checkworthiness",
) -> QuerySet[Claim]:
    """The claims a reviewer works through, filtered and ordered, each with `source_count`."""
    return claims_filter(
        claims=Claim.objects.all(), user=user, verdict=verdict, article_id=article_id, publisher=publisher,
        assigned_to_me=assigned_to_me, score_min=score_min, score_max=score_max, has_sources=has_sources,
        search=search, order=order,
    )


def claims_filter(
    *,
    claims: QuerySet[Claim],
    user: AbstractBaseUser,
    verdict: str | None = None,
    article_id: int | None = None,
    publisher: str | None = None,
    assigned_to_me: bool = False,
    score_min: float | None = None,
    score_max: float | None = None,
    has_sources: bool | None = None,
    search: str | None = None,
    order: str | None = "-checkworthiness",
) -> QuerySet[Claim]:
    """claim_queue's filters applied to a given queryset (the API's FilterSet calls this)."""
    if verdict:
        if verdict not in Verdict.values:
            raise ValidationError({"verdict": f"Unknown verdict; choose one of {', '.join(Verdict.values)}."})
        claims = claims.filter(verdict=verdict)
    if article_id is not None:
        claims = claims.filter(article_id=article_id) if 0 < article_id <= _MAX_ID else claims.none()
    if publisher:
        claims = claims.filter(article__publisher__iexact=publisher)
    if assigned_to_me:
        claims = claims.filter(assigned_to_id=user.pk)
    if score_min is not None:
        claims = claims.filter(checkworthiness__gte=score_min)
    if score_max is not None:
        claims = claims.filter(checkworthiness__lte=score_max)
    if search:
        claims = claims.filter(
            Q(text__icontains=search) | Q(claimant__icontains=search) | Q(sentence__icontains=search)
        )
    if has_sources is not None:
        with_sources = Exists(Source.objects.filter(claim=OuterRef("pk")))
        claims = claims.filter(with_sources if has_sources else ~with_sources)
    claims = claims_for_display(claims=claims)
    order = order or "-checkworthiness"
    if order not in CLAIM_ORDERS:
        raise ValidationError({"order": f"Unknown order; choose one of {', '.join(CLAIM_ORDERS)}."})
    return claims.order_by(order, "id")


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


# What a claim list row shows (API and exports of the list): the claim's columns plus the joined
# names, read as plain values so a 50-row page builds no model instances.
CLAIM_LIST_VALUES = (
    "id", "article_id", "text", "sentence", "start_char", "end_char", "sentence_index", "claimant", "cue",
    "quantities", "entities", "hedges", "checkworthiness", "verdict", "extractor_version", "extracted_text",
    "extracted_claimant", "version", "assigned_to_id", "assigned_to__username", "created_at", "updated_at",
    "article__title", "source_count",
)


def claim_list_values(*, claims: QuerySet[Claim]) -> QuerySet:
    """claims_for_display's rows as dicts of CLAIM_LIST_VALUES, keeping the queryset's filters and order."""
    return claims.values(*CLAIM_LIST_VALUES)


def verdict_counts(*, queryset: QuerySet[Claim]) -> dict[str, int]:
    """How many claims of `queryset` carry each verdict (every verdict present, zeros included); one query."""
    rows = (Claim.objects.filter(pk__in=queryset.order_by().values("pk"))
            .order_by().values("verdict").annotate(count=Count("id")))
    counts = dict.fromkeys(Verdict.values, 0)
    counts.update({row["verdict"]: row["count"] for row in rows})
    return counts


def claim_reviews(*, claim: Claim) -> QuerySet[Review]:
    """The claim's reviews, newest first, with reviewer and sources loaded (constant queries)."""
    return (Review.objects.filter(claim=claim).select_related("reviewer")
            .prefetch_related(Prefetch("sources", queryset=Source.objects.select_related("added_by")))
            .order_by("-created_at", "-id"))


def claim_sources(*, claim: Claim) -> QuerySet[Source]:
    return Source.objects.filter(claim=claim).select_related("added_by").order_by("created_at", "id")


@dataclass(frozen=True)
class HistoryEvent:
    """One line of a claim's history. `review` is set for verdict changes (with its sources loaded)."""

    created_at: datetime
    actor: AbstractBaseUser | None
    action: str  # "review.submit", "claim.dismiss", "claim.reopen", "claim.edit", "claim.assign", "source.attach", …
    summary: str  # e.g. "rita set the verdict to disputed"
    before: dict
    after: dict
    review: Review | None = None
    entry: AuditEntry | None = None

    @property
    def kind(self) -> str:
        return "review" if self.review is not None else "audit"


def claim_history(*, claim: Claim) -> list[HistoryEvent]:
    """Everything that happened to the claim, newest first: its audit entries, each verdict change
    joined with its review (rationale, sources). Reviews without an audit entry (e.g. imported) are
    listed too. Three queries whatever the length."""
    entries = list(AuditEntry.objects.filter(claim=claim).select_related("actor").order_by("-created_at", "-id"))
    reviews = {review.pk: review for review in claim_reviews(claim=claim)}
    events: list[HistoryEvent] = []
    for entry in entries:
        review = reviews.pop((entry.after or {}).get("review_id"), None) if entry.action != "source.attach" else None
        who = entry.actor.get_username() if entry.actor else "the system"
        events.append(HistoryEvent(
            created_at=entry.created_at, actor=entry.actor, action=entry.action,
            summary=change_summary(who=who, action=entry.action, before=entry.before or {}, after=entry.after or {}),
            before=entry.before or {}, after=entry.after or {}, review=review, entry=entry,
        ))
    for review in reviews.values():
        who = review.reviewer.get_username()
        events.append(HistoryEvent(
            created_at=review.created_at, actor=review.reviewer, action="review.submit",
            summary=change_summary(who=who, action="review.submit", before={}, after={"verdict": review.verdict}),
            before={}, after={"verdict": review.verdict}, review=review,
        ))
    events.sort(key=lambda event: event.created_at, reverse=True)
    return events
