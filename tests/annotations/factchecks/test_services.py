"""Importing other fact-checkers' work: stored once per review URL, indexed, matched as "checked by",
never applied as the desk's verdict; bad input stores nothing."""
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from annotations.factchecks.models import ImportSource, PublishedFactCheck
from annotations.factchecks.parse import FactCheckDataError
from annotations.factchecks.services import fact_checks_import, fact_checks_import_url
from annotations.matching import selectors, services as matching_services
from annotations.matching.models import DocumentKind, MatchDocument
from tests.factories import ArticleFactory, ClaimFactory, UserFactory
from verify.audit.models import AuditAction, AuditEntry
from verify.ingestion.fetch import FetchResult, ForbiddenAddressError

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
TROOPS_REWORDED = "Up to 11000 North Korean soldiers could be deployed in the region, reports say."


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_an_import_stores_each_item_and_indexes_it_for_matching():
    editor = UserFactory(role="editor")
    outcome = fact_checks_import(content=_read("datafeed.json"), source=ImportSource.UPLOAD,
                                 source_detail="datafeed.json", user=editor)
    assert (outcome.created, outcome.updated, len(outcome.rejected)) == (2, 0, 2)
    rows = PublishedFactCheck.objects.order_by("review_url")
    assert [r.publisher_name for r in rows] == ["Lighthouse Checks", "Lighthouse Checks"]
    assert {d.kind for d in MatchDocument.objects.all()} == {DocumentKind.FACT_CHECK}
    assert MatchDocument.objects.filter(fact_check__in=rows).count() == 2
    entry = AuditEntry.objects.get(action=AuditAction.FACT_CHECKS_IMPORT)
    assert entry.actor == editor and entry.after["created"] == 2 and entry.after["rejected"] == 2


def test_importing_the_same_review_again_updates_it_instead_of_duplicating():
    fact_checks_import(content=_read("single.json"), source=ImportSource.UPLOAD)
    again = fact_checks_import(content=_read("single.json"), source=ImportSource.UPLOAD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    changed = json.loads(_read("single.json"))
    changed["reviewRating"]["alternateName"] = "False"
    changed["claimReviewed"] = "12,000 North Korean troops are stationed in the region."
    outcome = fact_checks_import(data=changed, source=ImportSource.API)
    assert outcome.updated == 1 and PublishedFactCheck.objects.count() == 1
    row = PublishedFactCheck.objects.get()
    assert row.rating_text == "False"
    assert MatchDocument.objects.get(fact_check=row).text == changed["claimReviewed"]


@pytest.mark.parametrize("content", [b"\xff\xfe not utf-8", b"{oops", b'{"hello": "world"}'])
def test_unusable_input_stores_nothing(content):
    with pytest.raises(FactCheckDataError):
        fact_checks_import(content=content, source=ImportSource.UPLOAD)
    assert not PublishedFactCheck.objects.exists() and not MatchDocument.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.FACT_CHECKS_IMPORT).exists()


def test_a_url_is_fetched_through_the_ssrf_safe_fetcher(monkeypatch):
    asked = {}

    def fake_fetch(*, url, accept):
        asked.update(url=url, accept=accept)
        return FetchResult(url=url, final_url=url, status_code=200, mime_type="application/ld+json", charset="utf-8",
                           content=_read("graph.json"), text="")

    monkeypatch.setattr("annotations.factchecks.services.fetch_url", fake_fetch)
    outcome = fact_checks_import_url(url="https://harbourcheck.example.net/feed.json")
    assert outcome.created == 1 and "application/ld+json" in asked["accept"]
    assert PublishedFactCheck.objects.get().source == ImportSource.URL


def test_a_refused_fetch_is_a_data_error(monkeypatch):
    def refuse(**kwargs):
        raise ForbiddenAddressError("Refused to fetch 127.0.0.1: loopback.")

    monkeypatch.setattr("annotations.factchecks.services.fetch_url", refuse)
    with pytest.raises(FactCheckDataError, match="loopback"):
        fact_checks_import_url(url="http://127.0.0.1/feed.json")


def test_a_new_claim_matches_another_fact_checkers_work_shown_as_checked_by_its_publisher():
    fact_checks_import(content=_read("single.json"), source=ImportSource.UPLOAD)
    new = ClaimFactory(article=ArticleFactory(), text=TROOPS_REWORDED)
    [match] = matching_services.claim_matches_find(claim_id=new.pk)
    assert match.document.kind == DocumentKind.FACT_CHECK
    finding = selectors.document_finding(document=match.document)
    assert finding.label == "checked by Harbour Fact Check"
    assert (finding.rating, finding.verdict) == ("Mostly false", "")
    assert finding.review_url == "https://harbourcheck.example.net/checks/north-korean-troops"


def test_another_fact_checkers_rating_is_never_applied_as_the_desks_verdict():
    fact_checks_import(content=_read("single.json"), source=ImportSource.UPLOAD)
    new = ClaimFactory(article=ArticleFactory(), text=TROOPS_REWORDED)
    [match] = matching_services.claim_matches_find(claim_id=new.pk)
    with pytest.raises(ValidationError, match="another fact-checker's rating"):
        matching_services.match_apply_verdict(match=match, reviewer=UserFactory(role="reviewer"))
    new.refresh_from_db()
    assert not new.reviews.exists()


def test_search_lists_other_fact_checkers_work():
    fact_checks_import(content=_read("single.json"), source=ImportSource.UPLOAD)
    [result] = selectors.claims_similar(text=TROOPS_REWORDED)
    assert result.finding.kind == DocumentKind.FACT_CHECK and result.finding.publisher == "Harbour Fact Check"
