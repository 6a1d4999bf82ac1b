"""Audit entries and the closed set of actions they record."""
from django.conf import settings
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
    WEBHOOK_CREATE = "webhook.create", "Webhook endpoint registered"
    WEBHOOK_UPDATE = "webhook.update", "Webhook endpoint changed"
    WEBHOOK_DELETE = "webhook.delete", "Webhook endpoint deleted"
    WEBHOOK_TEST = "webhook.test", "Webhook test event sent"


class AuditEntry(models.Model):
    """Who did what to which object, with the state before and after. Written only by services."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=64, db_index=True, choices=AuditAction.choices)
    claim = models.ForeignKey("verify.Claim", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="audit_entries")
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        # The table predates this app (the audit trail used to live in annotations); keeping its name
        # keeps every existing entry in place.
        db_table = "annotations_auditentry"
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.action} {self.target_type}:{self.target_id} by {self.actor}"
