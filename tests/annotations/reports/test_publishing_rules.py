"""What the issue measured, point by point: publishing that Google's ClaimReview rules and the IFCN
principles accept. JSON-LD is read the way a crawler reads it: extracted from the rendered page (extruct),
then checked against Google's required and recommended fields and against the schema.org vocabulary."""
import extruct
import pytest
from django.core.checks import run_checks
from django.core.exceptions import ValidationError
from django.test import Client

from tests.annotations.reports.conftest import review_again, reviewed_claim, traceable_article
from tests.annotations.reports.jsonld_rules import claimreview_errors, google_missing
from tests.annotations.reports.schemaorg_vocab import vocabulary_errors
from tests.factories import SourceFactory
from verify.models import ClaimantType, Verdict
from annotations.reports import services
from annotations.reports.models import ReportItem
from annotations.services.claims import claim_edit


def jsonld_of(path: str) -> list[dict]:
    response = Client().get(path)
    assert response.status_code == 200, path
    return extruct.extract(response.content.decode(), syntaxes=["json-ld"], uniform=True)["json-ld"]


def claim_reviews(path: str) -> list[dict]:
    return [node for node in jsonld_of(path) if node.get("@type") == "ClaimReview"]


def head_of(path: str) -> str:
    return Client().get(path).content.decode().split("</head>")[0]


@pytest.fixture
def seven_claims(editor):
    """A report of seven claims (the issue's measurement), each with a traceable appearance."""
    claims = [reviewed_claim(verdict=verdict, claimant=name, claimant_type=kind)
              for verdict, name, kind in [
                  (Verdict.VERIFIED, "Kim Jong Un", ClaimantType.PERSON),
                  (Verdict.DISPUTED, "the Defence Ministry", ClaimantType.ORGANISATION),
                  (Verdict.UNVERIFIED, "reports", ClaimantType.UNNAMED),
                  (Verdict.UNVERIFIED, "", ""),
                  (Verdict.VERIFIED, "Maria Lopez", ClaimantType.PERSON),
                  (Verdict.DISPUTED, "Seoul's spy agency", ClaimantType.ORGANISATION),
                  (Verdict.UNVERIFIED, "analysts", ClaimantType.UNNAMED)]]
    report = services.report_create(title="Seven claims", created_by=editor, claim_ids=[c.pk for c in claims])
    services.report_publish(report=report, actor=editor)
    return report, claims


# 1 and 2: one ClaimReview per page, on the claim's current page only.
def test_each_claim_page_carries_exactly_one_valid_claimreview_and_the_report_page_none(seven_claims):
    report, claims = seven_claims
    assert claim_reviews(f"/r/{report.slug}/") == []
    for claim in claims:
        path = f"/r/{report.slug}/claims/{claim.pk}/"
        (review,) = claim_reviews(path)
        assert review["url"] == f"https://verity.example.org{path}"
        assert claimreview_errors(review) == []
        assert google_missing(review) == []
        assert vocabulary_errors(review) == []


def test_revision_pages_are_noindex_canonical_to_the_current_page_and_carry_no_claimreview(editor, seven_claims):
    report, claims = seven_claims
    review_again(claims[2], verdict=Verdict.DISPUTED, rationale="Satellite images contradict it.")
    services.report_publish(report=report, actor=editor)
    for path, canonical in [(f"/r/{report.slug}/1/", f"/r/{report.slug}/"),
                            (f"/r/{report.slug}/1/claims/{claims[2].pk}/", f"/r/{report.slug}/claims/{claims[2].pk}/")]:
        head = head_of(path)
        assert '<meta name="robots" content="noindex">' in head
        assert f'<link rel="canonical" href="https://verity.example.org{canonical}">' in head
        assert claim_reviews(path) == []
    current = f"/r/{report.slug}/claims/{claims[2].pk}/"
    assert "noindex" not in head_of(current)
    (review,) = claim_reviews(current)
    assert review["reviewRating"]["alternateName"] == "Disputed"


