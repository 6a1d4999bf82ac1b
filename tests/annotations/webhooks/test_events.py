"""The other two events come from where they happen: publishing a report, and matching finding an
earlier claim (new links only: matching the same claim again sends nothing)."""
import pytest

from annotations.matching import services as matching
from annotations.reports import services as reports
from annotations.webhooks.models import WebhookDelivery, WebhookFormat
from tests.annotations.reports.conftest import reviewed_claim
from tests.factories import ArticleFactory, ClaimFactory, MatchDocumentFactory, WebhookEndpointFactory
from verify.models import Verdict

pytestmark = pytest.mark.django_db

TROOPS = "As many as 11,000 North Korean troops could be stationed in the region."


def test_publishing_a_report_sends_its_permalink_and_revision(editor, settings):
    settings.VERIFY_SITE_URL = "https://verity.example.org"
    endpoint = WebhookEndpointFactory(events=["report.published"])
    slack = WebhookEndpointFactory(events=["report.published"], format=WebhookFormat.SLACK)
    claim = reviewed_claim(verdict=Verdict.DISPUTED)  # with the appearance and source publishing asks for
    report = reports.report_create(title="Troops <in> Kursk", created_by=editor, claim_ids=[claim.pk])
    reports.report_publish(report=report, actor=editor)

    body = WebhookDelivery.objects.get(endpoint=endpoint).body
    assert body["event"] == "report.published"
    assert (body["data"]["report"]["title"], body["data"]["report"]["revision"], body["data"]["report"]["items"]) == (
        "Troops <in> Kursk", 1, 1)
    assert body["data"]["report"]["url"] == f"https://verity.example.org/r/{report.slug}/"
    assert WebhookDelivery.objects.get(endpoint=slack).body["text"].endswith(f"/r/{report.slug}/")


def test_matching_sends_new_links_once(settings):
    settings.VERIFY_MATCH_EMBEDDING_MODEL = ""
    endpoint = WebhookEndpointFactory(events=["match.found"])
    earlier = ClaimFactory(article=ArticleFactory(), text=TROOPS, verdict=Verdict.DISPUTED)
    MatchDocumentFactory(claim=earlier)
    new = ClaimFactory(article=ArticleFactory(), text=TROOPS)

    links = matching.claim_matches_find(claim_id=new.pk)
    assert links
    body = WebhookDelivery.objects.get(endpoint=endpoint).body
    assert body["data"]["claim"]["id"] == new.pk
    assert [(m["document"]["claim_id"], m["numbers_agree"]) for m in body["data"]["matches"]] == [(earlier.pk, True)]

    matching.claim_matches_find(claim_id=new.pk)  # nothing new
    assert WebhookDelivery.objects.filter(endpoint=endpoint).count() == 1
