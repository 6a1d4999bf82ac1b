"""Every format from the one report_render service: field rules, escaping, columns, the example."""
import csv
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.annotations.reports.conftest import reviewed_claim
from tests.annotations.reports.jsonld_rules import claimreview_document_errors
from verify.models import ClaimantType, Verdict
from annotations.reports import services

from annotations.reports.renderers.csv import HEADER

JSONLD_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def render(report, fmt, **kwargs):
    return services.report_render(report=report, fmt=fmt, **kwargs)


def claimreviews(report) -> dict:
    return json.loads(render(report, "claimreview").content)


def test_claimreview_follows_the_field_rules(troops_report):
    document = claimreviews(troops_report)
    assert claimreview_document_errors(document) == []
    (review,) = document["@graph"]
    assert review["url"] == f"https://verity.example.org/r/{troops_report.slug}/claims/{troops_report.claims.get().pk}/"
    assert review["author"] == {"@type": "Organization", "name": "Meridian Fact Check",
                                "url": "https://factcheck.example.org/"}
    # Unverified is a label, not a point on the numeric scale (3 of 5 would read as "half true").
    assert review["reviewRating"] == {
        "@type": "Rating", "alternateName": "Unverified",
        "ratingExplanation": "Estimates range from 3,000 to 12,000; no independent count exists."}
    claim = review["itemReviewed"]
    assert claim["author"] == {"@type": "Organization", "name": "Ukrainian intelligence"}
    assert claim["datePublished"] == "2024-10-24"
    assert claim["appearance"][0]["url"] == "https://news.example.com/world/korea-troops"
    assert review["datePublished"] == review["dateModified"] == troops_report.published_at.date().isoformat()


def test_every_verdict_has_its_rating_and_a_person_claimant_is_a_person(editor):
    claims = [
        reviewed_claim(verdict=Verdict.VERIFIED, claimant="Kim Jong Un", claimant_type=ClaimantType.PERSON),
        reviewed_claim(verdict=Verdict.DISPUTED, claimant="the Defence Ministry",
                       claimant_type=ClaimantType.ORGANISATION),
        reviewed_claim(verdict=Verdict.UNVERIFIED, claimant="Maria Lopez", claimant_type=ClaimantType.PERSON),
    ]
    report = services.report_create(title="Three", created_by=editor, claim_ids=[c.pk for c in claims])
    services.report_publish(report=report, actor=editor)
    document = claimreviews(report)
    assert claimreview_document_errors(document) == []
    ratings = [(r["reviewRating"]["alternateName"], r["reviewRating"].get("ratingValue")) for r in document["@graph"]]
    assert ratings == [("Verified", 5), ("Disputed", 1), ("Unverified", None)]
    assert [r["itemReviewed"]["author"]["@type"] for r in document["@graph"]] == ["Person", "Organization", "Person"]


def test_a_long_claim_is_published_whole_in_claimreviewed_never_cut_with_an_ellipsis(editor):
    text = "The government said " + "that the new bridge will carry twice as many cars as the old one " * 3
    claim = reviewed_claim(text=text)
    report = services.report_create(title="Long", created_by=editor, claim_ids=[claim.pk])
    services.report_publish(report=report, actor=editor)
    (review,) = claimreviews(report)["@graph"]
    assert review["claimReviewed"] == " ".join(text.split())
    assert not review["claimReviewed"].endswith("…")
    assert review["itemReviewed"]["text"] == text


def test_the_summary_an_editor_wrote_is_the_claimreviewed(editor):
    claim = reviewed_claim(text="The government said that the new bridge will carry twice as many cars as the old one.")
    report = services.report_create(title="Summary", created_by=editor, claim_ids=[claim.pk])
    services.report_claim_update(report=report, actor=editor, claim_id=claim.pk,
                                 claim_reviewed="New bridge carries twice the cars")
    services.report_publish(report=report, actor=editor)
    (review,) = claimreviews(report)["@graph"]
    assert review["claimReviewed"] == "New bridge carries twice the cars"
    assert review["itemReviewed"]["text"] == claim.text


