"""Writes for claim matching: index documents, find matches, and the reviewer's decisions."""
from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from annotations.matching.core.dense import to_bytes
from annotations.matching.core.text import TOKENIZER_VERSION, tokenize
from annotations.matching.index import configured_embedder, shared_index
from annotations.matching.models import ClaimMatch, DocumentKind, MatchDocument, MatchStatus
from annotations.matching.selectors import document_finding, match_apply_refusal
from annotations.reports.models import ReportItem, ReportRevision
from annotations.services import review_submit
from annotations.signals import matches_found
from verify.audit.models import AuditAction
from verify.audit.services import audit_record
from verify.background import TaskName, task_enqueue_on_commit
from verify.models import Claim
from verify.roles import REVIEWER, user_has_role

logger = logging.getLogger(__name__)

# How many nearest documents a new claim is compared with (the thresholds then decide).
CANDIDATES_PER_CLAIM = 20
# Verdicts worth copying or comparing: an actual finding about the claim.


def _embeddings(texts: list[str]) -> list[dict]:
    """The embedding fields of MatchDocument rows for these texts (empty when dense matching is off)."""
    embedder = configured_embedder()
    if embedder is None or not texts:
        return [{"embedding": None, "embedding_model": ""} for _ in texts]
    return [{"embedding": to_bytes(vector), "embedding_model": embedder.version}
            for vector in embedder.encode(texts)]


def _document_fields(texts: list[str]) -> list[dict]:
    """Everything a MatchDocument stores about each text: the text, its terms and its embedding."""
    return [{"text": text, "terms": " ".join(tokenize(text)), "terms_version": TOKENIZER_VERSION, **embedding}
            for text, embedding in zip(texts, _embeddings(texts))]


def _embedding_stale(document: MatchDocument) -> bool:
    embedder = configured_embedder()
    return embedder is not None and (document.embedding_model != embedder.version or not document.embedding)


def match_document_for_claim(*, claim: Claim) -> MatchDocument:
    """Index (or re-index, after an edit) one claim's text."""
    existing = MatchDocument.objects.filter(claim=claim).first()
    if existing is not None and existing.text == claim.text and existing.terms_version == TOKENIZER_VERSION \
            and not _embedding_stale(existing):
        return existing  # the common case: nothing to embed (embedding costs ~10 ms)
    [fields] = _document_fields([claim.text])
    if existing is None:
        # get_or_create: another worker may index the same claim at the same moment.
        document, created = MatchDocument.objects.get_or_create(
            claim=claim, defaults={"kind": DocumentKind.CLAIM, **fields})
        if created:
            return document
    else:
        document = existing
    # A new updated_at: every process's index copy re-reads the row on its next lookup.
    for name, value in fields.items():
        setattr(document, name, value)
    document.save(update_fields=[*fields, "updated_at"])
    return document


def claim_text_changed(*, claim: Claim) -> None:
    """After a reviewer edits a claim's text: re-index it now, re-match it once committed.

    Called inside the edit's transaction. The document's new updated_at makes every process's index
    copy read the new text on its next lookup; the claim's undecided machine links (suggested, auto)
    were found for the old text and go; decided ones (confirmed, rejected) stay as the reviewer left them.
    """
    match_document_for_claim(claim=claim)
    ClaimMatch.objects.filter(claim=claim, status__in=(MatchStatus.SUGGESTED, MatchStatus.AUTO)).delete()
    task_enqueue_on_commit(TaskName.CLAIM_MATCHES_FIND, claim.pk)


def match_documents_retokenize(*, batch_size: int = 2000) -> int:
    """Re-make stored terms written by an older tokenizer (after TOKENIZER_VERSION changed)."""
    updated = 0
    while True:
        batch = list(MatchDocument.objects.exclude(terms_version=TOKENIZER_VERSION).only("id", "text")[:batch_size])
        if not batch:
            return updated
        for document in batch:
            document.terms, document.terms_version = " ".join(tokenize(document.text)), TOKENIZER_VERSION
        # bulk_update leaves updated_at alone: index copies already tokenise stale rows themselves.
        MatchDocument.objects.bulk_update(batch, ["terms", "terms_version"])
        updated += len(batch)


