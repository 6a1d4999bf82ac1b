"""The article's life, decided in one place: submit → fetch → clean and extract → match.

Every way in (the submit page, the API, `manage.py ingest`, feeds, admin actions) calls
`article_submit`; every step that ends hands the article to the next through `article_advance`, and
tasks (workers/) only call the step functions here. Matching and indexing belong to the desk
(annotations.matching); this module asks for them by task name and never imports them.
"""
import enum
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from verify import services
from verify.audit.models import AuditAction
from verify.audit.services import audit_record
from verify.background import TaskName, task_enqueue, task_enqueue_on_commit
from verify.content import content_hash, content_is_html, content_validate
from verify.ingestion import services as url_services
from verify.ingestion.extract import page_extract
from verify.ingestion.files import text_from_upload
from verify.models import Article, ArticleStatus
from verify.roles import EDITOR, user_has_role

SourceKind = Article.SourceKind


class Unchanged(enum.Enum):
    """article_update's default for a field: keep its value."""

    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED
# What an editor may correct after submission, and the text limits (the model's column lengths).
ARTICLE_EDITABLE_FIELDS = ("title", "publisher", "author", "published_at", "url")
ARTICLE_TEXT_LIMITS = {"title": 500, "publisher": 200, "author": 200, "url": 2000}
_http_url = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool
    # True: handed to the queue; False: the queue refused (the sweeper retries); None: not yet
    # (inside an outer transaction the hand-off happens at its commit) or nothing to do.
    enqueued: bool | None

    @property
    def notice(self) -> str:
        """What to tell the submitter, the same words in the API, the web page and the command."""
        if not self.created:
            return "This article was submitted before; here it is."
        if self.enqueued is False:
            return ("The article is saved as pending: the processing queue is not answering right now, "
                    "and it will be processed as soon as the queue is back.")
        return "Article received; its claims appear when processing is done."


def article_submit(
    *,
    kind: str,
    text: str = "",
    data=None,
    filename: str = "",
    url: str = "",
    feed=None,
    title: str = "",
    publisher: str = "",
    author: str = "",
    published_at: datetime | None = None,
    is_html: bool | None = None,
    submitted_by: AbstractBaseUser | None = None,
) -> IngestResult:
    """Store what came in, once per distinct content (or URL), and queue its next step.

    kind TEXT: `text` as pasted (HTML detected unless `is_html` says). FILE: `data` (bytes or a file
    object) read by content, `filename` kept. URL and FEED: `url` fetched later by a worker. The
    audit entry records the kind and the file name, so the trail says what came in.
    """
    kind = SourceKind(kind)
    if kind in (SourceKind.URL, SourceKind.FEED):
        return _submit_url(url=url, title=title, submitted_by=submitted_by, feed=feed)
    if kind == SourceKind.FILE:
        upload = text_from_upload(data=data, filename=filename)
        text, filename, is_html = upload.text, upload.filename, upload.is_html
        title, author = title or upload.title, author or upload.author
    content_validate(raw_content=text)
    if is_html is None:
        is_html = content_is_html(raw_content=text)
    defaults = {
        "raw_content": text,
        "content_type": Article.ContentType.HTML if is_html else Article.ContentType.TEXT,
        "source_kind": kind,
        "original_filename": filename[:255] if kind == SourceKind.FILE else "",
        "title": title[:500],
        "url": url,
        "publisher": publisher[:200],
        "author": author[:200],
        "published_at": published_at,
        "submitted_by": _person(submitted_by),
    }
    if is_html:
        defaults = _with_page_metadata(fields=defaults, html=text)
    enqueued: list[bool] = []
    with transaction.atomic():
        article, created = Article.objects.get_or_create(
            content_hash=content_hash(raw_content=text), defaults=defaults
        )
        if created:
            _audit_submit(article=article, actor=submitted_by)
            transaction.on_commit(lambda: enqueued.append(article_advance(article_id=article.pk)))
    return IngestResult(article=article, created=created, enqueued=enqueued[0] if enqueued else None)


