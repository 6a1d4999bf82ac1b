"""Processing stored articles: clean, detect the language, extract and store their claims, and each
article's status transitions around that; a task may extract several waiting articles in one pass
(processing_batch.py). verify.lifecycle decides when this runs."""
import logging
from dataclasses import dataclass, field

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from verify import processing_batch
from verify.db import TRANSIENT_ERRORS
from verify.language import UNDETERMINED, language_detect, language_label
from verify.models import Article, ArticleStatus, Claim

logger = logging.getLogger(__name__)

# Languages the extractor's model can read; other articles, and those whose language we could not
# tell ("und"), are stored and skipped with a reason.
SUPPORTED_LANGUAGES = {"en"}
# An article whose extraction was cut off this many times (its worker died while extracting it) is given
# up on, so a message that keeps killing its worker cannot circulate for ever. Retries after a database
# error, and a whole worker lost before or after extraction, do not count.
MAX_PROCESSING_ATTEMPTS = 5


@dataclass(frozen=True)
class ProcessedArticles:
    """What one processing task did: its own article, the others it extracted in the same pass, and
    the ids it handed back (`pending` again, each to run alone: the caller enqueues them).
    `finished_elsewhere`: another task's batch had already extracted its own article and queued what
    follows, so the caller queues nothing more for it."""

    article: Article
    others: list[Article] = field(default_factory=list)
    released: list[int] = field(default_factory=list)
    finished_elsewhere: bool = False


def article_process(*, article_id: int, after_transient_error: bool = False) -> Article:
    """Clean, extract and store one article's claims in this process (no batch). See `articles_process`."""
    return articles_process(article_id=article_id, after_transient_error=after_transient_error).article


def articles_process(*, article_id: int, after_transient_error: bool = False, task_id: str = "",
                     batch_articles: int = 1, batch_chars: int = 0) -> ProcessedArticles:
    """Clean, extract and store the claims of an article, and of up to `batch_articles - 1` others waiting
    beside it (at most `batch_chars` characters in all) in the same spaCy pass. Idempotent: rerunning it
    never duplicates claims.

    ExtractionUnavailable (this process cannot load its models) is raised before any article is touched:
    a worker's failure is never recorded as an article's. `after_transient_error`: this run is a retry
    after a database error, so an article found `processing` was not cut off by a kill. `task_id`: the
    running task, recorded on the articles it takes; only a task (never an inline run) takes others.
    A batch that fails or reaches the time limit is handed back whole, each article to run alone, so
    an error is recorded on the article that causes it. Articles an earlier run of the same task took
    and did not finish (a database error, a killed worker) are the caller's to hand back first
    (`articles_release_left`)."""
    extraction = _extraction()
    extraction.extraction_models_load()
    article, ours = _article_start(article_id=article_id, extractor_version=extraction.EXTRACTOR_VERSION,
                                   after_transient_error=after_transient_error, task_id=task_id)
    if not ours:
        return ProcessedArticles(article=article, finished_elsewhere=processing_batch.finished_elsewhere(
            article=article, task_id=task_id))
    others: list[Article] = []
    if task_id and batch_articles > 1 and article.processing_attempts == 1 and not after_transient_error:
        candidates = processing_batch.batch_candidates(exclude_id=article.pk, limit=batch_articles - 1,
                                                       chars=batch_chars - len(article.raw_content))
        others = processing_batch.batch_take(article_ids=candidates, task_id=task_id)
    if not others:
        return ProcessedArticles(article=_extract_alone(article=article))
    batch = [article, *others]
    try:
        finished = _extract_together(articles=batch)
    except TRANSIENT_ERRORS:
        # The task retries its own article (alone) with back-off; that run hands the others back and queues
        # them (their own tasks have left them to this one), so they stay taken until then.
        raise
    except (Exception, SoftTimeLimitExceeded):
        logger.warning("A batch of %s articles failed; each is handed back to run alone", len(batch), exc_info=True)
        released = processing_batch.batch_release(article_ids=[item.pk for item in batch], task_id=task_id)
        # No database call between the release and the caller's enqueue: an error there would leave them
        # pending with nobody to queue them (their own tasks have left them) until the sweeper.
        for item in batch:
            if item.pk in released:
                item.status, item.batch_task = ArticleStatus.PENDING, ""
        return ProcessedArticles(article=article, others=others, released=released)
    return ProcessedArticles(article=finished[0], others=finished[1:])


def articles_release_left(*, task_id: str, keep_id: int) -> list[int]:
    """Articles an earlier run of task `task_id` took into its batch and did not finish, handed back
    (`pending`, to run alone); the caller enqueues them before anything else can fail."""
    return processing_batch.batch_release_left(task_id=task_id, keep_id=keep_id)


def _extract_alone(*, article: Article) -> Article:
    """One article: whatever goes wrong inside extraction is recorded on it (database errors are retried)."""
    try:
        return _extract_together(articles=[article])[0]
    except TRANSIENT_ERRORS:
        raise  # the task retries these with back-off
    except SoftTimeLimitExceeded:
        return _article_finish(
            article_id=article.pk, status=ArticleStatus.FAILED,
            error=(f"Processing took longer than the {settings.VERIFY_TASK_SOFT_TIME_LIMIT} s limit "
                   f"({len(article.raw_content):,} characters submitted); split the article or raise "
                   "VERIFY_TASK_SOFT_TIME_LIMIT."),
        )
    except Exception as exc:
        logger.exception("Processing article %s failed", article.pk)
        return _article_finish(article_id=article.pk, status=ArticleStatus.FAILED,
                               error=f"{type(exc).__name__}: {exc}"[:2000])


