"""Desk events (annotations.signals) become webhook deliveries in the transaction that caused them."""
from django.dispatch import receiver

from annotations.signals import claim_reviewed, matches_found, report_published, verdict_finalized
from annotations.webhooks import payloads
from annotations.webhooks.models import WebhookEvent
from annotations.webhooks.services import webhook_event_emit


@receiver(claim_reviewed, dispatch_uid="webhooks.claim_reviewed")
def _claim_reviewed(sender, *, review, **kwargs) -> None:
    webhook_event_emit(event=WebhookEvent.CLAIM_REVIEWED,
                       build=lambda: payloads.claim_reviewed_payload(review=review))


@receiver(verdict_finalized, dispatch_uid="webhooks.verdict_finalized")
def _verdict_finalized(sender, *, claim, **kwargs) -> None:
    webhook_event_emit(event=WebhookEvent.VERDICT_FINAL, build=lambda: payloads.verdict_final_payload(claim=claim))


@receiver(report_published, dispatch_uid="webhooks.report_published")
def _report_published(sender, *, revision, **kwargs) -> None:
    webhook_event_emit(event=WebhookEvent.REPORT_PUBLISHED,
                       build=lambda: payloads.report_published_payload(revision=revision))


@receiver(matches_found, dispatch_uid="webhooks.matches_found")
def _matches_found(sender, *, matches, **kwargs) -> None:
    webhook_event_emit(event=WebhookEvent.MATCH_FOUND, build=lambda: payloads.matches_found_payload(matches=matches))