def test_a_claim_without_claimant_or_article_url_still_validates(editor):
    claim = reviewed_claim(claimant="")
    claim.article.url = ""
    claim.article.save()
    report = services.report_create(title="Bare", created_by=editor, claim_ids=[claim.pk])
    document = json.loads(render(report, "claimreview", draft=True).content)  # publishing it is refused
    # A draft has no publication date yet; everything else follows the rules.
    assert [e for e in claimreview_document_errors(document) if "datePublished" not in e] == []
    assert "author" not in document["@graph"][0]["itemReviewed"]  # nobody named: no author is made up
    assert "appearance" not in document["@graph"][0]["itemReviewed"]


def test_html_escapes_user_text_and_carries_no_claimreview_of_its_own(editor):
    evil = '<script>alert("x")</script> & <b>bold</b>'
    claim = reviewed_claim(text=evil, claimant="<img src=x onerror=alert(1)>", rationale="</script><script>bad()")
    report = services.report_create(title="<i>Title</i>", created_by=editor, claim_ids=[claim.pk])
    services.report_publish(report=report, actor=editor)
    page = render(report, "html").content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page and "<i>Title</i>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    # Each ClaimReview belongs on its claim's page only: the whole-report file carries none.
    assert JSONLD_SCRIPT.findall(page) == []


def test_html_shows_verdict_badge_rationale_claimant_article_and_sources_with_quotes(troops_report):
    page = render(troops_report, "html").content.decode()
    assert 'class="badge badge-unverified"' in page
    assert "Estimates range from 3,000 to 12,000" in page
    assert "Ukrainian intelligence" in page
    assert 'href="https://news.example.com/world/korea-troops"' in page
    assert 'href="https://www.defense.example.gov/briefing"' in page
    assert "“We cannot confirm the number.”" in page
    assert f'<link rel="canonical" href="https://verity.example.org/r/{troops_report.slug}/">' in page


def test_csv_has_one_row_per_claim_with_the_agreed_columns(editor, troops_report):
    content = render(troops_report, "csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert list(rows[0]) == HEADER == ["claim", "claimant", "claimant type", "verdict", "rationale", "sources",
                                       "article", "reviewer", "reviewed at"]
    (row,) = rows
    assert row["verdict"] == "Unverified"
    assert (row["claimant"], row["claimant type"]) == ("Ukrainian intelligence", "Organisation")
    assert row["sources"] == ("Pentagon briefing, 23 October <https://www.defense.example.gov/briefing>: "
                              "“We cannot confirm the number.”")
    assert row["article"] == "North Korean soldiers head to the front <https://news.example.com/world/korea-troops>"
    assert row["reviewer"] == "Rita Ng"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", row["reviewed at"])


def test_csv_neutralises_spreadsheet_formulas(editor):
    claim = reviewed_claim(text="=HYPERLINK(\"http://evil\")", claimant="+cmd")
    report = services.report_create(title="F", created_by=editor, claim_ids=[claim.pk])
    row = next(csv.DictReader(io.StringIO(render(report, "csv").content.decode("utf-8-sig"))))
    assert row["claim"].startswith("'=") and row["claimant"] == "'+cmd"


def test_markdown_reads_as_a_newsletter_section_and_escapes_markup(editor, troops_report):
    text = render(troops_report, "md").content.decode()
    assert text.startswith("# Claims about North Korean troops in Russia\n")
    assert ("## As many as 11,000 North Korean troops could be fighting alongside Russian forces in Kursk. "
            "— Unverified") in text
    assert ("- [Pentagon briefing, 23 October](<https://www.defense.example.gov/briefing>), US Department of "
            "Defense: “We cannot confirm the number.”") in text
    claim = reviewed_claim(text="Prices *doubled* in [2023](http://x) <b>", claimant="")
    report = services.report_create(title="M", created_by=editor, claim_ids=[claim.pk])
    escaped = render(report, "md").content.decode()
    assert r"Prices \*doubled\* in \[2023\](http://x) \<b\>" in escaped


