"""Report fixtures: reviewed claims with sources, and the example the product is named for."""
from datetime import datetime, timezone

import pytest

from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SourceFactory, UserFactory
from verify.models import ClaimantType, Verdict
from annotations.reports import services

TROOPS_TEXT = "As many as 11,000 North Korean troops could be fighting alongside Russian forces in Kursk."


@pytest.fixture(autouse=True)
def _reports_settings(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.VERIFY_ORG_NAME = "Meridian Fact Check"
    settings.VERIFY_ORG_URL = "https://factcheck.example.org/"
    settings.VERIFY_SITE_URL = "https://verity.example.org"


def reviewed_claim(*, verdict: str = Verdict.UNVERIFIED, text: str | None = None, claimant: str = "reports",
                   rationale: str = "No independent confirmation of the figure.", sources: int = 1,
                   article=None, reviewer=None, entities=None, **claim_fields):
    """A claim with a review (ReviewFactory keeps the claim's verdict equal to its latest review), in an
    article with an address and a date (what the publish check asks of a claim's appearance)."""
    fields = {"verdict": verdict, "claimant": claimant, **claim_fields}
    if text is not None:
        fields["text"] = text
    fields["article"] = article if article is not None else traceable_article()
    if entities is not None:
        fields["entities"] = entities
    claim = ClaimFactory(**fields)
    review = ReviewFactory(claim=claim, verdict=verdict, rationale=rationale,
                           reviewer=reviewer or UserFactory(username="rev", role="reviewer"))
    for _ in range(sources):
        SourceFactory(claim=claim, review=review, added_by=review.reviewer)
    return claim


def traceable_article(**fields):
    """An article with the original address and publication date a published claim needs."""
    number = ArticleFactory._meta.model.objects.count() + 1
    return ArticleFactory(**{"url": f"https://news.example.com/story-{number}",
                             "published_at": datetime(2024, 10, 24, 9, 30, tzinfo=timezone.utc), **fields})


def review_again(claim, *, verdict: str, rationale: str = "New evidence."):
    """A later review (the factory moves the claim's verdict and version as the review service does)."""
    return ReviewFactory(claim=claim, verdict=verdict, rationale=rationale,
                         reviewer=UserFactory(username="rev2", role="reviewer"))


@pytest.fixture
def troops_claim(db):
    article = ArticleFactory(
        title="North Korean soldiers head to the front", url="https://news.example.com/world/korea-troops",
        publisher="The Meridian Ledger", published_at=datetime(2024, 10, 24, 9, 30, tzinfo=timezone.utc),
    )
    claim = ClaimFactory(article=article, text=TROOPS_TEXT, claimant="Ukrainian intelligence",
                         claimant_type=ClaimantType.ORGANISATION, verdict=Verdict.UNVERIFIED,
                         entities=[{"text": "Ukrainian intelligence", "label": "ORG", "start": 0, "end": 22}])
    reviewer = UserFactory(username="rng", role="reviewer", first_name="Rita", last_name="Ng")
    review = ReviewFactory(claim=claim, reviewer=reviewer, verdict=Verdict.UNVERIFIED,
                           rationale="Estimates range from 3,000 to 12,000; no independent count exists.")
    SourceFactory(claim=claim, review=review, added_by=reviewer, url="https://www.defense.example.gov/briefing",
                  title="Pentagon briefing, 23 October", publisher="US Department of Defense",
                  quote="We cannot confirm the number.")
    return claim


@pytest.fixture
def troops_report(editor, troops_claim):
    report = services.report_create(title="Claims about North Korean troops in Russia", created_by=editor,
                                    summary="What we could and could not confirm.", claim_ids=[troops_claim.pk])
    services.report_publish(report=report, actor=editor)
    report.refresh_from_db()
    return report
