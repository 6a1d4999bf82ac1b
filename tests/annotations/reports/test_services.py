"""Report services: drafts, claim selection, publishing, freezing, revisions, staleness, audit."""
import pytest
from django.core.exceptions import ValidationError

from verify.audit.models import AuditEntry
from tests.factories import ArticleFactory, ClaimFactory
from tests.annotations.reports.conftest import review_again, reviewed_claim
from verify.models import ClaimantType, Verdict
from annotations.reports import services
from annotations.reports.models import ReportItem, ReportStatus
from annotations.reports.selectors import report_document, report_stale_items


def test_create_makes_a_draft_covering_the_chosen_claims_in_order(editor):
    first, second = reviewed_claim(), reviewed_claim(verdict=Verdict.VERIFIED)
    report = services.report_create(title="  Troops  report ", summary="Summary", created_by=editor,
                                    claim_ids=[second.pk, first.pk])
    assert report.status == ReportStatus.DRAFT
    assert report.title == "Troops report"
    assert list(report.report_claims.values_list("claim_id", flat=True)) == [second.pk, first.pk]
    assert report.slug.startswith("troops-report-")
    assert AuditEntry.objects.filter(action="report.create", target_id=str(report.pk), actor=editor).exists()
    assert AuditEntry.objects.get(action="report.claims_add").after["count"] == 2


def test_adding_an_article_takes_only_its_reviewed_claims(editor):
    article = ArticleFactory()
    verified = reviewed_claim(verdict=Verdict.VERIFIED, article=article)
    disputed = reviewed_claim(verdict=Verdict.DISPUTED, article=article)
    ClaimFactory(article=article)  # unreviewed
    reviewed_claim(verdict=Verdict.NOT_A_CLAIM, article=article)
    reviewed_claim()  # another article
    report = services.report_create(title="Article", created_by=editor, article_id=article.pk)
    assert set(report.report_claims.values_list("claim_id", flat=True)) == {verified.pk, disputed.pk}


def test_adding_by_filter_selects_matching_reviewed_claims_and_skips_covered_ones(editor):
    disputed = reviewed_claim(verdict=Verdict.DISPUTED)
    reviewed_claim(verdict=Verdict.VERIFIED)
    report = services.report_create(title="Disputed", created_by=editor, filters={"verdicts": ["disputed"]})
    assert list(report.report_claims.values_list("claim_id", flat=True)) == [disputed.pk]
    added = services.report_add_claims(report=report, actor=editor, claim_ids=[disputed.pk])
    assert added == 0
    assert report.report_claims.count() == 1


@pytest.mark.parametrize("kwargs, field", [
    ({"title": "   "}, "title"),
    ({"title": "x" * 301}, "title"),
    ({"title": "ok", "org_url": "javascript:alert(1)"}, "org_url"),
    ({"title": "ok", "claim_ids": [999_999]}, "claims"),
    ({"title": "ok", "claim_ids": ["seven"]}, "claims"),
    ({"title": "ok", "article_id": 999_999}, "article"),
    ({"title": "ok", "filters": {"colour": "red"}}, "filter"),
])
def test_bad_input_is_refused_with_a_message_naming_the_field(editor, kwargs, field):
    with pytest.raises(ValidationError) as raised:
        services.report_create(created_by=editor, **kwargs)
    assert field in raised.value.message_dict


def test_a_report_cannot_cover_more_than_the_limit(editor, settings):
    settings.VERIFY_REPORT_MAX_CLAIMS = 2
    claims = [reviewed_claim() for _ in range(3)]
    with pytest.raises(ValidationError, match="at most 2"):
        services.report_create(title="Big", created_by=editor, claim_ids=[c.pk for c in claims])


