"""Audit entries and the closed set of actions they record.

Entries are only ever added. The ORM refuses to change or delete one (AuditEntryQuerySet, save,
delete); on PostgreSQL a trigger refuses UPDATE and DELETE on the table itself (migration 0004), so
neither a shell, a raw query nor a cascade rewrites history. The objects an entry points to (its
actor, its claim) cannot be deleted while it exists (PROTECT), and the actor's username is copied
into the entry, so renaming a user does not change who did what.
"""
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models


class AuditAction(models.TextChoices):
    """Every change the services record. Values are stored: never rename one, add a new member."""

    ARTICLE_SUBMIT = "article.submit", "Article submitted"
    ARTICLE_REPROCESS = "article.reprocess", "Article reprocessed"
    ARTICLE_EDITED = "article.edit", "Article details edited"
    CLAIM_ASSIGN = "claim.assign", "Claim assigned"
    CLAIM_DISMISS = "claim.dismiss", "Claim dismissed"
    CLAIM_EDIT = "claim.edit", "Claim edited"
    CLAIM_REOPEN = "claim.reopen", "Claim reopened"
    REVIEW_SUBMIT = "review.submit", "Review submitted"
    CLAIM_APPROVE = "claim.approve", "Verdict approved"
    CLAIM_SEND_BACK = "claim.send_back", "Verdict sent back"
    CLAIM_DECIDE = "claim.decide", "Disagreement decided"
    DESK_SETTINGS_UPDATE = "desk.settings_update", "Desk settings changed"
    SOURCE_ATTACH = "source.attach", "Source attached"
    MATCH_CONFIRM = "match.confirm", "Match confirmed"
    MATCH_REJECT = "match.reject", "Match rejected"
    MATCH_APPLY_VERDICT = "match.apply_verdict", "Earlier verdict applied"
    REPORT_CREATE = "report.create", "Report created"
    REPORT_UPDATE = "report.update", "Report updated"
    REPORT_CLAIMS_ADD = "report.claims_add", "Claims added to report"
    REPORT_CLAIMS_REMOVE = "report.claims_remove", "Claims removed from report"
    REPORT_PUBLISH = "report.publish", "Report published"
    REPORT_EXPORT = "report.export", "Report exported"
    USER_ROLE_SET = "user.role_set", "Role set"
    ADMIN_DELETE = "admin.delete", "Deleted in the admin console"
    WEBHOOK_CREATE = "webhook.create", "Webhook endpoint registered"
    WEBHOOK_UPDATE = "webhook.update", "Webhook endpoint changed"
    WEBHOOK_DELETE = "webhook.delete", "Webhook endpoint deleted"
    WEBHOOK_TEST = "webhook.test", "Webhook test event sent"
    FACT_CHECKS_IMPORT = "factchecks.import", "Other fact-checkers' work imported"
    FACT_CHECK_FEED_CREATE = "factchecks.feed_create", "Fact-check feed subscribed"


class AuditTrailImmutable(PermissionDenied):
    """An attempt to change or delete an audit entry (a 403 if a view ever lets one through)."""


IMMUTABLE_MESSAGE = "Audit entries are never changed or deleted; the audit trail is append-only."


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditTrailImmutable(IMMUTABLE_MESSAGE)

    def delete(self):
        raise AuditTrailImmutable(IMMUTABLE_MESSAGE)

    update.queryset_only = True
    delete.queryset_only = True


class AuditEntry(models.Model):
    """Who did what to which object, with the state before and after. Written only by services."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The actor's username when the entry was written ("" for the system).
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64, db_index=True, choices=AuditAction.choices)
    # PROTECT: a claim with a history cannot be deleted (it is dismissed instead), so no entry ever
    # loses its claim.
    claim = models.ForeignKey("verify.Claim", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="audit_entries")
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        # The table predates this app (the audit trail used to live in annotations); keeping its name
        # keeps every existing entry in place.
        db_table = "annotations_auditentry"
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.action} {self.target_type}:{self.target_id} by {self.actor_name}"

    @property
    def actor_name(self) -> str:
        """Who did it, as they were called then."""
        return self.actor_username or "the system"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditTrailImmutable(IMMUTABLE_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailImmutable(IMMUTABLE_MESSAGE)
