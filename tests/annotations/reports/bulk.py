"""Many reviewed claims quickly (bulk inserts), for the large-report tests."""
from datetime import datetime, timezone

from annotations.models import Review, Source
from tests.factories import UserFactory
from verify.models import Article, Claim, SignoffState, Verdict

VERDICTS = [Verdict.UNVERIFIED, Verdict.VERIFIED, Verdict.DISPUTED]


def bulk_reviewed_claims(count: int, *, per_article: int = 10) -> list[int]:
    reviewer = UserFactory(username="bulk-reviewer", role="reviewer")
    published = datetime(2024, 10, 24, 9, 30, tzinfo=timezone.utc)
    articles = Article.objects.bulk_create([
        Article(title=f"Bulk article {i}", url=f"https://news.example.com/bulk-{i}", publisher="The Meridian Ledger",
                published_at=published, raw_content=f"bulk {i}", cleaned_text=f"bulk {i}",
                content_hash=f"bulk-{i:059d}", status="done", language="en")
        for i in range((count + per_article - 1) // per_article)
    ], batch_size=1000)
    claims = Claim.objects.bulk_create([
        Claim(article=articles[i // per_article], text=f"As many as {11000 + i:,} North Korean troops are in Kursk.",
              sentence="…", start_char=i * 100, end_char=i * 100 + 60, sentence_index=i % per_article,
              claimant="Ukrainian intelligence", checkworthiness=0.8, verdict=VERDICTS[i % 3], signoff=SignoffState.FINAL,
              extractor_version="bulk", extracted_text="…")
        for i in range(count)
    ], batch_size=1000)
    reviews = Review.objects.bulk_create([
        Review(claim=claim, reviewer=reviewer, verdict=claim.verdict, rationale="No independent count exists.")
        for claim in claims
    ], batch_size=1000)
    Source.objects.bulk_create([
        Source(claim=review.claim, review=review, url=f"https://www.defense.example.gov/b/{n}",
               title="Pentagon briefing", publisher="US Department of Defense",
               quote="We cannot confirm the number.", added_by=reviewer)
        for n, review in enumerate(reviews)
    ], batch_size=1000)
    return [claim.pk for claim in claims]
