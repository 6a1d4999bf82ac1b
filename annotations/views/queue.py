"""The review queue: filters, search, sort, counts per verdict, and the bulk-action bar."""
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.utils.functional import cached_property

from annotations.reports.models import Report
from annotations.selectors import queue_verdict_counts
from verify.roles import EDITOR, ROLES, user_has_role
from annotations.forms import QUEUE_ALL_VERDICTS, QUEUE_ORDERS
from verify.models import Article, Claim, Verdict
from annotations.views._common import claim_queue_for, queue_filters, reviewer_required

QUEUE_PAGE_SIZE = 50
QUEUE_ROW_DEFERRED = ("sentence", "quantities", "entities", "extracted_text", "extracted_claimant")
# How many articles the article filter offers by name (newest first); older ones by ID in the URL.
ARTICLE_CHOICES_LIMIT = 200


# How many reports and people the bulk bar offers to editors (most recently changed reports first).
BULK_CHOICES_LIMIT = 200


class CountedPaginator(Paginator):
    """Pages of a list whose length is already known (the queue's cached counts), so paging does not
    count the whole filtered queue again. The count only numbers the pages: a page always holds the rows
    that are there, so claims extracted since the count was cached are listed at once."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom:bottom + self.per_page], number, self)


@reviewer_required
def queue(request):
    return queue_render(request)


def queue_render(request, *, status: int = 200):
    """The queue page (also re-rendered with 400 when a bulk request as a whole is refused)."""
    filters = queue_filters(request)
    # A row shows the claim's text, claimant and hedges: its sentence and extracted details (JSON, the
    # costliest columns to read) stay in the database.
    claims = claim_queue_for(user=request.user, filters=filters).defer(*QUEUE_ROW_DEFERRED)
    counts = queue_verdict_counts(user=request.user, filters=filters.claim_filters())
    current = filters.verdict_value
    shown = counts.get(current, 0) if current else sum(counts.values())
    page = CountedPaginator(claims, QUEUE_PAGE_SIZE, count=shown).get_page(request.GET.get("page"))
    tabs = [
        {
            "value": value,
            "label": "To review" if value == Verdict.UNREVIEWED else label,
            "count": counts.get(value, 0),
            "querystring": filters.querystring(verdict=value, page=None),
            "current": current == value,
        }
        for value, label in Verdict.choices
    ]
    tabs.append({
        "value": QUEUE_ALL_VERDICTS,
        "label": "All",
        "count": sum(counts.get(value, 0) for value, _ in Verdict.choices),
        "querystring": filters.querystring(verdict=QUEUE_ALL_VERDICTS, page=None),
        "current": current == "",
    })
    # EXISTS, not a join made DISTINCT: the newest articles are read in index order until 200 have claims.
    articles = (Article.objects.filter(Exists(Claim.objects.filter(article=OuterRef("pk"))))
                .order_by("-created_at").values_list("id", "title")[:ARTICLE_CHOICES_LIMIT])
    publishers = (Article.objects.exclude(publisher="").order_by("publisher")
                  .values_list("publisher", flat=True).distinct()[:ARTICLE_CHOICES_LIMIT])
    return render(request, "desk/queue.html", {
        "filters": filters,
        "page": page,
        "claims": page.object_list,
        "tabs": tabs,
        "querystring": filters.querystring(page=None),
        "page_querystring": filters.querystring(page=None),
        "article_options": article_options(articles, selected=filters["article"].value()),
        "publishers": publishers,
        "order_label": dict(QUEUE_ORDERS)[filters.claim_filters().order].lower(),
        "filtered": bool(filters.querystring(verdict=None, order=None, page=None)),
        **_bulk_choices(request.user),
    }, status=status)


def article_options(articles, *, selected) -> list[tuple[str, str, bool]]:
    """(value, title, selected) of the article filter's options (queue_ui.article_options renders them)."""
    selected = str(selected)
    return [(str(pk), title, str(pk) == selected) for pk, title in articles]


def _bulk_choices(user) -> dict:
    """Whom and which report the bulk bar offers: editors only (reviewers assign to themselves)."""
    if not user_has_role(user, EDITOR):
        return {"bulk_assignees": [], "bulk_reports": []}
    people = (get_user_model().objects.filter(groups__name__in=ROLES, is_active=True).distinct()
              .order_by("username").only("id", "username")[:BULK_CHOICES_LIMIT])
    reports = Report.objects.only("id", "title").order_by("-updated_at", "-id")[:BULK_CHOICES_LIMIT]
    return {"bulk_assignees": people, "bulk_reports": reports}
