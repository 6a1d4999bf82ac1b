"""Writes for articles and claims. Views, commands, admin actions and tasks all call these."""
import logging
from dataclasses import dataclass
from datetime import datetime

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from annotations.services.audit import audit_record
from verify.content import content_hash, content_is_html, content_validate
from verify.language import language_detect
from verify.models import Article, ArticleStatus, Claim

logger = logging.getLogger(__name__)

# Languages the extractor's model can read; other articles are stored and skipped with a reason.
SUPPORTED_LANGUAGES = {"en", "und"}
# An article whose processing was started this many times without finishing is given up on, so a
# message that keeps killing its worker cannot circulate for ever.
MAX_PROCESSING_ATTEMPTS = 5
# Errors that say "try again later" (database restarting, connection dropped), not "this input is bad".
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError)


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool
    # True: handed to the queue; False: the queue refused (the sweeper retries); None: not yet
    # (inside an outer transaction the hand-off happens at its commit).
    enqueued: bool | None

    @property
    def notice(self) -> str:
        """What to tell the submitter, the same words in the API and the web page."""
        if not self.created:
            return "This article was submitted before; here it is."
        if self.enqueued is False:
            return ("The article is saved as pending: the processing queue is not answering right now, "
                    "and it will be processed as soon as the queue is back.")
        return "Article received; its claims appear when processing is done."


def article_ingest(
    *,
    raw_content: str,
    title: str = "",
    url: str = "",
    publisher: str = "",
    author: str = "",
    published_at: datetime | None = None,
    is_html: bool | None = None,
    submitted_by: AbstractBaseUser | None = None,
) -> IngestResult:
    """Store a submitted article (once per distinct content) and queue its processing."""
    content_validate(raw_content=raw_content)
    if is_html is None:
        is_html = content_is_html(raw_content=raw_content)
    defaults = {
        "raw_content": raw_content,
        "content_type": Article.ContentType.HTML if is_html else Article.ContentType.TEXT,
        "title": title[:500],
        "url": url,
        "publisher": publisher[:200],
        "author": author[:200],
        "published_at": published_at,
        "submitted_by": submitted_by if submitted_by and submitted_by.is_authenticated else None,
    }
    enqueued: list[bool] = []
    with transaction.atomic():
        article, created = Article.objects.get_or_create(
            content_hash=content_hash(raw_content=raw_content), defaults=defaults
        )
        if created:
            audit_record(actor=submitted_by, action="article.submit", target=article,
                         after={"title": article.title, "content_hash": article.content_hash,
                                "source_kind": article.source_kind})
            transaction.on_commit(lambda: enqueued.append(article_enqueue(article_id=article.pk)))
    return IngestResult(article=article, created=created, enqueued=enqueued[0] if enqueued else None)


def article_enqueue(*, article_id: int) -> bool:
    """Hand the article to the workers. A broker outage leaves it pending for the sweeper."""
    from workers.tasks import article_process as article_process_task

    # Issue 6A: an article submitted by URL whose page is not fetched yet goes to the fetch task
    # (which hands it back here once the page is stored); so the sweeper also retries lost fetches.
    from verify.ingestion.services import article_fetch_enqueue, article_fetch_pending

    if article_fetch_pending(article_id=article_id):
        return article_fetch_enqueue(article_id=article_id)
    try:
        article_process_task.delay(article_id)
    except Exception:  # kombu raises several unrelated types when the broker is down
        logger.exception("Could not enqueue article %s; it stays pending", article_id)
        return False
    return True


def article_reprocess(*, article: Article, actor: AbstractBaseUser | None = None) -> Article:
    """Run extraction again (e.g. after a new extractor version); existing claims are kept."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        audit_record(actor=actor, action="article.reprocess", target=article,
                     before={"status": article.status, "extractor_version": article.extractor_version},
                     after={"status": ArticleStatus.PENDING})
        article.status = ArticleStatus.PENDING
        article.error = ""
        article.processing_attempts = 0
        article.save(update_fields=["status", "error", "processing_attempts", "updated_at"])
        transaction.on_commit(lambda: article_enqueue(article_id=article.pk))
    return article


def article_process(*, article_id: int) -> Article:
    """Clean, extract and store claims. Idempotent: rerunning it never duplicates claims."""
    from verify.extraction import EXTRACTOR_VERSION

    article = _article_start(article_id=article_id, extractor_version=EXTRACTOR_VERSION)
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
                skipped_reason=f"Extraction skipped: the article is in '{language}', and the extractor reads English only.",
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
    return _article_finish(article_id=article_id, status=ArticleStatus.DONE, cleaned_text=cleaned,
                           language=language, extractor_version=EXTRACTOR_VERSION)


def article_clean(*, article: Article) -> str:
    from verify.extraction import clean_text

    return clean_text(article.raw_content, is_html=article.content_type == Article.ContentType.HTML)


def article_fail(*, article_id: int, error: str) -> Article | None:
    """Record a failure the worker could not recover from (e.g. retries exhausted)."""
    try:
        return _article_finish(article_id=article_id, status=ArticleStatus.FAILED, error=error[:2000])
    except Article.DoesNotExist:  # deleted meanwhile: nothing left to mark
        return None


def claims_extract(*, article: Article, cleaned_text: str) -> list[Claim]:
    """Extract claims from cleaned text and store them; spans already stored are left alone."""
    from verify.extraction import EXTRACTOR_VERSION, extract_claims

    published = article.published_at
    extracted = extract_claims(cleaned_text, published_at=published)
    claims = [
        Claim(
            article=article,
            text=item.text,
            sentence=item.sentence,
            start_char=item.start,
            end_char=item.end,
            sentence_index=item.sentence_index,
            claimant=item.claimant[:300],
            cue=item.cue[:100],
            quantities=list(item.quantities),
            entities=list(item.entities),
            hedges=list(item.hedges),
            checkworthiness=min(1.0, max(0.0, float(item.score))),
            extractor_version=EXTRACTOR_VERSION,
            extracted_text=item.text,
            extracted_claimant=item.claimant[:300],
        )
        for item in extracted
    ]
    # The unique span constraint makes a redelivered or repeated run a no-op.
    Claim.objects.bulk_create(claims, ignore_conflicts=True)
    return list(Claim.objects.filter(article=article, extractor_version=EXTRACTOR_VERSION))


def _article_start(*, article_id: int, extractor_version: str) -> Article:
    """pending/processing/failed -> processing under a row lock; done articles are left alone."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if article.status == ArticleStatus.DONE and article.extractor_version == extractor_version:
            return article
        if article.processing_attempts >= MAX_PROCESSING_ATTEMPTS:
            article.status = ArticleStatus.FAILED
            article.error = (f"Gave up after {article.processing_attempts} attempts: processing never "
                             "finished (the worker was killed or timed out each time).")
        else:
            article.status = ArticleStatus.PROCESSING
            article.processing_attempts += 1
        article.save(update_fields=["status", "error", "processing_attempts", "updated_at"])
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