def match_documents_embed(*, batch_size: int = 500) -> int:
    """Store embeddings missing or made by another model (after a migration or a model change)."""
    embedder = configured_embedder()
    if embedder is None:
        return 0
    updated = 0
    while True:
        stale = MatchDocument.objects.exclude(embedding_model=embedder.version) | MatchDocument.objects.filter(
            embedding__isnull=True)
        batch = list(stale.only("id", "text")[:batch_size])
        if not batch:
            return updated
        for document, fields in zip(batch, _embeddings([document.text for document in batch])):
            document.embedding, document.embedding_model = fields["embedding"], fields["embedding_model"]
        # bulk_update leaves updated_at alone: index copies already embed such rows themselves.
        MatchDocument.objects.bulk_update(batch, ["embedding", "embedding_model"])
        updated += len(batch)


def claims_index_missing(*, batch_size: int = 2000) -> int:
    """Index claims that have no document yet (stored before matching existed, or by another path)."""
    created = 0
    while True:
        batch = list(Claim.objects.filter(match_document__isnull=True).only("id", "text")[:batch_size])
        if not batch:
            return created
        created += len(MatchDocument.objects.bulk_create(
            [MatchDocument(kind=DocumentKind.CLAIM, claim=claim, **fields)
             for claim, fields in zip(batch, _document_fields([claim.text for claim in batch]))],
            ignore_conflicts=True,
        ))
        if len(batch) < batch_size:
            return created


def report_items_index() -> int:
    """Index the items of each published report's latest revision; superseded revisions' items leave."""
    latest = ReportRevision.objects.filter(report=OuterRef("revision__report")).values("report").annotate(
        top=Max("number")).values("top")
    current = ReportItem.objects.filter(revision__number=Subquery(latest))
    MatchDocument.objects.filter(kind=DocumentKind.REPORT_ITEM).exclude(report_item__in=current).delete()
    new_items = list(current.filter(match_document__isnull=True))
    created = MatchDocument.objects.bulk_create(
        [MatchDocument(kind=DocumentKind.REPORT_ITEM, report_item=item, **fields)
         for item, fields in zip(new_items, _document_fields([item.claim_text for item in new_items]))],
        ignore_conflicts=True,
    )
    return len(created)


def fact_checks_index(*, fact_checks: list) -> int:
    """Index (or re-index, after a re-import changed the text) other fact-checkers' reviewed claims."""
    existing = {d.fact_check_id: d for d in MatchDocument.objects.filter(fact_check__in=fact_checks)}
    stale = [item for item in fact_checks
             if item.pk not in existing or existing[item.pk].text != item.claim_reviewed]
    fields = _document_fields([item.claim_reviewed for item in stale])
    MatchDocument.objects.bulk_create(
        [MatchDocument(kind=DocumentKind.FACT_CHECK, fact_check=item, **values)
         for item, values in zip(stale, fields) if item.pk not in existing], ignore_conflicts=True)
    for item, values in zip(stale, fields):
        if item.pk in existing:
            # save() gives a new updated_at: every process's index copy re-reads the row.
            document = existing[item.pk]
            for name, value in values.items():
                setattr(document, name, value)
            document.save(update_fields=[*values, "updated_at"])
    return len(stale)


def _thresholds() -> tuple[float, float]:
    auto = float(settings.VERIFY_MATCH_AUTO_THRESHOLD)
    suggest = float(settings.VERIFY_MATCH_SUGGEST_THRESHOLD)
    return auto, min(suggest, auto)


def claim_matches_find(*, claim_id: int, refresh_index: bool = True) -> list[ClaimMatch]:
    """Link a stored claim to earlier claims (other articles) and published report items.

    Probability of being the same claim (Candidate.score, calibrated) >= VERIFY_MATCH_AUTO_THRESHOLD:
    linked as the same claim ("auto"); >= VERIFY_MATCH_SUGGEST_THRESHOLD: suggested to reviewers;
    below it: not stored. A document stating other numbers is at most suggested, marked so: it is
    never the same claim until a reviewer says it is. Pairs already decided (confirmed, rejected)
    are left alone, so a rejected pair is never suggested again. Idempotent: running it twice adds
    nothing.
    """
    claim = Claim.objects.filter(pk=claim_id).first()
    if claim is None:
        return []  # deleted since it was queued: nothing to do
    own = match_document_for_claim(claim=claim)
    if refresh_index:  # article_matches_find does this once for all its claims
        claims_index_missing()
        report_items_index()
    auto, suggest = _thresholds()
    candidates = shared_index.search(claim.text, limit=CANDIDATES_PER_CLAIM, exclude={own.pk})
    eligible = {c.key: c for c in candidates if c.score >= suggest}
    if not eligible:
        return []
    documents = MatchDocument.objects.filter(pk__in=eligible).select_related("claim", "report_item")
    new_matches = []
    for document in documents:
        if document.kind == DocumentKind.CLAIM:
            # Earlier claims from other articles only: a claim repeated within one article is not news.
            if document.claim.article_id == claim.article_id or document.claim_id > claim.pk:
                continue
        elif document.kind == DocumentKind.REPORT_ITEM and document.report_item.claim_id == claim.pk:
            continue  # its own report entry
        candidate = eligible[document.pk]
        new_matches.append(ClaimMatch(
            claim=claim, document=document, score=round(candidate.score, 4), numbers_agree=candidate.numbers_agree,
            status=MatchStatus.AUTO if candidate.score >= auto and candidate.numbers_agree else MatchStatus.SUGGESTED,
        ))
    known = set(ClaimMatch.objects.filter(claim=claim).values_list("document_id", flat=True))
    # ignore_conflicts: the unique pair keeps earlier decisions (and a concurrent run) untouched.
    ClaimMatch.objects.bulk_create(new_matches, ignore_conflicts=True)
    matches = list(ClaimMatch.objects.filter(claim=claim).select_related("document"))
    found = [match for match in matches if match.document_id not in known]
    if found:
        matches_found.send(sender=ClaimMatch, matches=found)
    return matches