def _extract_together(*, articles: list[Article]) -> list[Article]:
    """Clean and identify each article, extract the English ones in one pass, store and finish each."""
    extraction = _extraction()
    finished: dict[int, Article] = {}
    readable: list[tuple[Article, str, str]] = []
    for article in articles:
        cleaned = article_clean(article=article)
        language = language_detect(text=cleaned)
        if not cleaned.strip():
            finished[article.pk] = _article_finish(
                article_id=article.pk, status=ArticleStatus.FAILED,
                error="Nothing readable was left after removing markup and boilerplate.")
        elif language not in SUPPORTED_LANGUAGES:
            finished[article.pk] = _article_finish(
                article_id=article.pk, status=ArticleStatus.DONE, cleaned_text=cleaned, language=language,
                skipped_reason=_language_skip_reason(language=language))
        else:
            readable.append((article, cleaned, language))
    if readable:
        claims_extract_batch(articles=[article for article, _, _ in readable],
                             cleaned_texts=[cleaned for _, cleaned, _ in readable])
    for article, cleaned, language in readable:
        # skipped_reason cleared: a reprocessed article may have been skipped under an earlier language guess.
        finished[article.pk] = _article_finish(
            article_id=article.pk, status=ArticleStatus.DONE, cleaned_text=cleaned, language=language,
            skipped_reason="", extractor_version=extraction.EXTRACTOR_VERSION)
    return [finished[article.pk] for article in articles]


def _language_skip_reason(*, language: str) -> str:
    if language == UNDETERMINED:
        return ("Extraction skipped: the language could not be told (too little text, or no language stood out), "
                "and the extractor reads English only.")
    return f"Extraction skipped: the article is in {language_label(language)}, and the extractor reads English only."


def article_clean(*, article: Article) -> str:
    return _extraction().clean_text(article.raw_content, is_html=article.content_type == Article.ContentType.HTML)


def article_fail(*, article_id: int, error: str) -> Article | None:
    """Record a failure the worker could not recover from (e.g. retries exhausted)."""
    try:
        return _article_finish(article_id=article_id, status=ArticleStatus.FAILED, error=error[:2000])
    except Article.DoesNotExist:  # deleted meanwhile: nothing left to mark
        return None


def claims_extract_batch(*, articles: list[Article], cleaned_texts: list[str]) -> None:
    """Extract the claims of several articles (cleaned texts) in one spaCy pass and store them."""
    extracted = _extraction().extract_claims_batch(cleaned_texts,
                                                   published_ats=[article.published_at for article in articles])
    for article, claims in zip(articles, extracted):
        claims_store(article=article, extracted=claims)


def claims_store(*, article: Article, extracted: list) -> None:
    """Store extracted claims (`ExtractedClaim`s); spans already stored are left alone."""
    extraction = _extraction()
    claims = [
        Claim(
            article=article,
            text=item.text,
            sentence=item.sentence,
            start_char=item.start,
            end_char=item.end,
            sentence_index=item.sentence_index,
            claimant=item.claimant[:300],
            claimant_type=item.claimant_type,
            cue=item.cue[:100],
            quantities=list(item.quantities),
            entities=list(item.entities),
            hedges=list(item.hedges),
            checkworthiness=min(1.0, max(0.0, float(item.score))),
            set_aside=item.set_aside,
            extractor_version=extraction.EXTRACTOR_VERSION,
            extracted_text=item.text,
            extracted_claimant=item.claimant[:300],
        )
        for item in extracted
    ]
    # The unique span constraint makes a redelivered or repeated run a no-op.
    Claim.objects.bulk_create(claims, ignore_conflicts=True)


def _article_start(*, article_id: int, extractor_version: str, after_transient_error: bool,
                   task_id: str = "") -> tuple[Article, bool]:
    """pending/processing/failed -> processing under a row lock; (article, whether it is this run's to
    extract). Done articles, and one another live task (not `task_id`) took into its batch, are left alone.

    Found `processing` otherwise (not after a retry), the previous run was cut off inside extraction: that
    counts towards giving up. The sweeper sets a lost article back to `pending`, so its rerun does not count."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if article.status == ArticleStatus.DONE and article.extractor_version == extractor_version:
            return article, False
        if processing_batch.held_elsewhere(article=article, task_id=task_id):
            return article, False
        if article.status == ArticleStatus.PROCESSING and not after_transient_error:
            article.extraction_interruptions += 1
        if article.extraction_interruptions >= MAX_PROCESSING_ATTEMPTS:
            article.status = ArticleStatus.FAILED
            article.error = (f"Gave up after {article.extraction_interruptions} attempts cut off inside extraction "
                             "(the worker died or was killed while extracting this article each time).")
        else:
            article.status = ArticleStatus.PROCESSING
            article.processing_attempts += 1
        article.batch_task = ""  # its own run now, whoever took it before
        article.save(update_fields=["status", "error", "processing_attempts", "extraction_interruptions",
                                    "batch_task", "updated_at"])
        return article, article.status == ArticleStatus.PROCESSING


def _article_finish(*, article_id: int, status: str, **fields) -> Article:
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        article.status = status
        article.error = fields.pop("error", "")
        for name, value in fields.items():
            setattr(article, name, value)
        article.processed_at = timezone.now()
        # Only what changed: rewriting the submitted text would store (and compress) it again.
        article.save(update_fields=["status", "error", "processed_at", "updated_at", *fields])
        return article


def _extraction():
    """The extraction package, imported on first use: it imports spaCy (seconds and 100+ MB), which
    web processes and management commands that only store and enqueue articles never need."""
    import verify.extraction

    return verify.extraction
