"""Writes for reports. Views, the API, the export command and the worker task all call these."""
from verify.reports.services.exports import report_export_request, report_export_run
from verify.reports.services.render import RenderedReport, report_render
from verify.reports.services.reports import (
    report_add_claims,
    report_create,
    report_publish,
    report_remove_claims,
    report_update,
)

__all__ = [
    "RenderedReport", "report_add_claims", "report_create", "report_export_request", "report_export_run",
    "report_publish", "report_remove_claims", "report_render", "report_update",
]
