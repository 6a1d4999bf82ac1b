"""The API documents itself, behind a login, with no third-party CDN."""
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory
from verify.models import Article, ArticleStatus

pytestmark = pytest.mark.django_db


def test_swagger_ui_loads_its_assets_from_this_site(client, reviewer):
    client.force_login(reviewer)
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "drf_spectacular_sidecar" in page
    assert "cdn.jsdelivr.net" not in page and "unpkg.com" not in page


def test_schema_needs_a_login(client):
    assert client.get("/api/schema/").status_code in (401, 403)


def test_health_check_answers_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "stuck_articles": 0}


def test_health_check_reports_articles_stuck_past_the_sweeper_threshold(client, settings):
    stale = timezone.now() - timedelta(seconds=settings.VERIFY_SWEEP_PENDING_AFTER_SECONDS + 5)
    stuck = ArticleFactory(status=ArticleStatus.PENDING)
    Article.objects.filter(pk=stuck.pk).update(updated_at=stale)
    ArticleFactory(status=ArticleStatus.PENDING)  # just submitted: not stuck

    response = client.get("/healthz")

    assert response.status_code == 200 and response.json() == {"status": "degraded", "stuck_articles": 1}
