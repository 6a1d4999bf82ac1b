"""Build and publish reports. Publishing freezes every covered claim into a numbered revision."""
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from verify.audit.models import AuditAction
from verify.errors import ReferenceNotFound
from verify.audit.services import audit_record
from verify.models import MAX_ID, Article, Claim
from annotations.reports.models import (
    Report,
    ReportClaim,
    ReportItem,
    ReportRevision,
    ReportStatus,
)
from annotations.reports.corrections import item_changes
from annotations.reports.document import ITEM_FIELDS
from annotations.reports.selectors import claims_filter, report_snapshot_items
from annotations.reports.services.check import report_check
from annotations.signals import report_published

TITLE_MAX = 300
# An editor's claimReviewed summary: a sentence, not an essay (the check advises under 75 characters).
CLAIM_REVIEWED_MAX = 1000


def report_create(
    *,
    title: str,
    created_by: AbstractBaseUser,
    summary: str = "",
    org_name: str = "",
    org_url: str = "",
    claim_ids: list[int] | None = None,
    article_id: int | None = None,
    filters: dict | None = None,
) -> Report:
    """A draft report, optionally with its first claims (ids, an article's reviewed claims, a filter)."""
    title, summary, org_name, org_url = _clean_fields(title=title, summary=summary, org_name=org_name,
                                                      org_url=org_url)
    with transaction.atomic():
        report = Report.objects.create(
            title=title, summary=summary, org_name=org_name, org_url=org_url, created_by=created_by,
            slug=_slug_for(title),
        )
        audit_record(actor=created_by, action=AuditAction.REPORT_CREATE, target=report,
                     after={"title": title, "slug": report.slug})
        if claim_ids or article_id is not None or filters:
            report_add_claims(report=report, actor=created_by, claim_ids=claim_ids, article_id=article_id,
                              filters=filters)
    return report


def report_update(*, report: Report, actor: AbstractBaseUser, title: str | None = None,
                  summary: str | None = None, org_name: str | None = None, org_url: str | None = None) -> Report:
    """Change the working copy; readers see it only when the next revision is published."""
    title, summary, org_name, org_url = _clean_fields(
        title=report.title if title is None else title,
        summary=report.summary if summary is None else summary,
        org_name=report.org_name if org_name is None else org_name,
        org_url=report.org_url if org_url is None else org_url,
    )
    before = {"title": report.title, "summary": report.summary, "org_name": report.org_name,
              "org_url": report.org_url}
    after = {"title": title, "summary": summary, "org_name": org_name, "org_url": org_url}
    with transaction.atomic():
        Report.objects.filter(pk=report.pk).update(**after, updated_at=timezone.now())
        audit_record(actor=actor, action=AuditAction.REPORT_UPDATE, target=report, before=before, after=after)
    report.refresh_from_db()
    return report


def report_add_claims(
    *,
    report: Report,
    actor: AbstractBaseUser,
    claim_ids: list[int] | None = None,
    article_id: int | None = None,
    filters: dict | None = None,
) -> int:
    """Cover more claims: chosen ids, all reviewed claims of an article, or those matching a filter.

    Claims already covered are skipped; returns how many were added.
    """
    wanted: list[int] = []
    if claim_ids:
        ids = _int_list(claim_ids, field="claims")
        found = set(Claim.objects.filter(pk__in=ids).values_list("pk", flat=True))
        missing = [pk for pk in ids if pk not in found]
        if missing:
            raise ReferenceNotFound({"claims": f"No claim has the id(s) {', '.join(map(str, missing[:20]))}."})
        wanted += ids
    if article_id is not None:
        if not 0 < article_id <= MAX_ID or not Article.objects.filter(pk=article_id).exists():
            raise ReferenceNotFound({"article": f"No article has the id {article_id}."})
        wanted += list(claims_filter(article_id=article_id).values_list("pk", flat=True))
    if filters:
        try:
            wanted += list(claims_filter(**filters).values_list("pk", flat=True))
        except TypeError as error:
            raise ValidationError({"filter": f"Unknown filter: {error}"}) from error
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        covered = set(report.report_claims.values_list("claim_id", flat=True))
        new_ids = list(dict.fromkeys(pk for pk in wanted if pk not in covered))
        limit = settings.VERIFY_REPORT_MAX_CLAIMS
        if len(covered) + len(new_ids) > limit:
            raise ValidationError({"claims": f"A report covers at most {limit} claims; this would make "
                                             f"{len(covered) + len(new_ids)}."})
        start = (report.report_claims.aggregate(top=Max("position"))["top"] or 0) + 1
        ReportClaim.objects.bulk_create(
            [ReportClaim(report=report, claim_id=pk, position=start + offset) for offset, pk in enumerate(new_ids)],
            batch_size=1000,
        )
        Report.objects.filter(pk=report.pk).update(updated_at=timezone.now())
        if new_ids:
            audit_record(actor=actor, action=AuditAction.REPORT_CLAIMS_ADD, target=report,
                         after={"claims": new_ids[:1000], "count": len(new_ids)})
    return len(new_ids)


def report_remove_claims(*, report: Report, actor: AbstractBaseUser, claim_ids: list[int]) -> int:
    """Stop covering claims (from the next revision on; published revisions keep them)."""
    ids = _int_list(claim_ids, field="claims")
    with transaction.atomic():
        removed, _ = ReportClaim.objects.filter(report=report, claim_id__in=ids).delete()
        if removed:
            Report.objects.filter(pk=report.pk).update(updated_at=timezone.now())
            audit_record(actor=actor, action=AuditAction.REPORT_CLAIMS_REMOVE, target=report,
                         before={"claims": ids[:1000]}, after={"count": removed})
    return removed


