"""Writes for URL ingestion: submit a URL (a pending placeholder article), then fetch and store it.

An article submitted by URL starts as a placeholder: `pending`, empty `raw_content`, and a hash
derived from its URL (so the same URL submitted twice at once is one row). The fetch task fills
it with the page's main text and metadata; verify.lifecycle then hands it to processing. When the page turns out to be one we already have (same
canonical URL or same text), the placeholder is kept, marked done with a visible "duplicate of
article N" reason and a link to the original, so an id already given to a client stays valid.
"""
from __future__ import annotations

import hashlib
import ipaddress
import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from verify.content import content_hash, content_is_html, content_validate
from verify.ingestion.canonical import canonical_url_trusted
from verify.ingestion.extract import ExtractedPage, page_extract
from verify.ingestion.fetch import (
    HTML_TYPES,
    FetchError,
    FetchResult,
    address_refusal,
    fetch_url,
    url_parse,
)
from verify.ingestion.models import FeedEntry, FetchedPage
from verify.models import Article, ArticleStatus

logger = logging.getLogger(__name__)

URL_SOURCE_KINDS = (Article.SourceKind.URL, Article.SourceKind.FEED)


def url_validate(*, url: str) -> str:
    """The URL normalised, or a ValidationError saying what is wrong. No DNS lookup (that is the worker's)."""
    try:
        parsed = url_parse(url=url)
    except FetchError as exc:
        raise ValidationError(str(exc), code="invalid_url") from exc
    host = parsed.host
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None and (reason := address_refusal(address=literal)):
        raise ValidationError(f"Refused to fetch {host}: {reason}.", code="forbidden_address")
    return str(parsed)


def article_placeholder_for_url(
    *, url: str, title: str = "", submitted_by: AbstractBaseUser | None = None, feed=None
) -> tuple[Article, bool, bool]:
    """The article that will hold `url`'s page: (article, created, needs a fetch).

    A URL we already hold returns that article (no fetch); one whose earlier fetch failed is tried
    again on the same article, so nothing given to a client goes stale.
    """
    url = url_validate(url=url)
    existing = article_find_by_url(url=url)
    if existing is not None and existing.status != ArticleStatus.FAILED:
        return existing, False, False
    with transaction.atomic():
        if existing is not None:
            article = Article.objects.select_for_update().get(pk=existing.pk)
            article.status = ArticleStatus.PENDING
            article.error = ""
            article.processing_attempts = 0
            article.extraction_interruptions = 0
            article.save(update_fields=["status", "error", "processing_attempts", "extraction_interruptions",
                                        "updated_at"])
            return article, False, True
        article, created = Article.objects.get_or_create(
            content_hash=_placeholder_hash(url=url),
            defaults={
                "url": url,
                "title": title.strip()[:500],  # a title given by the submitter wins over the page's
                "source_kind": Article.SourceKind.FEED if feed is not None else Article.SourceKind.URL,
                "raw_content": "",
                "content_type": Article.ContentType.HTML,
                "status": ArticleStatus.PENDING,
                "submitted_by": submitted_by if submitted_by and submitted_by.is_authenticated else None,
            },
        )
    return article, created, created


def article_find_by_url(*, url: str) -> Article | None:
    """The article we hold for this URL (as submitted or as its canonical URL); duplicates lead to the original."""
    article = (Article.objects.filter(Q(url=url) | Q(canonical_url=url)).select_related("fetched_page__duplicate_of")
               .order_by("pk").first())
    if article is None:
        return None
    page = getattr(article, "fetched_page", None)
    if page is not None and page.duplicate_of is not None:
        return page.duplicate_of
    return article


def article_fetch_pending(*, article_id: int) -> bool:
    """True for a URL/feed article whose page has not been stored yet (and is not a known duplicate)."""
    return Article.objects.filter(pk=article_id, source_kind__in=URL_SOURCE_KINDS, raw_content="",
                                  skipped_reason="").exists()


def article_needs_fetch(*, article: Article) -> bool:
    return article.source_kind in URL_SOURCE_KINDS and not article.raw_content and not article.skipped_reason


def article_fetch(*, article_id: int) -> Article:
    """Fetch a placeholder's URL and store the page (the article is then `pending` with content). Idempotent.

    Transient fetch errors (timeouts, refused connections, 5xx) propagate so the task retries;
    permanent ones (forbidden address, not a web page, too large, 404) fail the article with the reason.
    """
    article = Article.objects.get(pk=article_id)
    if not article_needs_fetch(article=article):
        return article
    try:
        result = fetch_url(url=article.url)
    except FetchError as exc:
        if exc.transient:
            raise
        return _article_fetch_failed(article_id=article_id, reason=str(exc))
    return article_store_fetched(article_id=article_id, result=result)


