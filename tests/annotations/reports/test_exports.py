"""The background export (eager Celery in unit tests) and the export_report command."""
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.annotations.reports.conftest import reviewed_claim
from tests.annotations.reports.jsonld_rules import claimreview_document_errors
from annotations.reports import services
from annotations.reports.models import ExportStatus, ReportExport
from workers.report_tasks import report_export_build


@pytest.fixture
def big_report(editor):
    claims = [reviewed_claim() for _ in range(120)]
    report = services.report_create(title="Big", created_by=editor, claim_ids=[c.pk for c in claims])
    services.report_publish(report=report, actor=editor)
    return report


def test_the_export_task_stores_the_file_and_reports_progress_as_it_goes(editor, big_report, monkeypatch,
                                                                         django_capture_on_commit_callbacks):
    seen = []
    original = ReportExport.objects.filter

    def spy_filter(*args, **kwargs):
        queryset = original(*args, **kwargs)
        real_update = queryset.update

        def update(**fields):
            if "progress" in fields:
                seen.append(fields["progress"])
            return real_update(**fields)

        queryset.update = update
        return queryset

    monkeypatch.setattr(ReportExport.objects, "filter", spy_filter)
    with django_capture_on_commit_callbacks(execute=True):
        export = services.report_export_request(report=big_report, fmt="claimreview", requested_by=editor)
    export.refresh_from_db()
    assert (export.status, export.progress) == (ExportStatus.DONE, 100)
    assert export.filename == f"{big_report.slug}-r1.jsonld"
    assert Path(export.file.path).is_file()
    document = json.loads(Path(export.file.path).read_bytes())
    assert len(document["@graph"]) == 120 and claimreview_document_errors(document) == []
    progress = [value for value in seen if value]
    assert len(progress) >= 10 and progress == sorted(progress) and progress[-1] == 99


def test_running_a_finished_export_again_changes_nothing(editor, big_report, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = services.report_export_request(report=big_report, fmt="csv", requested_by=editor)
    export.refresh_from_db()
    path, finished = export.file.path, export.finished_at
    report_export_build.apply(args=[export.pk])
    export.refresh_from_db()
    assert (export.file.path, export.finished_at, export.status) == (path, finished, ExportStatus.DONE)


def test_a_failing_render_marks_the_export_failed_with_the_reason(editor, big_report, monkeypatch,
                                                                  django_capture_on_commit_callbacks):
    from annotations.reports.renderers import csv as csv_renderer

    def broken(doc):
        raise RuntimeError("disk full")

    monkeypatch.setattr(csv_renderer, "render", broken)
    with django_capture_on_commit_callbacks(execute=True):
        export = services.report_export_request(report=big_report, fmt="csv", requested_by=editor)
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED and "disk full" in export.error


def test_a_queue_outage_fails_the_export_with_a_clear_message(editor, big_report, monkeypatch,
                                                              django_capture_on_commit_callbacks):
    def refuse(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(report_export_build, "apply_async", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        export = services.report_export_request(report=big_report, fmt="md", requested_by=editor)
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED and "queue is unavailable" in export.error


@pytest.mark.parametrize("fmt, starts", [("claimreview", b"{"), ("html", b"<!doctype html>"), ("md", b"# "),
                                         ("csv", "\ufeff\"claim\",".encode()), ("pdf", b"%PDF")])
def test_export_report_command_writes_each_format(troops_report, tmp_path, fmt, starts):
    out = tmp_path / f"report.{fmt}"
    stderr = io.StringIO()
    call_command("export_report", str(troops_report.pk), "--format", fmt, "--out", str(out), stderr=stderr)
    assert out.read_bytes().startswith(starts)
    assert "Wrote" in stderr.getvalue()
    if fmt != "pdf":
        assert "11,000 North Korean troops" in out.read_bytes().decode("utf-8-sig")


def test_export_report_command_explains_bad_arguments(troops_report, tmp_path):
    with pytest.raises(CommandError, match="No report has the id 999999"):
        call_command("export_report", "999999", "--format", "md", "--out", str(tmp_path / "x.md"))
    with pytest.raises(CommandError, match="has no revision 7"):
        call_command("export_report", str(troops_report.pk), "--format", "md", "--revision", "7",
                     "--out", str(tmp_path / "x.md"))
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("export_report", str(troops_report.pk), "--format", "md", "--out",
                     str(tmp_path / "missing-dir" / "x.md"))
    with pytest.raises(CommandError):
        call_command("export_report", str(troops_report.pk), "--format", "docx", "--out", str(tmp_path / "x"))
