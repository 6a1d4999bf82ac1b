"""tests/factories.py covers every model of the project apps, each factory makes valid rows, and the
invariants the factories promise hold (ReviewFactory: the claim shows its latest review's verdict)."""
import inspect

import factory
import pytest
from django.apps import apps

from annotations.matching.models import DocumentKind
from annotations.reports import selectors as report_selectors
from annotations.reports.models import ExportStatus, ReportClaim, ReportStatus
from tests import factories
from verify.models import Verdict

PROJECT_APP_LABELS = ("verify", "audit", "ingestion", "annotations", "reports", "matching", "factchecks", "apitokens",
                      "dashboard", "webhooks")


def _project_models():
    return [model for label in PROJECT_APP_LABELS for model in apps.get_app_config(label).get_models()
            if not model._meta.abstract and not model._meta.proxy and model._meta.managed]


def _factories():
    return [obj for _name, obj in inspect.getmembers(factories, inspect.isclass)
            if issubclass(obj, factory.django.DjangoModelFactory) and obj._meta.model is not None]


def _factory_for(model):
    found = [f for f in _factories() if f._meta.model is model]
    return found[0] if found else None


MODELS = _project_models()
MODEL_IDS = [model._meta.label for model in MODELS]


def test_the_project_apps_have_models():
    # Guards the walk itself: a renamed label would make the coverage test pass vacuously.
    assert {model._meta.app_label for model in MODELS} == set(PROJECT_APP_LABELS)


def test_every_project_model_has_a_factory():
    missing = [model._meta.label for model in MODELS if _factory_for(model) is None]
    assert missing == [], f"no factory in tests/factories.py for: {', '.join(missing)}"


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=MODEL_IDS)
def test_factory_makes_valid_rows_that_do_not_collide(model):
    model_factory = _factory_for(model)
    assert model_factory is not None, f"no factory for {model._meta.label}"
    first, second = model_factory(), model_factory()
    for row in (first, second):
        assert row.pk is not None
        row.refresh_from_db()
        row.full_clean()  # field validation, unique fields and the model's constraints
    assert first.pk != second.pk
    assert model.objects.filter(pk__in=[first.pk, second.pk]).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=MODEL_IDS)
def test_factory_builds_without_touching_the_database(model, django_assert_num_queries):
    with django_assert_num_queries(0):
        row = _factory_for(model).build()
    assert row.pk is None


@pytest.mark.django_db
@pytest.mark.parametrize("factory_name,parent", [
    ("FeedEntryFactory", "feed"),
    ("ReportClaimFactory", "report"),
    ("ReportRevisionFactory", "report"),
    ("ReportItemFactory", "revision"),
    ("ClaimFactory", "article"),
    ("ReportExportFactory", "report"),
])
def test_siblings_under_one_parent_do_not_collide(factory_name, parent):
    """Fields unique per parent (guid per feed, number per report, position per revision, span per
    article) stay unique when several rows share the parent."""
    model_factory = getattr(factories, factory_name)
    shared = model_factory()
    siblings = [shared, *model_factory.create_batch(2, **{parent: getattr(shared, parent)})]
    for row in siblings:
        row.full_clean()
    assert len({row.pk for row in siblings}) == 3


@pytest.mark.django_db
def test_the_claim_shows_its_latest_review():
    claim = factories.ClaimFactory()
    assert (claim.verdict, claim.version) == (Verdict.UNREVIEWED, 1)

    first = factories.ReviewFactory(claim=claim, verdict=Verdict.UNVERIFIED)
    assert (claim.verdict, claim.version) == (Verdict.UNVERIFIED, 2)  # the caller's instance follows
    later = factories.ReviewFactory(claim=claim, verdict=Verdict.DISPUTED, rationale="The ministry denies it.")

    claim.refresh_from_db()
    assert claim.reviews.first() == later != first  # Review's ordering: newest first
    assert claim.verdict == Verdict.DISPUTED == later.verdict
    assert claim.version == 3  # one bump per review, as review_record does


@pytest.mark.django_db
def test_a_review_of_a_new_claim_sets_its_verdict():
    review = factories.ReviewFactory(verdict=Verdict.VERIFIED)
    review.claim.refresh_from_db()
    assert (review.claim.verdict, review.claim.version) == (Verdict.VERIFIED, 2)