# 3: the site address.
def test_a_loopback_site_url_with_debug_off_is_a_publish_error_and_a_system_check_warning(editor, settings):
    settings.DEBUG = False
    settings.VERIFY_SITE_URL = "http://127.0.0.1:8000"
    assert [m.id for m in run_checks() if m.id == "reports.W001"] == ["reports.W001"]
    report = services.report_create(title="Local", created_by=editor, claim_ids=[reviewed_claim().pk])
    assert "site_url" in [f.code for f in services.report_check(report=report).errors]
    with pytest.raises(ValidationError, match="only this machine can reach"):
        services.report_publish(report=report, actor=editor)
    settings.VERIFY_SITE_URL = "https://factcheck.example.org"
    assert [m for m in run_checks() if m.id == "reports.W001"] == []
    assert services.report_check(report=report).publishable


# 4: a traceable origin.
def test_a_claim_without_an_appearance_url_or_date_is_refused_until_the_article_says_where_and_when(editor):
    article = traceable_article(url="", published_at=None)
    claim = reviewed_claim(article=article)
    report = services.report_create(title="Pasted", created_by=editor, claim_ids=[claim.pk])
    codes = {f.code for f in services.report_check(report=report).errors}
    assert codes == {"no_appearance", "no_appearance_date"}
    with pytest.raises(ValidationError):
        services.report_publish(report=report, actor=editor)
    response = Client()
    response.force_login(editor)
    page = response.get(f"/reports/{report.pk}/publish/").content.decode()
    assert f"/articles/{article.pk}/edit/" in page  # the check says where to fix it
    traceable = traceable_article()
    article.url, article.published_at = traceable.url + "-pasted", traceable.published_at
    article.save()
    services.report_publish(report=report, actor=editor)
    (review,) = claim_reviews(f"/r/{report.slug}/claims/{claim.pk}/")
    assert review["itemReviewed"]["firstAppearance"]["url"] == article.url
    assert review["itemReviewed"]["datePublished"] == "2024-10-24"


# 5: the claim's author.
def test_only_a_named_claimant_becomes_the_claims_author_typed_and_never_the_publisher(seven_claims):
    report, claims = seven_claims
    authors = [claim_reviews(f"/r/{report.slug}/claims/{c.pk}/")[0]["itemReviewed"].get("author") for c in claims]
    assert authors == [
        {"@type": "Person", "name": "Kim Jong Un"}, {"@type": "Organization", "name": "the Defence Ministry"},
        None, None, {"@type": "Person", "name": "Maria Lopez"}, {"@type": "Organization", "name": "Seoul's spy agency"},
        None]


def test_an_unnamed_or_missing_claimant_is_a_publish_warning(editor):
    claims = [reviewed_claim(claimant="officials", claimant_type=ClaimantType.UNNAMED), reviewed_claim(claimant="")]
    report = services.report_create(title="Unnamed", created_by=editor, claim_ids=[c.pk for c in claims])
    check = services.report_check(report=report)
    assert check.publishable
    assert [(f.code, f.claim_id) for f in check.warnings] == [("unnamed_claimant", c.pk) for c in claims]


# 6: the rating scale.
def test_unverified_has_no_numeric_value_that_reads_half_true_and_every_public_page_explains_the_scale(seven_claims):
    report, claims = seven_claims
    ratings = [claim_reviews(f"/r/{report.slug}/claims/{c.pk}/")[0]["reviewRating"] for c in claims]
    assert [(r["alternateName"], r.get("ratingValue")) for r in ratings] == [
        ("Verified", 5), ("Disputed", 1), ("Unverified", None), ("Unverified", None), ("Verified", 5),
        ("Disputed", 1), ("Unverified", None)]
    for path in (f"/r/{report.slug}/", f"/r/{report.slug}/claims/{claims[0].pk}/", f"/r/{report.slug}/1/"):
        page = Client().get(path).content.decode()
        assert "How we rate claims" in page and "not rated numerically" in page, path


# 7: claimReviewed is written, never cut.
def test_claimreviewed_defaults_to_the_whole_claim_warns_when_long_and_takes_the_editors_summary(editor):
    text = "The government said that the new bridge will carry twice as many cars as the old one did last year."
    claim = reviewed_claim(text=text, claimant="Maria Lopez", claimant_type=ClaimantType.PERSON)
    report = services.report_create(title="Bridge", created_by=editor, claim_ids=[claim.pk])
    assert [f.code for f in services.report_check(report=report).warnings] == ["long_summary"]
    browser = Client()
    browser.force_login(editor)
    response = browser.post(f"/reports/{report.pk}/claims/{claim.pk}/", {"claim_reviewed": "Bridge carries twice the cars"})
    assert response.status_code == 302
    assert services.report_check(report=report).warnings == []
    services.report_publish(report=report, actor=editor)
    (review,) = claim_reviews(f"/r/{report.slug}/claims/{claim.pk}/")
    assert review["claimReviewed"] == "Bridge carries twice the cars"
    assert review["itemReviewed"]["text"] == text