def _submit_url(*, url: str, title: str, submitted_by: AbstractBaseUser | None, feed) -> IngestResult:
    enqueued: list[bool] = []
    with transaction.atomic():
        article, created, needs_fetch = url_services.article_placeholder_for_url(
            url=url, title=title, submitted_by=submitted_by, feed=feed)
        if created:
            _audit_submit(article=article, actor=submitted_by)
        if needs_fetch:
            transaction.on_commit(lambda: enqueued.append(article_advance(article_id=article.pk)))
    return IngestResult(article=article, created=created, enqueued=enqueued[0] if enqueued else None)


def article_advance(*, article_id: int) -> bool:
    """Queue the article's next step: its fetch when its page is not stored yet, else its processing.

    False when the broker refused: the article stays pending and the sweeper tries again.
    """
    if url_services.article_fetch_pending(article_id=article_id):
        return task_enqueue(TaskName.ARTICLE_FETCH, article_id, queue=settings.VERIFY_FETCH_QUEUE or None)
    return task_enqueue(TaskName.ARTICLE_PROCESS, article_id)


def article_run_here(*, article_id: int) -> Article:
    """The article's remaining steps in this process, for a caller no worker answered (`ingest`): its
    fetch when its page is not stored yet, then its processing. Safe beside a worker that starts late:
    each step is idempotent."""
    if url_services.article_fetch_pending(article_id=article_id):
        url_services.article_fetch(article_id=article_id)
    return article_process(article_id=article_id)


def article_fetch(*, article_id: int) -> Article:
    """The fetch step (a task): fetch and store the page, then queue processing of what was stored."""
    article = url_services.article_fetch(article_id=article_id)
    if article.raw_content and article.status == ArticleStatus.PENDING:
        task_enqueue_on_commit(TaskName.ARTICLE_PROCESS, article.pk)
    return article


def article_fetch_failed(*, article_id: int, reason: str) -> Article:
    """The fetch's retries are exhausted: record why on the article."""
    return url_services.article_fetch_failed(article_id=article_id, reason=reason)


def article_process(*, article_id: int, after_transient_error: bool = False, task_id: str = "") -> Article:
    """The processing step (a task): clean and extract the article, with others waiting beside it when a
    task runs it (settings VERIFY_EXTRACTION_BATCH_*), then queue the search for earlier checks of each
    one done. Articles a failed batch handed back are queued again, to run alone.
    `after_transient_error`: the task is retrying after a database error (see services.articles_process)."""
    if task_id:
        # Handed back and queued before this run does anything else: an error later in it (it is retried)
        # must not leave them pending with nobody to queue them, their own tasks having left them.
        for released_id in services.articles_release_left(task_id=task_id, keep_id=article_id):
            task_enqueue_on_commit(TaskName.ARTICLE_PROCESS, released_id)
    outcome = services.articles_process(
        article_id=article_id, after_transient_error=after_transient_error, task_id=task_id,
        batch_articles=settings.VERIFY_EXTRACTION_BATCH_ARTICLES, batch_chars=settings.VERIFY_EXTRACTION_BATCH_CHARS)
    # An article a batch extracted is matched once, queued by that batch's task, not again by its own.
    own = () if outcome.finished_elsewhere else (outcome.article,)
    for article in (*own, *outcome.others):
        if article.status == ArticleStatus.DONE:
            task_enqueue_on_commit(TaskName.ARTICLE_MATCHES_FIND, article.pk)
    for released_id in outcome.released:
        task_enqueue_on_commit(TaskName.ARTICLE_PROCESS, released_id)
    return outcome.article


def article_fail(*, article_id: int, error: str) -> Article | None:
    """Processing's retries are exhausted: record why on the article."""
    return services.article_fail(article_id=article_id, error=error)


