"""Seeding a benchmark database with realistic claims, fast enough for 1,000,000 of them.

Three kinds of rows, in this order, each only as far as the target needs:

- real: the claims the product's own extraction gives for the real articles (bench/corpus.py),
  inserted as they are;
- variant: Python variants of those articles (corpus.Varier: one digit permutation, each person,
  organisation and place swapped for another of the same kind), `VARIANT_ROUNDS` rounds of them;
- copy: SQL copies (`INSERT … SELECT`) of the real and variant rows, each round under another digit
  permutation (`translate()`, so lengths and offsets stay right), with a fresh score jitter (reflected at
  0 and 1) except on the scores the scorer gives to many claims (corpus.tied_scores), whose ties stay.

Then a desk's work on the new claims, in SQL too: a third of the queue's claims carry a final verdict with
its review and the review's audit entry (as annotations/services/reviews.py writes them), a third of those
a source (with its audit entry), every final verdict its dashboard row, and 1 queue claim in 300 an
assignee. The copies are judged as they are inserted (an UPDATE of a third of a million rows costs
more than the insert).
A VACUUM ANALYZE ends it (what autovacuum would have done by then).

`size_report` measures the real and the synthetic rows in the database the same way (claim text
characters, the JSON of a claim's extracted fields, scores, claims per article, article characters), so the
printed table shows whether the synthetic rows have the real ones' size.
"""
from __future__ import annotations

import hashlib
import random
from collections import Counter
import time
import uuid

REAL, VARIANT, COPY = "bench-real", "bench-variant", "bench-copy"  # extractor_version: which kind a row is
VARIANT_ROUNDS = 4  # Python-varied rounds of the real articles; SQL copies vary their digits only
DESK_REVIEWERS = 8
REPORT_SAMPLE = 50_000  # at most this many synthetic claims measured
RATIONALES = [
    "Checked against the ministry's published figures.",
    "The agency's annual report gives a different number for the same year.",
    "Matches the official transcript of the speech.",
    "No record supports this; the office did not answer our request.",
    "Confirmed by two independent polls from the same week.",
    "The quoted statistic refers to a different period than stated.",
]
SOURCES = [
    ("https://www.bls.gov/news.release/empsit.nr0.htm", "The Employment Situation", "Bureau of Labor Statistics"),
    ("https://www.census.gov/library/publications.html", "Census publications", "U.S. Census Bureau"),
    ("https://www.cbo.gov/data/budget-economic-data", "Budget and Economic Data", "Congressional Budget Office"),
    ("https://www.congress.gov/roll-call-votes", "Roll call votes", "Congress.gov"),
    ("https://www.factcheck.org/archives/", "Archives", "FactCheck.org"),
]


def seed_claims(target: int) -> dict:
    """Top the database up to `target` claims (real rows first, then variants, then SQL copies) with a
    desk's work on them; returns the real and synthetic rows' sizes (size_report)."""
    from django.db import connection

    from corpus import real_articles

    real = [article for article in real_articles() if article.claims]
    reviewers = desk_reviewers()
    last_id = _claims_max_id()
    have = _claim_count()
    seconds: dict[str, float] = {}
    started = time.monotonic()

    def lap(phase: str) -> None:
        nonlocal started
        seconds[phase] = round(time.monotonic() - started, 1)
        started = time.monotonic()

    if have < target:
        have = _insert_real(real, target=target, have=have)
    if have < target:
        have = _insert_variants(real, target=target, have=have)
    lap("real and variant rows (ORM)")
    if have < target:
        _insert_copies(target=target, have=have, reviewers=reviewers)
    lap("copies (SQL)")
    desk_work(after_id=last_id, reviewers=reviewers)
    lap("desk work (SQL)")
    with connection.cursor() as cursor:  # autocommit, outside any transaction
        cursor.execute("VACUUM ANALYZE")
    lap("VACUUM ANALYZE")
    return {**size_report(), "seconds": seconds}


def desk_reviewers() -> list[int]:
    """The ids of the desk's reviewers whose work the seeding records (made once)."""
    from django.contrib.auth.models import Group, User

    group = Group.objects.get_or_create(name="reviewer")[0]
    ids = []
    for index in range(DESK_REVIEWERS):
        user, created = User.objects.get_or_create(username=f"bench-desk-{index}")
        if created:
            user.groups.add(group)
        ids.append(user.pk)
    return ids


