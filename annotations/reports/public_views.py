"""The public, printable permalink of a published report. No login; drafts are 404 to readers."""
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from verify.roles import REVIEWER, user_has_role
from annotations.reports.models import Report
from annotations.reports.renderers.context import report_context
from annotations.reports.selectors import (
    report_document,
    report_latest_revision,
    report_revision_get,
    report_stale_items,
)


def report_permalink(request, slug: str, number: int | None = None):
    report = get_object_or_404(Report, slug=slug)
    latest = report_latest_revision(report=report)
    revision = latest if number is None else report_revision_get(report=report, number=number)
    if revision is None:
        # A draft (or an unknown revision) exists only for the desk.
        if number is not None or not user_has_role(request.user, REVIEWER):
            raise Http404("No published report here.")
        doc = report_document(report=report, draft=True)
        stale = frozenset()
    else:
        doc = report_document(report=report, revision=revision)
        stale = frozenset(item["claim_id"] for item in report_stale_items(revision=revision))
    context = report_context(doc, stale_claim_ids=stale)
    context.update({
        "report": report,
        "latest_number": latest.number if latest else None,
        "revision_numbers": list(report.revisions.order_by("-number").values_list("number", flat=True)),
        "is_desk": user_has_role(request.user, REVIEWER),
    })
    response = render(request, "reports/report_public.html", context)
    if revision is not None and not context["is_desk"]:
        response["Cache-Control"] = "public, max-age=300"
    return response
