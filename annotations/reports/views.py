"""The desk's report pages: list and create, build (add/remove claims), download, export
(publishing and claim summaries: views_editing.py).

Reviewers read and download; editors build and publish. Every action calls a service.
"""
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from verify.permissions import role_required
from verify.roles import EDITOR, REVIEWER, user_has_role
from annotations.reports import services
from annotations.reports.forms import (
    ClaimRemoveForm,
    ClaimSelectionForm,
    ExportForm,
    PickerForm,
    ReportCreateForm,
)
from annotations.reports.models import ExportStatus, Report, ReportExport
from annotations.reports.pickers import report_article_candidates, report_claim_candidates
from annotations.reports.rating import PUBLISHABLE_VERDICTS
from annotations.reports.renderers import FORMAT_CHOICES
from annotations.reports.renderers.pdf import PdfUnavailable
from annotations.reports.selectors import (
    report_exports,
    report_latest_revision,
    report_list as report_list_query,
    report_revision_requested,
    report_snapshot_items,
    report_stale_items,
    report_unpublished_changes,
)

reviewer_required = role_required(REVIEWER)
editor_required = role_required(EDITOR)
# The detail page lists this many covered claims; the downloads hold them all.
CLAIMS_SHOWN = 300


def detail_url(report: Report) -> str:
    return reverse("reports:detail", args=[report.pk])


def error_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [f"{message}" for messages_ in error.message_dict.values() for message in messages_]
    return error.messages


@reviewer_required
def report_list(request):
    form = ReportCreateForm()
    status = 200
    if request.method == "POST":
        if not user_has_role(request.user, EDITOR):
            return HttpResponse("Only editors create reports.", status=403)
        form = ReportCreateForm(data=request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.report_create(
                    title=data["title"], summary=data["summary"], org_name=data["org_name"],
                    org_url=data["org_url"], created_by=request.user, **form.selection())
            except ValidationError as error:
                form.add_error(None, error_messages(error))
            else:
                messages.success(request, f"Draft report “{report.title}” created.")
                return HttpResponseRedirect(detail_url(report))
        status = 400
    return render(request, "reports/report_list.html",
                  {"reports": report_list_query()[:200], "form": form,
                   "can_edit": user_has_role(request.user, EDITOR)}, status=status)


@reviewer_required
def report_detail(request, pk: int, add_form=None, status: int = 200):
    report = get_object_or_404(Report.objects.select_related("created_by"), pk=pk)
    latest = report_latest_revision(report=report)
    items = report_snapshot_items(report=report)
    stale = report_stale_items(revision=latest) if latest else []
    published = set(latest.items.exclude(claim__isnull=True).values_list("claim_id", flat=True)) if latest else set()
    can_edit = user_has_role(request.user, EDITOR)
    picker = PickerForm(data=request.GET or None)
    query = picker.cleaned_data if picker.is_valid() else {"q": "", "verdict": ""}
    revisions = list(report.revisions.select_related("published_by").order_by("-number"))
    exports = list(report_exports(report=report)[:20])
    return render(request, "reports/report_detail.html", {
        "report": report,
        "latest": latest,
        "items": items[:CLAIMS_SHOWN],
        "items_total": len(items),
        "unpublishable": [item for item in items if item["verdict"] not in PUBLISHABLE_VERDICTS],
        "stale": stale,
        "unpublished_changes": report_unpublished_changes(report=report, revision=latest),
        "revisions": revisions,
        "exports": exports,
        "exports_running": any(e.status in (ExportStatus.PENDING, ExportStatus.RUNNING) for e in exports),
        "formats": FORMAT_CHOICES,
        "published_claims": published,
        "add_form": add_form or ClaimSelectionForm(),
        "picker": picker,
        "searched": picker.is_bound,
        "claim_candidates": list(report_claim_candidates(report=report, query=query["q"], verdict=query["verdict"]))
        if can_edit else [],
        "article_candidates": list(report_article_candidates(query=query["q"])) if can_edit else [],
        "can_edit": can_edit,
        "sync_max": settings.VERIFY_REPORT_SYNC_MAX_CLAIMS,
    }, status=status)


@require_POST
@editor_required
def report_claims_add(request, pk: int):
    report = get_object_or_404(Report, pk=pk)
    form = ClaimSelectionForm(data=request.POST)
    if form.is_valid():
        try:
            added = services.report_add_claims(report=report, actor=request.user, **form.selection())
        except ValidationError as error:
            form.add_error(None, error_messages(error))
        else:
            messages.success(request, f"{added} claim{'s' if added != 1 else ''} added.")
            return HttpResponseRedirect(detail_url(report))
    return report_detail(request, pk=pk, add_form=form, status=400)


@require_POST
@editor_required
def report_claims_remove(request, pk: int):
    report = get_object_or_404(Report, pk=pk)
    form = ClaimRemoveForm(data=request.POST)
    if not form.is_valid():
        for message in form.errors["claim"]:
            messages.error(request, message)
        return report_detail(request, pk=pk, status=400)
    ids = form.cleaned_data["claim"]
    removed = services.report_remove_claims(report=report, actor=request.user, claim_ids=ids) if ids else 0
    messages.success(request, f"{removed} claim{'s' if removed != 1 else ''} removed.")
    return HttpResponseRedirect(detail_url(report))


@require_GET
@reviewer_required
def report_download(request, pk: int, fmt: str):
    """A file now; a large report is handed to a worker instead (progress on the detail page)."""
    report = get_object_or_404(Report, pk=pk)
    form = ExportForm(data={"format": fmt, "revision": request.GET.get("revision") or None})
    if not form.is_valid():
        raise Http404("Unknown format or revision.")
    revision = report_revision_requested(report=report, number=form.cleaned_data["revision"])
    try:
        download = services.report_download(report=report, fmt=fmt, requested_by=request.user, revision=revision,
                                            draft=request.GET.get("draft") == "1")
    except PdfUnavailable as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(detail_url(report))
    if download.export is not None:
        messages.info(request, f"{download.claims} claims: the {fmt} file is being built (export "
                               f"#{download.export.pk}); it appears below when ready.")
        return HttpResponseRedirect(detail_url(report) + "#exports")
    rendered = download.rendered
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


@require_POST
@reviewer_required
def report_export_start(request, pk: int):
    report = get_object_or_404(Report, pk=pk)
    form = ExportForm(data=request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a format (and an existing revision).")
        return HttpResponseRedirect(detail_url(report))
    revision = report_revision_requested(report=report, number=form.cleaned_data["revision"])
    export = services.report_export_request(report=report, fmt=form.cleaned_data["format"],
                                            requested_by=request.user, revision=revision)
    messages.info(request, f"Export #{export.pk} started.")
    return HttpResponseRedirect(detail_url(report) + "#exports")


@require_GET
@reviewer_required
def report_export_status(request, export_id: int):
    export = get_object_or_404(ReportExport, pk=export_id)
    return JsonResponse({
        "id": export.pk, "status": export.status, "progress": export.progress, "error": export.error,
        "download_url": reverse("reports:export-download", args=[export.pk])
        if export.status == ExportStatus.DONE else None,
    })


@require_GET
@reviewer_required
def report_export_download(request, export_id: int):
    export = get_object_or_404(ReportExport, pk=export_id, status=ExportStatus.DONE)
    if not export.file:
        raise Http404("The file is gone.")
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename,
                        content_type=export.content_type)

