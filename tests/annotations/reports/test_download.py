"""report_download: the page and the API decide the version and render-now-or-later the same way."""
import pytest

from annotations.reports import services
from tests.annotations.reports.conftest import review_again
from verify.models import Verdict

pytestmark = pytest.mark.django_db


def test_without_a_revision_the_latest_published_one_is_rendered(editor, troops_report, troops_claim):
    review_again(troops_claim, verdict=Verdict.DISPUTED)
    services.report_publish(report=troops_report, actor=editor)

    download = services.report_download(report=troops_report, fmt="md", requested_by=editor)

    assert download.export is None and download.rendered.filename.endswith("r2.md")
    assert b"Disputed" in download.rendered.content


def test_a_report_never_published_downloads_as_a_draft(editor, troops_claim):
    report = services.report_create(title="Troops", created_by=editor, claim_ids=[troops_claim.pk])
    download = services.report_download(report=report, fmt="md", requested_by=editor)
    assert download.rendered.filename.endswith("draft.md")


def test_over_the_sync_limit_a_worker_builds_the_file(editor, troops_report, settings):
    settings.VERIFY_REPORT_SYNC_MAX_CLAIMS = 0
    download = services.report_download(report=troops_report, fmt="csv", requested_by=editor)
    assert download.rendered is None
    assert (download.export.fmt, download.export.revision.number, download.claims) == ("csv", 1, 1)