def _claim_count() -> int:
    from verify.models import Claim

    return Claim.objects.count()


def _claims_max_id() -> int:
    from django.db.models import Max

    from verify.models import Claim

    return Claim.objects.aggregate(last=Max("id"))["last"] or 0


def _insert_articles(articles, *, kind: str, target: int, have: int) -> int:
    """Insert `articles` with their claims (the last one cut short at `target`); returns the claim count."""
    from django.db import transaction

    from verify.models import Article, ArticleStatus, Claim

    with transaction.atomic():
        for article in articles:
            if have >= target:
                break
            row = Article.objects.create(
                title=article.title[:500], publisher=article.publisher, raw_content=article.text,
                cleaned_text=article.text, language="en", status=ArticleStatus.DONE, extractor_version=kind,
                content_hash=hashlib.sha256(f"{uuid.uuid4()}{article.text}".encode()).hexdigest())
            claims = [Claim(article=row, extractor_version=kind, extracted_text=claim["text"],
                            extracted_claimant=claim["claimant"], **claim)
                      for claim in article.claims[: target - have]]
            Claim.objects.bulk_create(claims, batch_size=2000)
            have += len(claims)
    return have


def _insert_real(real, *, target: int, have: int) -> int:
    from verify.models import Article

    done = Article.objects.filter(extractor_version=REAL).count()
    return _insert_articles(real[done:], kind=REAL, target=target, have=have)