def article_reprocess(*, article: Article, actor: AbstractBaseUser | None = None) -> Article:
    """Run extraction again (e.g. after a new extractor version); existing claims are kept."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        audit_record(actor=actor, action=AuditAction.ARTICLE_REPROCESS, target=article,
                     before={"status": article.status, "extractor_version": article.extractor_version},
                     after={"status": ArticleStatus.PENDING})
        article.status = ArticleStatus.PENDING
        article.error = ""
        article.processing_attempts = 0
        article.extraction_interruptions = 0
        article.save(update_fields=["status", "error", "processing_attempts", "extraction_interruptions",
                                    "updated_at"])
        transaction.on_commit(lambda: article_advance(article_id=article.pk))
    return article


def article_update(
    *,
    article_id: int,
    user: AbstractBaseUser,
    title: str | Unchanged = UNCHANGED,
    publisher: str | Unchanged = UNCHANGED,
    author: str | Unchanged = UNCHANGED,
    published_at: datetime | None | Unchanged = UNCHANGED,
    url: str | Unchanged = UNCHANGED,
) -> Article:
    """An editor's correction of the article's details: title, publisher, author, publication date and
    original URL (metadata only: nothing is fetched again).

    A field left UNCHANGED keeps its value; "" (None for the date) clears it. One audit entry records
    the fields that changed, before and after; when nothing changed nothing is written or recorded.
    Article.DoesNotExist for an unknown id, PermissionDenied below the editor role, ValidationError
    naming the field for a bad value.
    """
    if not user_has_role(user, EDITOR):
        raise PermissionDenied("You need the editor role (or higher) to edit an article's details.")
    given = {name: value for name, value in (("title", title), ("publisher", publisher), ("author", author),
                                             ("published_at", published_at), ("url", url))
             if value is not UNCHANGED}
    cleaned = _article_details_clean(fields=given)
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        changed = {name: value for name, value in cleaned.items() if getattr(article, name) != value}
        if not changed:
            return article
        audit_record(actor=user, action=AuditAction.ARTICLE_EDITED, target=article,
                     before={name: _audit_value(getattr(article, name)) for name in changed},
                     after={name: _audit_value(value) for name, value in changed.items()})
        for name, value in changed.items():
            setattr(article, name, value)
        article.save(update_fields=[*changed, "updated_at"])
    return article


def _article_details_clean(*, fields: dict) -> dict:
    errors: dict[str, str] = {}
    cleaned = {}
    for name, value in fields.items():
        if name == "published_at":
            if value is not None and not isinstance(value, datetime):
                errors[name] = "The publication date must be a date and time."
            cleaned[name] = value
            continue
        if not isinstance(value, str):
            errors[name] = f"The {name} must be text."
            continue
        value = value.strip()
        limit = ARTICLE_TEXT_LIMITS[name]
        if len(value) > limit:
            errors[name] = f"The {name} is {len(value):,} characters; the limit is {limit:,}."
        elif name == "url" and value:
            try:
                _http_url(value)
            except ValidationError:
                errors[name] = "Give the article's address as an http:// or https:// URL."
        cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _audit_value(value):
    return value.isoformat() if isinstance(value, datetime) else value


def _with_page_metadata(*, fields: dict, html: str) -> dict:
    """An uploaded or pasted page's title, author, publisher, date and canonical URL, read as URL
    ingestion reads a fetched page, fill what the submitter left blank (the submitter's values win)."""
    page = page_extract(html=html, url=fields["url"])
    return {
        **fields,
        "title": fields["title"] or page.title,
        "author": fields["author"] or page.author,
        "publisher": fields["publisher"] or page.publisher,
        "published_at": fields["published_at"] or page.published_at,
        "canonical_url": page.canonical_url,
    }


def _audit_submit(*, article: Article, actor: AbstractBaseUser | None) -> None:
    after = {"title": article.title, "content_hash": article.content_hash, "source_kind": article.source_kind}
    if article.original_filename:
        after["filename"] = article.original_filename
    if article.url:
        after["url"] = article.url
    audit_record(actor=actor, action=AuditAction.ARTICLE_SUBMIT, target=article, after=after)


def _person(user: AbstractBaseUser | None) -> AbstractBaseUser | None:
    return user if user is not None and user.is_authenticated else None