@pytest.mark.django_db
def test_building_a_review_changes_no_claim():
    claim = factories.ClaimFactory()
    factories.ReviewFactory.build(claim=claim, verdict=Verdict.DISPUTED)
    claim.refresh_from_db()
    assert (claim.verdict, claim.version) == (Verdict.UNREVIEWED, 1)


@pytest.mark.django_db
def test_a_report_item_is_its_claim_as_publishing_freezes_it():
    claim = factories.ClaimFactory(claimant="Ukrainian intelligence")
    factories.ReviewFactory(claim=claim, verdict=Verdict.UNVERIFIED)
    review = factories.ReviewFactory(claim=claim, verdict=Verdict.DISPUTED, rationale="Denied.")
    factories.SourceFactory(claim=claim, review=review, url="https://example.org/denial")

    item = factories.ReportItemFactory(claim=claim)

    report = item.revision.report
    [snapshot] = report_selectors.report_snapshot_items(report=report)  # what publishing would freeze now
    # first_published_at is decided at publish (the snapshot leaves it open).
    skipped = ("claim_id", "article_id", "first_published_at")
    frozen = {field: getattr(item, field) for field in snapshot if field not in skipped}
    assert frozen == {key: value for key, value in snapshot.items() if key not in skipped}
    assert item.first_published_at == item.revision.published_at
    assert (item.claim_id, item.article_id) == (snapshot["claim_id"], snapshot["article_id"])
    assert item.review_id_frozen == review.pk and item.verdict == Verdict.DISPUTED
    assert report_selectors.report_stale_items(revision=item.revision) == []
    assert not report_selectors.report_unpublished_changes(report=report, revision=item.revision)
    assert report.status == ReportStatus.PUBLISHED and report.published_at == item.revision.published_at


@pytest.mark.django_db
def test_a_report_item_of_an_unreviewed_claim_gets_a_publishable_review():
    item = factories.ReportItemFactory()
    item.claim.refresh_from_db()
    assert item.verdict == item.claim.verdict == Verdict.UNVERIFIED
    assert item.review_id_frozen == item.claim.reviews.get().pk


@pytest.mark.django_db
def test_a_report_item_can_stay_out_of_the_report():
    item = factories.ReportItemFactory(covered=False)
    assert not ReportClaim.objects.filter(report=item.revision.report).exists()


@pytest.mark.django_db
def test_revisions_number_up_and_the_report_shows_the_latest():
    first = factories.ReportRevisionFactory()
    second = factories.ReportRevisionFactory(report=first.report, note="Added a claim.")
    assert (first.number, second.number) == (1, 2)
    first.report.refresh_from_db()
    assert first.report.published_at == second.published_at


@pytest.mark.django_db
def test_match_documents_and_matches_look_like_the_index():
    document = factories.MatchDocumentFactory()
    assert document.terms and "troop" in document.terms.split()
    item_document = factories.MatchDocumentFactory(for_report_item=True)
    item_document.full_clean()
    assert item_document.kind == DocumentKind.REPORT_ITEM and item_document.claim is None
    assert item_document.text == item_document.report_item.claim_text

    match = factories.ClaimMatchFactory()
    assert match.document.claim_id < match.claim_id  # an earlier claim ...
    assert match.document.claim.article_id != match.claim.article_id  # ... of another article


@pytest.mark.django_db
def test_fetched_pages_and_feed_entries_point_at_example_org():
    page = factories.FetchedPageFactory()
    assert page.final_url.startswith("https://news.example.org/") and page.article.url == page.final_url
    assert page.article.raw_content.split(".")[0] in page.html
    entry = factories.FeedEntryFactory(fetched=True)
    entry.full_clean()
    assert entry.article.url == entry.link == entry.canonical_url and len(entry.content_hash) == 64


@pytest.mark.django_db
def test_a_finished_export_has_its_file(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    export = factories.ReportExportFactory(done=True)
    export.full_clean()
    assert export.status == ExportStatus.DONE and export.file.name.endswith("-draft.csv")
    with export.file.open("rb") as stored:
        assert stored.read().startswith(b"position,")


@pytest.mark.django_db
def test_audit_entries_agree_with_their_claim():
    entry = factories.AuditEntryFactory()
    assert entry.claim.assigned_to == entry.actor
    assert (entry.target_type, entry.target_id) == ("verify.claim", str(entry.claim.pk))