def test_publish_freezes_the_claims_into_revision_one(editor, troops_claim):
    report = services.report_create(title="Troops", created_by=editor, claim_ids=[troops_claim.pk])
    revision = services.report_publish(report=report, actor=editor)
    report.refresh_from_db()
    assert (revision.number, report.status, report.published_by) == (1, ReportStatus.PUBLISHED, editor)
    item = revision.items.get()
    assert item.claim_text.startswith("As many as 11,000 North Korean troops")
    assert (item.verdict, item.claimant, item.claimant_type) == (
        "unverified", "Ukrainian intelligence", ClaimantType.ORGANISATION)
    assert item.reviewer == "Rita Ng"
    assert item.sources[0]["quote"] == "We cannot confirm the number."
    assert item.article_url == "https://news.example.com/world/korea-troops"
    assert revision.org_name == "Meridian Fact Check"
    audit = AuditEntry.objects.get(action="report.publish")
    assert (audit.before["status"], audit.after["revision"], audit.after["items"]) == ("draft", 1, 1)


def test_a_later_review_does_not_change_the_published_revision_but_marks_it_stale(editor, troops_report,
                                                                                 troops_claim):
    revision_one = troops_report.revisions.get()
    assert report_stale_items(revision=revision_one) == []
    review_again(troops_claim, verdict=Verdict.VERIFIED, rationale="Seoul confirmed the figure.")
    document = report_document(report=troops_report)
    assert document.revision_number == 1
    assert [item["verdict"] for item in document.items] == ["unverified"]
    assert report_stale_items(revision=revision_one) == [
        {"claim_id": troops_claim.pk, "claim_text": troops_claim.text, "verdict": "unverified", "position": 1,
         "changes": ["verdict", "rationale"]}]

    revision_two = services.report_publish(report=troops_report, actor=editor, note="Seoul confirmed it.")
    assert revision_two.number == 2
    assert revision_two.items.get().verdict == "verified"
    assert ReportItem.objects.get(revision=revision_one).verdict == "unverified"
    assert report_stale_items(revision=revision_two) == []
    assert report_document(report=troops_report).revision_number == 2


def test_a_claim_not_reviewed_again_is_not_stale(editor):
    claim = reviewed_claim()
    report = services.report_create(title="R", created_by=editor, claim_ids=[claim.pk])
    revision = services.report_publish(report=report, actor=editor)
    assert report_stale_items(revision=revision) == []


def test_publishing_needs_claims_and_every_claim_reviewed(editor):
    report = services.report_create(title="Empty", created_by=editor)
    with pytest.raises(ValidationError, match="at least one claim"):
        services.report_publish(report=report, actor=editor)
    unreviewed = ClaimFactory()
    services.report_add_claims(report=report, actor=editor, claim_ids=[unreviewed.pk])
    with pytest.raises(ValidationError, match=f"#{unreviewed.pk} \\(Unreviewed\\)"):
        services.report_publish(report=report, actor=editor)
    assert not report.revisions.exists()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_the_report_organisation_overrides_the_settings(editor):
    claim = reviewed_claim()
    report = services.report_create(title="R", created_by=editor, claim_ids=[claim.pk],
                                    org_name="Partner Desk", org_url="https://partner.example.net/")
    revision = services.report_publish(report=report, actor=editor)
    assert (revision.org_name, revision.org_url) == ("Partner Desk", "https://partner.example.net/")


def test_deleting_a_claim_later_keeps_what_was_published(editor, troops_report, troops_claim):
    troops_claim.article.delete()
    item = troops_report.revisions.get().items.get()
    assert item.claim_id is None
    assert item.claim_text.startswith("As many as 11,000")


def test_removed_claims_leave_the_published_revision_alone(editor, troops_report, troops_claim):
    removed = services.report_remove_claims(report=troops_report, actor=editor, claim_ids=[troops_claim.pk])
    assert removed == 1
    assert not troops_report.report_claims.exists()
    assert troops_report.revisions.get().items.count() == 1
    assert AuditEntry.objects.filter(action="report.claims_remove").exists()


def test_update_changes_the_working_copy_and_is_audited(editor, troops_report):
    services.report_update(report=troops_report, actor=editor, title="New title")
    troops_report.refresh_from_db()
    assert troops_report.title == "New title"
    assert troops_report.revisions.get().title == "Claims about North Korean troops in Russia"
    assert AuditEntry.objects.get(action="report.update").before["title"].startswith("Claims about")