# 8: rationale and sources.
@pytest.mark.parametrize("verdict", [Verdict.DISPUTED, Verdict.VERIFIED])
def test_a_finding_without_source_or_rationale_is_refused_with_the_list(editor, verdict):
    claim = reviewed_claim(verdict=verdict, sources=0, rationale="")
    report = services.report_create(title="Bare", created_by=editor, claim_ids=[claim.pk])
    with pytest.raises(ValidationError) as refused:
        services.report_publish(report=report, actor=editor)
    messages = refused.value.message_dict["publish_check"]
    assert len(messages) == 2 and "without a source" in messages[0] + messages[1] and "no rationale" in " ".join(messages)
    assert not report.revisions.exists()


def test_the_check_endpoint_lists_errors_and_warnings_and_publish_answers_400_with_them(editor, editor_api,
                                                                                      reviewer_api):
    named = {"claimant": "Maria Lopez", "claimant_type": ClaimantType.PERSON}
    claim = reviewed_claim(verdict=Verdict.DISPUTED, sources=0, **named)
    untitled = reviewed_claim(sources=0, **named)
    SourceFactory(claim=untitled, title="")
    report = services.report_create(title="API", created_by=editor, claim_ids=[claim.pk, untitled.pk])
    client = editor_api
    assert reviewer_api.post(f"/api/reports/{report.pk}/check/").status_code == 403
    body = client.post(f"/api/reports/{report.pk}/check/").json()
    assert body["publishable"] is False
    assert [(e["code"], e["claim_id"]) for e in body["errors"]] == [("no_source", claim.pk)]
    assert [(w["code"], w["claim_id"]) for w in body["warnings"]] == [("untitled_source", untitled.pk)]
    refused = client.post(f"/api/reports/{report.pk}/publish/", {}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "publish_check"
    assert "without a source" in " ".join(refused.json()["publish_check"])


def test_a_claim_edited_after_its_verdict_must_be_reviewed_again(editor, reviewer):
    claim = reviewed_claim()
    report = services.report_create(title="Edited", created_by=editor, claim_ids=[claim.pk])
    claim_edit(claim=claim, actor=editor, text=claim.text + " (corrected)", expected_version=claim.version)
    assert [f.code for f in services.report_check(report=report).errors] == ["edited_after_verdict"]
    review_again(claim, verdict=Verdict.UNVERIFIED)
    assert services.report_check(report=report).publishable


# 9 and 10: corrections.
def test_a_corrected_claim_makes_the_report_stale_and_the_revision_shows_what_changed(editor, settings):
    settings.VERIFY_CORRECTIONS_URL = "https://factcheck.example.org/corrections"
    settings.VERIFY_ERROR_REPORT_URL = "mailto:corrections@factcheck.example.org"
    claim = reviewed_claim()
    report = services.report_create(title="Corrections", created_by=editor, claim_ids=[claim.pk])
    first = services.report_publish(report=report, actor=editor)
    claim.refresh_from_db()
    claim_edit(claim=claim, actor=editor, text="As many as 12,000 troops were sent.", expected_version=claim.version)
    review = review_again(claim, verdict=Verdict.UNVERIFIED, rationale="No independent confirmation of the figure.")
    SourceFactory(claim=claim, review=review, url="https://example.org/new-source", title="New source")
    from annotations.reports.selectors import report_stale_items

    (stale,) = report_stale_items(revision=first)
    assert stale["changes"] == ["text", "sources"]
    desk = Client()
    desk.force_login(editor)
    assert "1 published claim changed" in desk.get(f"/reports/{report.pk}/").content.decode()
    assert "As many as 12,000" not in Client().get(f"/r/{report.slug}/claims/{claim.pk}/").content.decode()

    second = services.report_publish(report=report, actor=editor, note="Figure corrected.")
    item = ReportItem.objects.get(revision=second)
    assert item.changes == ["text", "sources"] and item.first_published_at == first.published_at
    path = f"/r/{report.slug}/claims/{claim.pk}/"
    page = Client().get(path).content.decode()
    assert "As many as 12,000 troops were sent." in page
    assert "Claim text corrected; Sources changed" in page
    (review_ld,) = claim_reviews(path)
    assert review_ld["datePublished"] == first.published_at.date().isoformat()
    assert review_ld["dateModified"] == second.published_at.date().isoformat()
    for public in (path, f"/r/{report.slug}/", f"/r/{report.slug}/1/"):
        content = Client().get(public).content.decode()
        assert 'href="https://factcheck.example.org/corrections"' in content, public
        assert 'href="mailto:corrections@factcheck.example.org"' in content, public


def test_a_summary_rewritten_after_publishing_makes_the_report_stale(editor):
    claim = reviewed_claim()
    report = services.report_create(title="Summary", created_by=editor, claim_ids=[claim.pk])
    first = services.report_publish(report=report, actor=editor)
    services.report_claim_update(report=report, actor=editor, claim_id=claim.pk, claim_reviewed="Shorter")
    from annotations.reports.selectors import report_stale_items

    assert [row["changes"] for row in report_stale_items(revision=first)] == [["summary"]]


# The reports area, as an editor found it.
def test_the_reports_area_has_styled_forms_searchable_pickers_and_a_confirmation(editor, reviewer, troops_claim):
    desk = Client()
    desk.force_login(editor)
    listing = desk.get("/reports/").content.decode()
    assert '<div class="field' in listing and "<p><label" not in listing  # the workbench's fields, not as_p
    assert "Claim IDs" not in listing and "All reviewed claims of article" not in listing
    report = services.report_create(title="Area", created_by=editor)
    page = desk.get(f"/reports/{report.pk}/", {"q": "Meridian", "verdict": "unverified"}).content.decode()
    assert f'name="pick" value="{troops_claim.pk}"' in page  # claims picked from a list, not typed ids
    assert "North Korean soldiers head to the front" in page and 'name="article_id"' in page
    assert '<th scope="col">' in page
    assert f'name="pick" value="{troops_claim.pk}"' not in desk.get(
        f"/reports/{report.pk}/", {"q": "no such words"}).content.decode()
    desk.post(f"/reports/{report.pk}/claims/add/", {"pick": [str(troops_claim.pk)]})
    page = desk.get(f"/reports/{report.pk}/").content.decode()
    assert f'href="/claims/{troops_claim.pk}/"' in page and f"/reports/{report.pk}/publish/" in page
    assert desk.post(f"/reports/{report.pk}/publish/").status_code == 400  # one click never publishes
    assert not report.revisions.exists()
    confirm = desk.get(f"/reports/{report.pk}/publish/").content.decode()
    assert "I have read the check above" in confirm and 'class="card stack publish-check"' in confirm
    reader = Client()
    reader.force_login(reviewer)
    assert 'href="/reports/"' in reader.get("/claims/").content.decode()  # reviewers read reports


def test_the_report_page_shows_each_verdict_once_and_links_the_article(troops_report, troops_claim):
    page = Client().get(f"/r/{troops_report.slug}/").content.decode()
    section = page.split(f'id="claim-{troops_claim.pk}"', 1)[1].split("</section>", 1)[0]
    assert section.count('class="badge') == 1
    assert '<a href="https://news.example.com/world/korea-troops" rel="nofollow noopener">North Korean soldiers head to the front</a>' in section


def test_the_openapi_schema_describes_the_check_and_summary_endpoints(editor_api):
    schema = editor_api.get("/api/schema/", {"format": "json"}).json()
    assert "post" in schema["paths"]["/api/reports/{id}/check/"]
    assert "patch" in schema["paths"]["/api/reports/{id}/claims/{claim_id}/"]


def test_out_of_range_ids_in_the_new_addresses_are_404_or_400_never_500(editor, editor_api, troops_report):
    huge = 2**70
    assert Client().get(f"/r/{troops_report.slug}/claims/{huge}/").status_code == 404
    assert Client().get(f"/r/{troops_report.slug}/{huge}/claims/1/").status_code == 404
    desk = Client()
    desk.force_login(editor)
    assert desk.get(f"/reports/{troops_report.pk}/claims/{huge}/").status_code == 404
    response = editor_api.patch(f"/api/reports/{troops_report.pk}/claims/{huge}/", {"claim_reviewed": "x"},
                                format="json")
    assert response.status_code == 400
