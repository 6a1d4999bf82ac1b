"""Publishing puts the report's items into the matching index in the same transaction."""
import pytest

from annotations.matching.models import DocumentKind, MatchDocument
from annotations.reports import services
from tests.annotations.reports.conftest import TROOPS_TEXT, review_again
from verify.models import Verdict

pytestmark = pytest.mark.django_db


def test_publishing_indexes_the_report_items_without_waiting_for_a_later_claim(editor, troops_claim):
    report = services.report_create(title="Troops", created_by=editor, claim_ids=[troops_claim.pk])
    assert not MatchDocument.objects.filter(kind=DocumentKind.REPORT_ITEM).exists()

    revision = services.report_publish(report=report, actor=editor)

    documents = MatchDocument.objects.filter(kind=DocumentKind.REPORT_ITEM)
    assert [(d.report_item.revision_id, d.text) for d in documents] == [(revision.pk, TROOPS_TEXT)]


def test_a_new_revision_replaces_the_indexed_items_of_the_one_before(editor, troops_report, troops_claim):
    first = MatchDocument.objects.get(kind=DocumentKind.REPORT_ITEM)
    review_again(troops_claim, verdict=Verdict.DISPUTED)

    second = services.report_publish(report=troops_report, actor=editor)

    documents = list(MatchDocument.objects.filter(kind=DocumentKind.REPORT_ITEM))
    assert [d.report_item.revision_id for d in documents] == [second.pk]
    assert documents[0].pk != first.pk