def article_fetch_failed(*, article_id: int, reason: str) -> Article:
    """Retries are exhausted: record why on the article."""
    return _article_fetch_failed(article_id=article_id, reason=reason)


def article_store_fetched(*, article_id: int, result: FetchResult) -> Article:
    is_html = result.mime_type in HTML_TYPES or (not result.mime_type and content_is_html(raw_content=result.text))
    page = page_extract(html=result.text, url=result.final_url) if is_html else ExtractedPage(text=result.text.strip())
    if page.text:
        raw_content, content_type = page.text, Article.ContentType.TEXT
    else:
        # trafilatura found no main text: keep the whole page and let the normal cleaner try.
        raw_content = result.text
        content_type = Article.ContentType.HTML if is_html else Article.ContentType.TEXT
    try:
        content_validate(raw_content=raw_content)
    except ValidationError as exc:
        return _article_fetch_failed(article_id=article_id, reason="; ".join(exc.messages))
    # A canonical URL on another site is not believed (verify/ingestion/canonical.py).
    canonical_url = canonical_url_trusted(canonical_url=page.canonical_url, fetched_url=result.final_url) \
        or result.final_url
    text_hash = content_hash(raw_content=raw_content)
    page_fields = {
        "requested_url": result.url[:2000], "final_url": result.final_url[:2000], "status_code": result.status_code,
        "mime_type": result.mime_type[:100], "charset": result.charset[:40], "html": result.text,
        "metadata": {"title": page.title, "author": page.author, "publisher": page.publisher,
                     "published_at": page.published_at.isoformat() if page.published_at else None,
                     "canonical_url": page.canonical_url, "language": page.language,
                     "redirects": list(result.redirects)},
    }
    for _attempt in range(2):
        try:
            with transaction.atomic():
                article = Article.objects.select_for_update().get(pk=article_id)
                if not article_needs_fetch(article=article):
                    return article  # another run stored it meanwhile
                original = _article_same_as(article=article, canonical_url=canonical_url, text_hash=text_hash)
                if original is not None:
                    return _article_mark_duplicate(article=article, original=original, canonical_url=canonical_url,
                                                   page_fields=page_fields)
                article.raw_content = raw_content
                article.content_type = content_type
                article.status = ArticleStatus.PENDING
                article.error = ""
                article.content_hash = text_hash
                article.canonical_url = canonical_url
                article.title = article.title or page.title
                article.author = article.author or page.author
                article.publisher = article.publisher or page.publisher
                article.published_at = article.published_at or page.published_at
                article.save()
                FetchedPage.objects.update_or_create(article=article, defaults=page_fields)
                return article
        except IntegrityError:
            # Another article took this text's hash between our check and our write: a duplicate.
            continue
    raise IntegrityError(f"Article {article_id}: the content hash stayed taken but no original was found.")


def _article_same_as(*, article: Article, canonical_url: str, text_hash: str) -> Article | None:
    same = Q(content_hash=text_hash) | Q(canonical_url=canonical_url) | Q(url=canonical_url)
    candidates = Article.objects.filter(same).exclude(pk=article.pk).exclude(fetched_page__duplicate_of__isnull=False)
    # Only articles that hold content count; other placeholders still waiting for their fetch do not.
    return candidates.exclude(raw_content="").order_by("pk").first()


def _article_mark_duplicate(*, article: Article, original: Article, canonical_url: str, page_fields: dict) -> Article:
    why = "the same canonical URL" if original.canonical_url == canonical_url or original.url == canonical_url \
        else "the same text"
    article.status = ArticleStatus.DONE
    article.error = ""
    article.canonical_url = canonical_url
    article.title = article.title or original.title
    article.skipped_reason = f"Duplicate of article {original.pk} ({why}); see that article for its claims."[:300]
    article.processed_at = timezone.now()
    article.save()
    FetchedPage.objects.update_or_create(article=article, defaults={**page_fields, "duplicate_of": original})
    FeedEntry.objects.filter(article=article).update(article=original)
    return article


def _article_fetch_failed(*, article_id: int, reason: str) -> Article:
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        article.status = ArticleStatus.FAILED
        article.error = f"Could not fetch {article.url}: {reason}"[:2000]
        article.processed_at = timezone.now()
        article.save(update_fields=["status", "error", "processed_at", "updated_at"])
        return article


def _placeholder_hash(*, url: str) -> str:
    # Not a hash of content: it keeps the unique column filled (and one row per URL) until the fetch.
    return hashlib.sha256(f"url-placeholder:{url}".encode()).hexdigest()