def report_publish(*, report: Report, actor: AbstractBaseUser, note: str = "") -> ReportRevision:
    """Freeze the covered claims as they are now into revision N+1 and make it the public one.

    Refused (ValidationError listing every error) when the publish check finds errors. Each item records
    what changed since the previous revision and when the report first published its claim; later
    changes to the claims reach readers only in a new revision.
    """
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        check = report_check(report=report)
        if not check.publishable:
            raise ValidationError({"publish_check": check.messages()})
        items = report_snapshot_items(report=report)
        previous = report.revisions.order_by("-number").first()
        earlier = {}
        if previous is not None:
            earlier = {item["claim_id"]: item for item in previous.items.filter(claim__isnull=False)
                       .values(*ITEM_FIELDS)}
        now = timezone.now()
        for item in items:
            before = earlier.get(item["claim_id"])
            item["changes"] = item_changes(published=before, current=item) if previous is not None else []
            item["first_published_at"] = (before["first_published_at"] or previous.published_at) if before else now
        kept = {item["claim_id"] for item in items}
        removed = [{"claim_id": claim_id, "claim_text": item["claim_text"]}
                   for claim_id, item in earlier.items() if claim_id not in kept]
        org_name = report.org_name or settings.VERIFY_ORG_NAME
        org_url = report.org_url or settings.VERIFY_ORG_URL
        number = (previous.number if previous else 0) + 1
        revision = ReportRevision.objects.create(
            report=report, number=number, title=report.title, summary=report.summary, org_name=org_name,
            org_url=org_url, published_at=now, published_by=actor, note=note[:500], removed=removed,
        )
        ReportItem.objects.bulk_create([ReportItem(revision=revision, **item) for item in items], batch_size=1000)
        before = {"status": report.status, "revision": previous.number if previous else None}
        report.status = ReportStatus.PUBLISHED
        report.published_at = now
        report.published_by = actor
        report.save(update_fields=["status", "published_at", "published_by", "updated_at"])
        changed = {str(item["claim_id"]): item["changes"] for item in items if item["changes"]}
        audit_record(actor=actor, action=AuditAction.REPORT_PUBLISH, target=report, before=before,
                     after={"status": report.status, "revision": revision.number, "items": len(items),
                            "title": revision.title, "changes": dict(list(changed.items())[:1000]),
                            "removed": [row["claim_id"] for row in removed][:1000],
                            "warnings": len(check.warnings)})
        report_published.send(sender=ReportRevision, revision=revision)  # its items join the matching index
    return revision


def report_claim_update(*, report: Report, actor: AbstractBaseUser, claim_id: int, claim_reviewed: str) -> ReportClaim:
    """Set the summary a covered claim is published under (ClaimReview claimReviewed).

    Blank restores the default, the claim's own text. Never cut: the publish check warns when it is long.
    A published claim's new summary makes the report stale until the next revision.
    """
    claim_reviewed = " ".join((claim_reviewed or "").split())
    if not 0 < claim_id <= MAX_ID:
        raise ValidationError({"claim": "Claim ids are positive whole numbers below 2^63."})
    if len(claim_reviewed) > CLAIM_REVIEWED_MAX:
        raise ValidationError({"claim_reviewed": f"The summary has {len(claim_reviewed)} characters; at most "
                                                 f"{CLAIM_REVIEWED_MAX}."})
    with transaction.atomic():
        link = ReportClaim.objects.select_for_update().filter(report=report, claim_id=claim_id).first()
        if link is None:
            raise ValidationError({"claim": f"The report does not cover claim #{claim_id}."})
        if link.claim_reviewed == claim_reviewed:
            return link
        before = {"claim": claim_id, "claim_reviewed": link.claim_reviewed}
        link.claim_reviewed = claim_reviewed
        link.save(update_fields=["claim_reviewed"])
        Report.objects.filter(pk=report.pk).update(updated_at=timezone.now())
        audit_record(actor=actor, action=AuditAction.REPORT_UPDATE, target=report, before=before,
                     after={"claim": claim_id, "claim_reviewed": claim_reviewed})
    return link


def _clean_fields(*, title: str, summary: str, org_name: str, org_url: str) -> tuple[str, str, str, str]:
    title = " ".join((title or "").split())
    errors = {}
    if not title:
        errors["title"] = "A report needs a title."
    elif len(title) > TITLE_MAX:
        errors["title"] = f"The title has {len(title)} characters; at most {TITLE_MAX}."
    if org_name and len(org_name) > 200:
        errors["org_name"] = "The organisation name has more than 200 characters."
    org_url = (org_url or "").strip()
    if org_url:
        try:
            URLValidator(schemes=["http", "https"])(org_url)
        except ValidationError:
            errors["org_url"] = "The organisation URL must be an http(s) address."
    if errors:
        raise ValidationError(errors)
    return title, (summary or "").strip(), (org_name or "").strip(), org_url


def _slug_for(title: str) -> str:
    base = slugify(title)[:60].strip("-") or "report"
    return f"{base}-{secrets.token_hex(3)}"


def _int_list(values, *, field: str) -> list[int]:
    try:
        ids = list(dict.fromkeys(int(value) for value in values))
    except (TypeError, ValueError) as error:
        raise ValidationError({field: "Give claim ids as whole numbers."}) from error
    if any(not 0 < pk <= MAX_ID for pk in ids):
        raise ValidationError({field: "Claim ids are positive whole numbers below 2^63."})
    return ids
