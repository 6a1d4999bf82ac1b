"""The public pages of published reports. No login; drafts are 404 to readers (a preview to the desk).

/r/<slug>/                      the report: its claims, each linking to its page (no ClaimReview here)
/r/<slug>/claims/<id>/          a claim's page: the only page carrying its ClaimReview
/r/<slug>/<n>/, …/<n>/claims/<id>/   revision n as published: noindex, canonical to the current page
"""
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from verify.models import MAX_ID
from verify.roles import REVIEWER, user_has_role
from annotations.reports.document import claim_page_url, report_permalink as permalink_url
from annotations.reports.models import Report
from annotations.reports.renderers.claimreview import claimreview_for_item, jsonld_for_script
from annotations.reports.renderers.context import item_view, public_links, report_context
from annotations.reports.selectors import (
    report_document,
    report_first_published_at,
    report_latest_revision,
    report_published_item,
    report_revision_get,
    report_stale_items,
)

PUBLIC_CACHE = "public, max-age=300"
MAX_REVISION = 2**31 - 1


def _revision(report: Report, number: int | None):
    if number is not None and not 0 < number <= MAX_REVISION:
        raise Http404("No such revision.")
    latest = report_latest_revision(report=report)
    revision = latest if number is None else report_revision_get(report=report, number=number)
    return latest, revision


def _common(request, report: Report, latest) -> dict:
    return {
        "report": report,
        "latest_number": latest.number if latest else None,
        "revision_numbers": list(report.revisions.order_by("-number").values_list("number", flat=True)),
        "is_desk": user_has_role(request.user, REVIEWER),
    }


def _cached(response, *, is_desk: bool):
    if not is_desk:
        response["Cache-Control"] = PUBLIC_CACHE
    return response


def report_permalink(request, slug: str, number: int | None = None):
    report = get_object_or_404(Report, slug=slug)
    latest, revision = _revision(report, number)
    if revision is None:
        # A draft (or an unknown revision) exists only for the desk.
        if number is not None or not user_has_role(request.user, REVIEWER):
            raise Http404("No published report here.")
        doc = report_document(report=report, draft=True)
        stale = frozenset()
    else:
        doc = report_document(report=report, revision=revision)
        stale = frozenset(item["claim_id"] for item in report_stale_items(revision=revision))
    context = report_context(doc, stale_claim_ids=stale, absolute=False)
    context.update(_common(request, report, latest))
    context.update({
        "canonical_url": permalink_url(slug=report.slug),
        # Only the current report page is for search engines; revisions and previews point to it.
        "noindex": revision is None or number is not None,
        "removed": revision.removed if revision is not None else [],
        "first_published_at": report_first_published_at(report=report) if revision is not None else None,
    })
    response = render(request, "reports/report_public.html", context)
    return _cached(response, is_desk=context["is_desk"]) if revision is not None else response


def claim_page(request, slug: str, claim_id: int, number: int | None = None):
    if not 0 < claim_id <= MAX_ID:
        raise Http404("No such claim.")
    report = get_object_or_404(Report, slug=slug)
    latest, revision = _revision(report, number)
    if revision is None:
        raise Http404("No published report here.")
    item = report_published_item(report=report, claim_id=claim_id, revision=revision)
    if item is None:
        raise Http404("This revision of the report does not cover that claim.")
    doc = report_document(report=report, revision=revision)
    stale = frozenset(row["claim_id"] for row in report_stale_items(revision=revision) if row["claim_id"] == claim_id)
    current = number is None or number == latest.number
    still_covered = current or report_published_item(report=report, claim_id=claim_id) is not None
    current_url = claim_page_url(slug=slug, claim_id=claim_id) if still_covered else permalink_url(slug=slug)
    context = {
        "doc": doc,
        "item": item_view(doc, item, stale_claim_ids=stale, absolute=False),
        "first_published_at": item["first_published_at"] or doc.published_at,
        "report_url": (reverse("reports-public:permalink", args=[slug]) if number is None
                       else reverse("reports-public:revision", args=[slug, number])),
        "current_url": current_url,
        "canonical_url": current_url,
        "noindex": number is not None,
        # A ClaimReview appears on one page only: the claim's current page.
        "jsonld": jsonld_for_script(claimreview_for_item(doc, item)) if number is None else "",
        **public_links(),
        **_common(request, report, latest),
    }
    return _cached(render(request, "reports/claim_public.html", context), is_desk=context["is_desk"])
