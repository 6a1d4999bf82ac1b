"""Claimant kinds in reports: a named person or organisation is an author, an unnamed source never is."""
import csv
import io
import json

import pytest

from annotations.reports import services
from annotations.reports.claimants import claimant_schema_type, item_claimant_type
from annotations.reports.models import ReportItem
from tests.annotations.reports.conftest import reviewed_claim
from verify.models import ClaimantType


def _published(editor, **claim_fields):
    claim = reviewed_claim(**claim_fields)
    report = services.report_create(title="Kinds", created_by=editor, claim_ids=[claim.pk])
    services.report_publish(report=report, actor=editor)
    return report


def _render(report, fmt) -> str:
    return services.report_render(report=report, fmt=fmt).content.decode("utf-8-sig")


def _author(report):
    (review,) = json.loads(_render(report, "claimreview"))["@graph"]
    return review["itemReviewed"].get("author")


@pytest.mark.parametrize("kind,schema_type", [(ClaimantType.PERSON, "Person"),
                                               (ClaimantType.ORGANISATION, "Organization")])
def test_a_named_claimant_is_the_claim_author_with_its_schema_type(editor, kind, schema_type):
    report = _published(editor, claimant="Volodymyr Zelensky", claimant_type=kind)
    assert _author(report) == {"@type": schema_type, "name": "Volodymyr Zelensky"}


@pytest.mark.parametrize("claimant,kind", [("reports", ClaimantType.UNNAMED), ("", ""),
                                           ("reports", "")])
def test_an_unnamed_source_or_nobody_is_no_author_and_never_an_organization_called_reports(editor, claimant, kind):
    report = _published(editor, claimant=claimant, claimant_type=kind, entities=[])
    assert _author(report) is None


def test_unnamed_sources_read_as_such_in_csv_markdown_and_html(editor):
    report = _published(editor, claimant="military experts", claimant_type=ClaimantType.UNNAMED)
    row = next(csv.DictReader(io.StringIO(_render(report, "csv"))))
    assert (row["claimant"], row["claimant type"]) == ("military experts", "Unnamed source")
    assert "**Unnamed source:** military experts" in _render(report, "md")
    assert "<em>Unnamed source:</em> military experts" in _render(report, "html")
    assert "<dt>Claimant</dt>" not in _render(report, "html")


def test_named_claimants_carry_their_kind_in_markdown_and_html(editor):
    report = _published(editor, claimant="Volodymyr Zelensky", claimant_type=ClaimantType.PERSON)
    assert "**Claimant:** Volodymyr Zelensky (person)" in _render(report, "md")
    assert '<dd>Volodymyr Zelensky <small class="claimant-kind">(person)</small></dd>' in _render(report, "html")


def test_publishing_freezes_the_claimant_type(editor):
    report = _published(editor, claimant="analysts", claimant_type=ClaimantType.UNNAMED)
    assert report.revisions.get().items.get().claimant_type == ClaimantType.UNNAMED


def test_revisions_published_with_schema_org_types_still_render_their_authors(editor):
    report = _published(editor, claimant="Kim Jong Un", claimant_type=ClaimantType.PERSON)
    ReportItem.objects.filter(revision__report=report).update(claimant_type="Person")
    assert _author(report) == {"@type": "Person", "name": "Kim Jong Un"}


def test_an_untyped_claim_from_before_types_is_typed_only_by_an_exact_named_entity():
    person = [{"text": "Kim Jong Un", "label": "PERSON", "start": 0, "end": 11}]
    assert item_claimant_type("Kim Jong Un", "", person) == ClaimantType.PERSON
    assert item_claimant_type("the Defence Ministry", "", [{"text": "the Defence Ministry", "label": "ORG"}]) \
        == ClaimantType.ORGANISATION
    assert item_claimant_type("reports", "", []) == ""  # no guessing from words
    assert item_claimant_type("", ClaimantType.PERSON, person) == ""
    assert claimant_schema_type(ClaimantType.UNNAMED) == "" and claimant_schema_type("") == ""