def test_pdf_is_a_pdf_with_the_verdict_in_its_text(troops_report):
    from pypdf import PdfReader

    rendered = render(troops_report, "pdf")
    assert rendered.content.startswith(b"%PDF")
    assert rendered.content_type == "application/pdf"
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(rendered.content)).pages)
    assert "As many as 11,000 North Korean troops" in text
    assert "Unverified" in text and "We cannot confirm the number." in text


EXAMPLE = re.compile(r"As many as 11,000 North Korean troops .{0,80}?(— )?Unverified")


@pytest.mark.parametrize("fmt", ["claimreview", "html", "md", "csv", "pdf"])
def test_the_troops_example_reads_naturally_in_every_format(troops_report, fmt):
    rendered = render(troops_report, fmt)
    if fmt == "pdf":
        from pypdf import PdfReader

        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(rendered.content)).pages)
    else:
        text = rendered.content.decode("utf-8-sig")
    if fmt == "html":
        text = re.sub(r"<[^>]+>", " ", text.split("<body>")[1]) + " ".join(re.findall(r'href="([^"]+)"', text))
    text = " ".join(text.split())
    if fmt == "claimreview":
        (review,) = json.loads(rendered.content)["@graph"]
        source = review["citation"][0]
        text = (f"{review['itemReviewed']['text']} — {review['reviewRating']['alternateName']} "
                f"{source['name']} {source['url']}: {source['text']}")
    elif fmt == "csv":
        row = next(csv.DictReader(io.StringIO(rendered.content.decode("utf-8-sig"))))
        text = f"{row['claim']} — {row['verdict']} {row['sources']}"
    assert EXAMPLE.search(text), text[:400]
    assert "defense.example.gov/briefing" in text or fmt == "pdf"
    assert "We cannot confirm the number." in text


def test_filenames_and_content_types_name_the_revision(troops_report):
    rendered = render(troops_report, "claimreview")
    assert rendered.filename == f"{troops_report.slug}-r1.jsonld"
    assert rendered.content_type.startswith("application/ld+json")
    assert render(troops_report, "md", draft=True).filename.endswith("-draft.md")


def test_unknown_format_is_a_validation_error(troops_report):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Unknown format"):
        render(troops_report, "docx")


def _published_report(editor, size: int):
    claims = [reviewed_claim(verdict=Verdict.VERIFIED, sources=2) for _ in range(size)]
    report = services.report_create(title=f"{size} claims", created_by=editor, claim_ids=[c.pk for c in claims])
    services.report_publish(report=report, actor=editor)
    return report


@pytest.mark.parametrize("fmt", ["claimreview", "csv", "md", "html"])
@pytest.mark.parametrize("draft", [False, True])
def test_rendering_takes_the_same_few_queries_for_10_and_100_claims(editor, fmt, draft):
    counts = []
    for size in (10, 100):
        report = _published_report(editor, size)
        with CaptureQueriesContext(connection) as queries:
            rendered = render(report, fmt, draft=draft)
        assert rendered.content
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 4, counts


def test_a_draft_preview_with_an_unreviewed_claim_is_still_valid_json(editor):
    from tests.factories import ClaimFactory

    report = services.report_create(title="Draft", created_by=editor, claim_ids=[ClaimFactory().pk])
    document = json.loads(render(report, "claimreview", draft=True).content)
    rating = document["@graph"][0]["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "Unreviewed"}  # never a numeric verdict
    assert "datePublished" not in document["@graph"][0]


def test_the_garbage_collector_is_running_again_after_a_render_even_a_failing_one(troops_report, monkeypatch):
    import gc

    from annotations.reports.renderers import csv as csv_renderer

    seen = []
    real_render = csv_renderer.render
    monkeypatch.setattr(csv_renderer, "render", lambda doc: seen.append(gc.isenabled()) or real_render(doc))
    render(troops_report, "csv")
    assert seen == [False] and gc.isenabled()

    def broken(doc):
        raise RuntimeError("boom")

    monkeypatch.setattr(csv_renderer, "render", broken)
    with pytest.raises(RuntimeError):
        render(troops_report, "csv")
    assert gc.isenabled()