def _insert_variants(real, *, target: int, have: int) -> int:
    from corpus import Varier
    from verify.models import Article

    done = Article.objects.filter(extractor_version=VARIANT).count()
    for round_index in range(done // len(real), VARIANT_ROUNDS):
        if have >= target:
            break
        varier = Varier(real, seed=round_index + 1)
        skip = max(0, done - round_index * len(real))  # a round cut short at the last target
        variants = [varier.article(article) for article in real]  # the same draws whatever was skipped
        have = _insert_articles(variants[skip:], kind=VARIANT, target=target, have=have)
    return have


def _insert_copies(*, target: int, have: int, reviewers: list[int]) -> None:
    """SQL copies of the real and variant rows, round after round, each round one digit permutation."""
    from django.db import connection, transaction

    missing = target - have
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("""CREATE TEMP TABLE bench_pool_articles ON COMMIT DROP AS
            SELECT row_number() OVER (ORDER BY id) - 1 AS idx, id, title, publisher, cleaned_text
            FROM verify_article WHERE extractor_version IN (%s, %s)""", [REAL, VARIANT])
        cursor.execute("""CREATE TEMP TABLE bench_pool_claims ON COMMIT DROP AS
            SELECT a.idx AS article_idx, c.text, c.sentence, c.start_char, c.end_char, c.sentence_index,
                   c.claimant, c.claimant_type, c.cue, c.quantities, c.entities, c.hedges, c.checkworthiness,
                   c.set_aside, c.id, c.sentence ~ '[1-9]' AS has_digits, c.checkworthiness = ANY(%s) AS tied
            FROM verify_claim c JOIN bench_pool_articles a ON a.id = c.article_id""", [sorted(_real_tied_scores())])
        cursor.execute("SELECT (SELECT count(*) FROM bench_pool_articles), (SELECT count(*) FROM bench_pool_claims)")
        articles, claims = cursor.fetchone()
        rounds = -(-missing // claims)
        rng = random.Random(have)
        permutations = []
        for _ in range(rounds):
            digits = list("123456789")
            rng.shuffle(digits)
            permutations.append("".join(digits))
        cursor.execute("CREATE TEMP TABLE bench_rounds (r int, perm text) ON COMMIT DROP")
        cursor.execute("INSERT INTO bench_rounds SELECT r - 1, (%s::text[])[r] FROM generate_subscripts(%s::text[], 1) AS r",
                       [permutations, permutations])
        # Article ids reserved in one go, so each copy's claims know their article's id without a lookup.
        cursor.execute("SELECT nextval(pg_get_serial_sequence('verify_article', 'id'))")
        base = cursor.fetchone()[0]
        cursor.execute("SELECT setval(pg_get_serial_sequence('verify_article', 'id'), %s)", [base + articles * rounds])
        cursor.execute(VARY_ITEMS)
        cursor.execute("SELECT setseed(%s)", [(have % 1000) / 1000])
        cursor.execute("""INSERT INTO verify_article (id, title, url, canonical_url, source_kind, original_filename,
                publisher, author, raw_content, content_type, cleaned_text, language, content_hash, status, error,
                skipped_reason, extractor_version, processing_attempts, extraction_interruptions, batch_task,
                created_at, updated_at, processed_at)
            SELECT %(base)s + p.r * %(articles)s + a.idx, translate(a.title, '123456789', p.perm), '', '', 'text', '',
                   a.publisher, '', translate(a.cleaned_text, '123456789', p.perm), 'text',
                   translate(a.cleaned_text, '123456789', p.perm), 'en',
                   md5('bench-copy ' || (%(base)s + p.r * %(articles)s + a.idx)) || md5(p.perm || a.idx), 'done', '',
                   '', %(copy)s, 1, 0, '', now() - (%(rounds)s - p.r) * interval '1 minute',
                   now(), now() - (%(rounds)s - p.r) * interval '1 minute'
            FROM bench_rounds p CROSS JOIN bench_pool_articles a""",
                       {"base": base, "articles": articles, "copy": COPY, "rounds": rounds})
        # Full rounds first (no sort), then the last one cut at the target in article order.
        judged = judgement("pool_id * 65536 + r")
        copy_claims = f"""INSERT INTO verify_claim (article_id, text, sentence, start_char, end_char, sentence_index,
                claimant, claimant_type, cue, quantities, entities, hedges, checkworthiness, set_aside, verdict,
                signoff, version, assigned_to_id, extractor_version, extracted_text, extracted_claimant, created_at,
                updated_at)
            SELECT article_id, text, sentence, start_char, end_char, sentence_index, claimant, claimant_type, cue,
                   quantities, entities, hedges, checkworthiness, set_aside, {judged['verdict']}, {judged['signoff']},
                   {judged['version']}, {judged['assigned_to_id']}, %(copy)s, text, claimant, created_at, now()
            FROM (SELECT %(base)s + p.r * %(articles)s + c.article_idx AS article_id, c.id AS pool_id, p.r,
                         translate(c.text, '123456789', p.perm) AS text,
                         translate(c.sentence, '123456789', p.perm) AS sentence, c.start_char, c.end_char,
                         c.sentence_index, translate(c.claimant, '123456789', p.perm) AS claimant, c.claimant_type,
                         c.cue, c.hedges, c.set_aside,
                         CASE WHEN c.has_digits THEN pg_temp.bench_vary(c.quantities, p.perm) ELSE c.quantities END
                             AS quantities,
                         CASE WHEN c.has_digits THEN pg_temp.bench_vary(c.entities, p.perm) ELSE c.entities END
                             AS entities,
                         CASE WHEN c.tied THEN c.checkworthiness
                              ELSE round((1 - abs(1 - abs(c.checkworthiness + (random() - 0.5) * 0.1)))::numeric, 4)::float
                         END AS checkworthiness,
                         now() - (%(rounds)s - p.r) * interval '1 minute' + c.sentence_index * interval '1 second'
                             AS created_at
                  FROM bench_rounds p CROSS JOIN bench_pool_claims c {{where}}) AS copied"""
        parameters = {"base": base, "articles": articles, "copy": COPY, "rounds": rounds, "last": rounds - 1,
                      "left": missing - (rounds - 1) * claims, "reviewers": reviewers, "n": len(reviewers)}
        if rounds > 1:
            cursor.execute(copy_claims.format(where="WHERE p.r < %(last)s"), parameters)
        cursor.execute(copy_claims.format(where="WHERE p.r = %(last)s ORDER BY c.article_idx, c.id LIMIT %(left)s"),
                       parameters)
        cursor.execute("""DELETE FROM verify_article a WHERE a.id > %s AND a.extractor_version = %s
            AND NOT EXISTS (SELECT 1 FROM verify_claim c WHERE c.article_id = a.id)""", [base - 1, COPY])


# A quantity's or entity's wording and value under a copy's digit permutation; offsets stay as they are.
VARY_ITEMS = """CREATE OR REPLACE FUNCTION pg_temp.bench_vary(items jsonb, perm text) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(jsonb_agg(item || jsonb_strip_nulls(jsonb_build_object(
        'surface', CASE WHEN item ? 'surface' THEN to_jsonb(translate(item->>'surface', '123456789', perm)) END,
        'text', CASE WHEN item ? 'text' THEN to_jsonb(translate(item->>'text', '123456789', perm)) END,
        'value', CASE WHEN jsonb_typeof(item->'value') = 'number' AND item->>'value' ~ '^[1-9][0-9]*$'
                      THEN to_jsonb(translate(item->>'value', '123456789', perm)::numeric) END))
        ORDER BY position), '[]'::jsonb)
    FROM jsonb_array_elements(items) WITH ORDINALITY AS e(item, position) $$"""


def _real_tied_scores() -> set[float]:
    from corpus import tied_scores
    from verify.models import Claim

    return tied_scores(list(Claim.objects.filter(extractor_version=REAL).values_list("checkworthiness", flat=True)))


def judgement(key: str) -> dict[str, str]:
    """SQL expressions of a claim's verdict, sign-off, version and assignee, decided by a hash of `key`
    (an SQL expression) with the queue's (blank) set_aside in scope: 1 queue claim in 3 judged, final, with
    one of three findings; 1 open one in 100 assigned to one of the desk (`%(reviewers)s`, `%(n)s`)."""
    judged = f"(set_aside = '' AND abs(hashint8({key})::bigint) %% 3 = 0)"
    return {
        "verdict": f"CASE WHEN {judged} THEN (ARRAY['verified', 'unverified', 'disputed'])"
                   f"[1 + abs(hashint8(({key}) * 7)::bigint) %% 3] ELSE 'unreviewed' END",
        "signoff": f"CASE WHEN {judged} THEN 'final' ELSE 'open' END",
        "version": f"CASE WHEN {judged} THEN 2 ELSE 1 END",
        "assigned_to_id": f"CASE WHEN set_aside = '' AND abs(hashint8({key})::bigint) %% 300 = 1 "
                          f"THEN (%(reviewers)s::int[])[1 + abs(hashint8({key})::bigint) %% %(n)s] END",
    }


def desk_work(*, after_id: int, reviewers: list[int]) -> None:
    """A desk's work on the claims after `after_id`, in SQL: the judgement of the rows not judged as they
    were inserted; for each final verdict its review and audit entry and its dashboard row; a source (and
    its audit entry) on 1 judged claim in 3."""
    from django.db import connection, transaction

    spread = {"after": after_id, "reviewers": reviewers, "n": len(reviewers), "rationales": RATIONALES,
              "urls": [url for url, _, _ in SOURCES], "titles": [title for _, title, _ in SOURCES],
              "publishers": [publisher for _, _, publisher in SOURCES]}
    with transaction.atomic(), connection.cursor() as cursor:
        # The copies were judged as they were inserted; the rows inserted through the ORM are judged here.
        judged = judgement("id")
        cursor.execute(f"""UPDATE verify_claim SET verdict = {judged['verdict']}, signoff = {judged['signoff']},
                version = {judged['version']}, assigned_to_id = {judged['assigned_to_id']}
            WHERE id > %(after)s AND extractor_version <> %(copy)s""", {**spread, "copy": COPY})
        cursor.execute("""INSERT INTO annotations_review (claim_id, reviewer_id, verdict, rationale, stage, created_at)
            SELECT id, (%(reviewers)s::int[])[1 + abs(hashint8(id * 3)::bigint) %% %(n)s], verdict,
                   (%(rationales)s::text[])[1 + abs(hashint8(id * 5)::bigint) %% cardinality(%(rationales)s::text[])],
                   'review', least(created_at + (1 + abs(hashint8(id)::bigint) %% 72) * interval '1 hour', now())
            FROM verify_claim WHERE id > %(after)s AND signoff = 'final'""", spread)
        cursor.execute("""INSERT INTO annotations_source (claim_id, review_id, url, title, publisher, quote, stance,
                added_by_id, created_at)
            SELECT r.claim_id, r.id, (%(urls)s::text[])[1 + k], (%(titles)s::text[])[1 + k],
                   (%(publishers)s::text[])[1 + k], '', (ARRAY['supports', 'refutes', 'context'])[1 + r.id %% 3],
                   r.reviewer_id, r.created_at
            FROM annotations_review r, LATERAL (SELECT abs(hashint8(r.claim_id * 11)::bigint) %% cardinality(%(urls)s::text[])
                                                AS k) pick
            WHERE r.claim_id > %(after)s AND abs(hashint8(r.claim_id * 13)::bigint) %% 3 = 0""", spread)
        cursor.execute("""INSERT INTO annotations_auditentry (actor_id, actor_username, action, claim_id, target_type,
                target_id, before, after, created_at)
            SELECT r.reviewer_id, u.username, 'review.submit', r.claim_id, 'verify.claim', r.claim_id::text,
                   '{"verdict": "unreviewed", "version": 1, "signoff": "open"}'::jsonb,
                   jsonb_build_object('verdict', r.verdict, 'version', 2, 'review_id', r.id, 'rationale', r.rationale,
                                      'sources', (SELECT count(*) FROM annotations_source s WHERE s.review_id = r.id),
                                      'signoff', 'final', 'stage', 'review'),
                   r.created_at
            FROM annotations_review r JOIN auth_user u ON u.id = r.reviewer_id WHERE r.claim_id > %(after)s""", spread)
        cursor.execute("""INSERT INTO annotations_auditentry (actor_id, actor_username, action, claim_id, target_type,
                target_id, before, after, created_at)
            SELECT s.added_by_id, u.username, 'source.attach', s.claim_id, 'annotations.source', s.id::text, '{}'::jsonb,
                   jsonb_build_object('url', s.url, 'title', s.title, 'publisher', s.publisher, 'quote', s.quote,
                                      'stance', s.stance, 'source_id', s.id, 'review_id', s.review_id),
                   s.created_at
            FROM annotations_source s JOIN auth_user u ON u.id = s.added_by_id WHERE s.claim_id > %(after)s""", spread)
        cursor.execute("""INSERT INTO dashboard_finalverdict (claim_id, verdict, extracted_at, first_final_at,
                seconds_to_final, final_at)
            SELECT c.id, c.verdict, c.created_at, r.created_at,
                   greatest(extract(epoch FROM r.created_at - c.created_at)::int, 0), r.created_at
            FROM verify_claim c JOIN annotations_review r ON r.claim_id = c.id WHERE c.id > %(after)s""", spread)


def size_report() -> dict:
    """The real and (a sample of at most REPORT_SAMPLE) synthetic claims and their articles, measured
    alike in the database: claim text characters, bytes of the JSON of the extracted fields
    (corpus.CLAIM_FIELDS), claims per article, article characters; with the row counts of each kind."""
    from django.db import connection

    from corpus import CLAIM_FIELDS

    fields = ", ".join(f"'{field}', c.{field}" for field in CLAIM_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT extractor_version, count(*) FROM verify_claim GROUP BY 1")
        counts = dict(cursor.fetchall())
        synthetic = counts.get(VARIANT, 0) + counts.get(COPY, 0)
        step = max(1, -(-synthetic // REPORT_SAMPLE))
        report: dict = {}
        for name, kinds, sample in (("real", [REAL], ""), ("synthetic", [VARIANT, COPY], f"AND c.id %% {step} = 0")):
            cursor.execute(f"""SELECT length(c.text), octet_length(jsonb_build_object({fields})::text), c.checkworthiness
                FROM verify_claim c WHERE c.extractor_version = ANY(%s) {sample}""", [kinds])
            rows = cursor.fetchall()
            scores = Counter(row[2] for row in rows)
            cursor.execute("""SELECT count(c.id), length(a.cleaned_text) FROM verify_article a
                JOIN verify_claim c ON c.article_id = a.id WHERE a.extractor_version = ANY(%s)
                GROUP BY a.id""", [kinds])
            articles = cursor.fetchall()
            report[name] = {"claim_text_chars": _summary([row[0] for row in rows]),
                            "claim_row_bytes": _summary([row[1] for row in rows]),
                            "score": _summary([row[2] for row in rows]),
                            "most_common_score": ({"score": scores.most_common(1)[0][0],
                                                   "share": round(scores.most_common(1)[0][1] / len(rows), 3)}
                                                  if rows else {}),
                            "claims_per_article": _summary([row[0] for row in articles]),
                            "article_chars": _summary([row[1] for row in articles])}
        report["claims"] = {"real": counts.get(REAL, 0), "variant": counts.get(VARIANT, 0), "copy": counts.get(COPY, 0)}
    return report


def _summary(values: list[int]) -> dict:
    if not values:
        return {}
    ordered = sorted(values)
    return {"n": len(values), "mean": round(sum(values) / len(values), 3 if isinstance(values[0], float) else 1), "p50": ordered[len(ordered) // 2],
            "p90": ordered[int(len(ordered) * 0.9)]}
