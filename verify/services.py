"""Processing one stored article: clean, detect the language, extract and store its claims, and the
article's status transitions around that. verify.lifecycle decides when this runs."""
import logging

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.utils import timezone

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


def article_process(*, article_id: int, after_transient_error: bool = False) -> Article:
    """Clean, extract and store claims. Idempotent: rerunning it never duplicates claims.

    ExtractionUnavailable (this process cannot load its models) is raised before the article is
    touched: a worker's failure is never recorded as the article's. `after_transient_error`: this run
    is a retry after a database error, so an article found `processing` was not cut off by a kill."""
    extraction = _extraction()
    extraction.extraction_models_load()
    article = _article_start(article_id=article_id, extractor_version=extraction.EXTRACTOR_VERSION,
                             after_transient_error=after_transient_error)
    if article.status != ArticleStatus.PROCESSING:
        return article
    try:
        cleaned = article_clean(article=article)
        language = language_detect(text=cleaned)
        if not cleaned.strip():
            return _article_finish(article_id=article_id, status=ArticleStatus.FAILED,
                                   error="Nothing readable was left after removing markup and boilerplate.")
        if language not in SUPPORTED_LANGUAGES:
            return _article_finish(
                article_id=article_id, status=ArticleStatus.DONE, cleaned_text=cleaned, language=language,
                skipped_reason=_language_skip_reason(language=language),
            )
        claims_extract(article=article, cleaned_text=cleaned)
    except TRANSIENT_ERRORS:
        raise  # the task retries these with back-off
    except SoftTimeLimitExceeded:
        return _article_finish(
            article_id=article_id, status=ArticleStatus.FAILED,
            error=(f"Processing took longer than the {settings.VERIFY_TASK_SOFT_TIME_LIMIT} s limit "
                   f"({len(article.raw_content):,} characters submitted); split the article or raise "
                   "VERIFY_TASK_SOFT_TIME_LIMIT."),
        )
    except Exception as exc:
        logger.exception("Processing article %s failed", article_id)
        return _article_finish(article_id=article_id, status=ArticleStatus.FAILED,
                               error=f"{type(exc).__name__}: {exc}"[:2000])
    # skipped_reason cleared: a reprocessed article may have been skipped under an earlier language guess.
    return _article_finish(article_id=article_id, status=ArticleStatus.DONE, cleaned_text=cleaned,
                           language=language, skipped_reason="", extractor_version=extraction.EXTRACTOR_VERSION)


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


def claims_extract(*, article: Article, cleaned_text: str) -> list[Claim]:
    """Extract claims from cleaned text and store them; spans already stored are left alone."""
    extraction = _extraction()
    extracted = extraction.extract_claims(cleaned_text, published_at=article.published_at)
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
    return list(Claim.objects.filter(article=article, extractor_version=extraction.EXTRACTOR_VERSION))


def _article_start(*, article_id: int, extractor_version: str, after_transient_error: bool) -> Article:
    """pending/processing/failed -> processing under a row lock; done articles are left alone.

    Found `processing` (not after a retry), the previous run was cut off inside extraction: that counts
    towards giving up. The sweeper sets a lost article back to `pending`, so its rerun does not count."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if article.status == ArticleStatus.DONE and article.extractor_version == extractor_version:
            return article
        if article.status == ArticleStatus.PROCESSING and not after_transient_error:
            article.extraction_interruptions += 1
        if article.extraction_interruptions >= MAX_PROCESSING_ATTEMPTS:
            article.status = ArticleStatus.FAILED
            article.error = (f"Gave up after {article.extraction_interruptions} attempts cut off inside extraction "
                             "(the worker died or was killed while extracting this article each time).")
        else:
            article.status = ArticleStatus.PROCESSING
            article.processing_attempts += 1
        article.save(update_fields=["status", "error", "processing_attempts", "extraction_interruptions",
                                    "updated_at"])
        return article


def _article_finish(*, article_id: int, status: str, **fields) -> Article:
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        article.status = status
        article.error = fields.pop("error", "")
        for name, value in fields.items():
            setattr(article, name, value)
        article.processed_at = timezone.now()
        article.save()
        return article


def _extraction():
    """The extraction package, imported on first use: it imports spaCy (seconds and 100+ MB), which
    web processes and management commands that only store and enqueue articles never need."""
    import verify.extraction

    return verify.extraction
