"""The desk's editing pages of a report: publishing behind the publish check, and a claim's summary.

Editors only. Both call the services the API calls (report_check, report_publish, report_claim_update).
"""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render

from verify.models import MAX_ID, Claim
from annotations.reports import services
from annotations.reports.forms import ClaimSummaryForm, PublishForm
from annotations.reports.models import Report, ReportClaim
from annotations.reports.selectors import report_latest_revision, report_stale_items
from annotations.reports.views import detail_url, error_messages, editor_required


@editor_required
def report_publish(request, pk: int):
    """GET: the check's errors and warnings, and the confirmation. POST: publish (refused with errors)."""
    report = get_object_or_404(Report, pk=pk)
    form = PublishForm(data=request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                revision = services.report_publish(report=report, actor=request.user, note=form.cleaned_data["note"])
            except ValidationError as error:
                form.add_error(None, error_messages(error))
            else:
                messages.success(request, f"Published revision {revision.number}.")
                return HttpResponseRedirect(detail_url(report))
        status = 400
    latest = report_latest_revision(report=report)
    return render(request, "reports/report_publish.html", {
        "report": report,
        "latest": latest,
        "check": services.report_check(report=report),
        "stale": report_stale_items(revision=latest) if latest else [],
        "form": form,
    }, status=status)


@editor_required
def report_claim_summary(request, pk: int, claim_id: int):
    """The summary a covered claim is published under, with the claim and where it appeared."""
    if not 0 < claim_id <= MAX_ID:
        raise Http404("No such claim.")
    report = get_object_or_404(Report, pk=pk)
    link = get_object_or_404(ReportClaim.objects.select_related("claim__article"), report=report, claim_id=claim_id)
    claim: Claim = link.claim
    form = ClaimSummaryForm(data=request.POST if request.method == "POST" else None,
                            initial={"claim_reviewed": link.claim_reviewed or claim.text})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            summary = form.cleaned_data["claim_reviewed"]
            try:
                services.report_claim_update(report=report, actor=request.user, claim_id=claim_id,
                                             claim_reviewed="" if summary.strip() == claim.text.strip() else summary)
            except ValidationError as error:
                form.add_error(None, error_messages(error))
            else:
                messages.success(request, f"Summary of claim #{claim_id} saved.")
                return HttpResponseRedirect(detail_url(report) + "#covered")
        status = 400
    return render(request, "reports/report_claim.html",
                  {"report": report, "claim": claim, "article": claim.article, "form": form}, status=status)