def article_matches_find(*, article_id: int) -> int:
    """Run claim_matches_find for every claim of the article; returns how many links it now has."""
    claims_index_missing()  # the article's own claims first, so they can match each other's articles
    report_items_index()
    total = 0
    for claim_id in Claim.objects.filter(article_id=article_id).values_list("id", flat=True):
        total += len(claim_matches_find(claim_id=claim_id, refresh_index=False))
    return total


def _require_reviewer(user: AbstractBaseUser) -> None:
    if not user_has_role(user, REVIEWER):
        raise PermissionDenied("You need the reviewer role (or higher) to decide on matches.")


def _match_decide(*, match: ClaimMatch, user: AbstractBaseUser, status: str, action: AuditAction) -> ClaimMatch:
    _require_reviewer(user)
    with transaction.atomic():
        locked = ClaimMatch.objects.select_for_update().get(pk=match.pk)
        before = {"status": locked.status}
        locked.status = status
        locked.decided_by = user
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        audit_record(actor=user, action=action, target=locked, claim=locked.claim,
                     before=before, after={"status": status, "document": locked.document_id})
    return locked


def match_confirm(*, match: ClaimMatch, user: AbstractBaseUser) -> ClaimMatch:
    """The reviewer agrees: same claim."""
    return _match_decide(match=match, user=user, status=MatchStatus.CONFIRMED, action=AuditAction.MATCH_CONFIRM)


def match_reject(*, match: ClaimMatch, user: AbstractBaseUser) -> ClaimMatch:
    """Not the same claim; the pair stays stored as rejected so it is never suggested again."""
    return _match_decide(match=match, user=user, status=MatchStatus.REJECTED, action=AuditAction.MATCH_REJECT)


def match_apply_verdict(*, match: ClaimMatch, reviewer: AbstractBaseUser):
    """Copy the earlier verdict and its sources onto the new claim, as a new review by `reviewer`.

    Also confirms the match (applying a verdict says "same claim"). Refused (selectors'
    match_apply_refusal says why) for rejected matches, for unconfirmed ones stating other numbers,
    when the earlier claim has no finding yet, and for other fact-checkers' work: their rating is
    theirs, on their own scale, never the desk's verdict.
    """
    _require_reviewer(reviewer)
    finding = document_finding(document=match.document)
    refusal = match_apply_refusal(match=match, finding=finding)
    if refusal:
        raise ValidationError(refusal)
    rationale = (f"Same claim as {finding.label}, which was found {finding.verdict}."
                 + (f" Its rationale: {finding.rationale}" if finding.rationale else ""))
    sources = [{key: source.get(key, "") for key in ("url", "title", "publisher", "quote", "stance")}
               for source in finding.sources if source.get("url")][:50]
    with transaction.atomic():
        review = review_submit(claim=match.claim, reviewer=reviewer, verdict=finding.verdict,
                               rationale=rationale[:5000], sources=sources)
        if match.status != MatchStatus.CONFIRMED:
            _match_decide(match=match, user=reviewer, status=MatchStatus.CONFIRMED, action=AuditAction.MATCH_CONFIRM)
        audit_record(actor=reviewer, action=AuditAction.MATCH_APPLY_VERDICT, target=match, claim=match.claim,
                     after={"review": review.pk, "verdict": finding.verdict, "sources": len(sources)})
    return review
