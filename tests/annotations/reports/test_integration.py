"""A 5,000-claim report built by a real Celery worker (Redis broker, PostgreSQL), progress via the API."""
import pytest

from tests.integration.stack import wait_for
from tests.annotations.reports.bulk import bulk_reviewed_claims
from annotations.reports import services
from annotations.reports.models import ExportStatus, ReportClaim

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def _reports_settings(settings):
    """The worker process writes to the deployment's MEDIA_ROOT, so this test must read from it too."""
    settings.VERIFY_REPORT_SYNC_MAX_CLAIMS = 500


def test_a_5000_claim_report_is_built_by_the_worker_with_progress(celery_worker_process, celery_live, editor,
                                                                  editor_api):
    ids = bulk_reviewed_claims(5000)
    report = services.report_create(title="Five thousand claims", created_by=editor)
    ReportClaim.objects.bulk_create([ReportClaim(report=report, claim_id=pk, position=n)
                                     for n, pk in enumerate(ids, start=1)], batch_size=1000)
    services.report_publish(report=report, actor=editor)

    response = editor_api.get(f"/api/reports/{report.pk}/export/?format=csv")
    assert response.status_code == 202
    export_id = response.json()["id"]
    seen = []

    def finished():
        status = editor_api.get(f"/api/reports/exports/{export_id}/").json()
        seen.append(status["progress"])
        return status if status["status"] in (ExportStatus.DONE, ExportStatus.FAILED) else None

    status = wait_for(finished, timeout=180, interval=0.1, message="the worker to build the export")
    assert status["status"] == ExportStatus.DONE, status["error"]
    assert seen == sorted(seen) and seen[-1] == 100
    download = editor_api.get(status["download_url"])
    body = b"".join(download.streaming_content).decode("utf-8-sig")
    assert body.count("\r\n") == 5001
    assert "As many as 11,000 North Korean troops are in Kursk." in body
    report.exports.get().file.delete(save=False)
