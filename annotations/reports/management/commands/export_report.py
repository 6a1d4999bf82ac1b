"""`python manage.py export_report ID --format claimreview|html|md|csv|pdf --out FILE [--revision N] [--draft]`"""
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from annotations.reports.models import Report
from annotations.reports.renderers import FORMATS
from annotations.reports.renderers.pdf import PdfUnavailable
from annotations.reports.selectors import report_revision_get
from annotations.reports.services import report_render


class Command(BaseCommand):
    help = "Write a report in one format (the latest published revision unless told otherwise)."

    def add_arguments(self, parser):
        parser.add_argument("report_id", type=int)
        parser.add_argument("--format", dest="fmt", choices=FORMATS, required=True)
        parser.add_argument("--out", required=True, help="File to write; '-' for standard output.")
        parser.add_argument("--revision", type=int, help="Revision number (default: the latest).")
        parser.add_argument("--draft", action="store_true", help="A preview of the current, unpublished data.")

    def handle(self, *args, report_id: int, fmt: str, out: str, revision: int | None, draft: bool, **options):
        report = Report.objects.filter(pk=report_id).first()
        if report is None:
            raise CommandError(f"No report has the id {report_id}.")
        chosen = None
        if revision is not None:
            chosen = report_revision_get(report=report, number=revision)
            if chosen is None:
                raise CommandError(f"Report {report_id} has no revision {revision}.")
        try:
            rendered = report_render(report=report, fmt=fmt, revision=chosen, draft=draft)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except PdfUnavailable as error:
            raise CommandError(str(error)) from error
        if out == "-":
            binary = getattr(self.stdout, "buffer", None)  # the real stdout; a StringIO in tests has none
            if binary is not None:
                binary.write(rendered.content)
            else:
                self.stdout.write(rendered.content.decode(errors="replace"), ending="")
            return
        path = Path(out)
        try:
            path.write_bytes(rendered.content)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}.") from error
        self.stderr.write(f"Wrote {path} ({len(rendered.content)} bytes, {rendered.content_type}).")
