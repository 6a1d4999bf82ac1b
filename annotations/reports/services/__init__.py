"""Writes for reports. Views, the API, the export command and the worker task all call these."""
from annotations.reports.services.check import CheckCode, Finding, PublishCheck, report_check
from annotations.reports.services.download import Download, report_download
from annotations.reports.services.exports import report_export_fail, report_export_request, report_export_run
from annotations.reports.services.render import RenderedReport, report_render
from annotations.reports.services.reports import (
    report_add_claims,
    report_claim_update,
    report_create,
    report_publish,
    report_remove_claims,
    report_update,
)

__all__ = [
    "CheckCode", "Finding", "PublishCheck", "report_check", "report_claim_update",
    "Download", "RenderedReport", "report_add_claims", "report_create", "report_download", "report_export_fail", "report_export_request", "report_export_run",
    "report_publish", "report_remove_claims", "report_render", "report_update",
]
