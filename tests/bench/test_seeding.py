"""bench/seeding.py fills a database to the exact size asked, in three kinds of rows (real, Python
variants, SQL copies), with a desk's work on them, and measures real and synthetic rows alike.

A smoke test of the benchmark's seeding, untimed: it runs at a few hundred claims in the test database
(PostgreSQL: the copies use its functions) from two of the real articles (the sample article alone
without ../shared)."""
import sys
from pathlib import Path

import pytest
from django.db import connection

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import corpus  # noqa: E402  (bench/ is not a package)
import seeding  # noqa: E402

pytestmark = pytest.mark.integration


def scalar(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


@pytest.fixture
def seeded(transactional_db, monkeypatch):
    """10 claims (real only), then topped up to 600: past the real rows (two real articles here) and
    their variants, into copies."""
    real = [article for article in corpus.real_articles() if article.claims][:2]
    monkeypatch.setattr(corpus, "real_articles", lambda: real)
    first = seeding.seed_claims(10)
    kinds_at_10 = first["claims"]
    pool = scalar("SELECT count(*) FROM verify_claim")
    report = seeding.seed_claims(600)
    return {"first": kinds_at_10, "pool_at_10": pool, "report": report}


def test_seeding_reaches_each_target_exactly_and_past_the_real_rows_into_variants_and_copies(seeded):
    assert seeded["pool_at_10"] == 10
    assert seeded["first"] == {"real": 10, "variant": 0, "copy": 0}
    kinds = seeded["report"]["claims"]
    assert sum(kinds.values()) == 600 == scalar("SELECT count(*) FROM verify_claim")
    assert kinds["real"] >= 10 and kinds["variant"] > 0 and kinds["copy"] > 0
    # Every copy's article exists and has claims; no empty article is left from a round cut short.
    assert scalar("""SELECT count(*) FROM verify_article a WHERE NOT EXISTS
                     (SELECT 1 FROM verify_claim c WHERE c.article_id = a.id)""") == 0


def test_copies_vary_the_figures_yet_keep_their_offsets_into_their_articles_text(seeded):
    # Each copy is a real or variant row with its digits permuted: the same offsets, the same words, the
    # same article text around them; so the offsets still point where they did.
    copies = scalar("SELECT count(*) FROM verify_claim WHERE extractor_version = %s", [seeding.COPY])
    matched = scalar("""SELECT count(*) FROM verify_claim c JOIN verify_article a ON a.id = c.article_id
        WHERE c.extractor_version = %s AND EXISTS (
            SELECT 1 FROM verify_claim p JOIN verify_article pa ON pa.id = p.article_id
            WHERE p.extractor_version <> %s AND p.start_char = c.start_char AND p.end_char = c.end_char
              AND regexp_replace(p.sentence, '[1-9]', '#', 'g') = regexp_replace(c.sentence, '[1-9]', '#', 'g')
              AND regexp_replace(pa.cleaned_text, '[1-9]', '#', 'g') = regexp_replace(a.cleaned_text, '[1-9]', '#', 'g'))
        """, [seeding.COPY, seeding.COPY])
    assert copies > 0 and matched == copies
    # Figures differ: the copies of rows with digits do not all repeat their text.
    with_digits = scalar("SELECT count(*) FROM verify_claim WHERE extractor_version = %s AND text ~ '[1-9]'",
                         [seeding.COPY])
    repeated = scalar("""SELECT count(*) FROM verify_claim c WHERE c.extractor_version = %s AND c.text ~ '[1-9]'
                         AND EXISTS (SELECT 1 FROM verify_claim o WHERE o.extractor_version <> %s AND o.text = c.text)""",
                      [seeding.COPY, seeding.COPY])
    assert with_digits > 0 and repeated < with_digits / 2
    assert scalar("SELECT count(*) FROM verify_claim WHERE checkworthiness < 0 OR checkworthiness > 1") == 0


def test_judged_claims_carry_the_review_audit_entry_and_final_verdict_a_desk_records(seeded):
    judged = scalar("SELECT count(*) FROM verify_claim WHERE verdict <> 'unreviewed'")
    assert judged > 0
    assert scalar("SELECT count(*) FROM verify_claim WHERE verdict <> 'unreviewed' AND signoff <> 'final'") == 0
    assert scalar("SELECT count(*) FROM annotations_review") == judged
    assert scalar("SELECT count(*) FROM dashboard_finalverdict") == judged
    assert scalar("SELECT count(*) FROM annotations_auditentry WHERE action = 'review.submit'") == judged
    sources = scalar("SELECT count(*) FROM annotations_source")
    assert 0 < sources < judged
    assert scalar("SELECT count(*) FROM annotations_auditentry WHERE action = 'source.attach'") == sources
    # The review's audit entry names its review (the claim page's history joins them so).
    assert scalar("""SELECT count(*) FROM annotations_auditentry e JOIN annotations_review r
                     ON r.id = (e.after->>'review_id')::bigint AND r.claim_id = e.claim_id
                     WHERE e.action = 'review.submit'""") == judged
    assert scalar("SELECT count(*) FROM verify_claim WHERE set_aside <> '' AND verdict <> 'unreviewed'") == 0


def test_the_size_report_measures_real_and_synthetic_rows_alike(seeded):
    report = seeded["report"]
    for kind in ("real", "synthetic"):
        for measure in ("claim_text_chars", "claim_row_bytes", "claims_per_article", "article_chars"):
            summary = report[kind][measure]
            assert summary["n"] > 0 and summary["p50"] <= summary["p90"], (kind, measure)
    assert report["real"]["claim_text_chars"]["n"] == report["claims"]["real"]
    assert report["synthetic"]["claim_text_chars"]["n"] == report["claims"]["variant"] + report["claims"]["copy"]


def test_copies_keep_the_scores_many_real_claims_share_and_jitter_the_others(seeded):
    real = [row[0] for row in _rows("SELECT checkworthiness FROM verify_claim WHERE extractor_version = %s", [seeding.REAL])]
    tied = corpus.tied_scores(real)
    copies = [row[0] for row in _rows("SELECT checkworthiness FROM verify_claim WHERE extractor_version = %s",
                                      [seeding.COPY])]
    untied_real = {score for score in real if score not in tied}
    # Jittered: most copies of an untied score carry a score no real claim has.
    fresh = [score for score in copies if score not in tied and score not in untied_real]
    assert len(fresh) > len([score for score in copies if score not in tied]) / 2
    if tied:  # the scorer's shared values stay shared, in the copies too
        assert any(score in tied for score in copies)
    assert all(0 <= score <= 1 for score in copies)


def _rows(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
