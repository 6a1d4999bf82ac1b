"""What each event says: the generic JSON body, and one line of text for Slack-compatible endpoints.

Generic body: {"event": "<WebhookEvent value>", "event_id": "<uuid>", "created_at": "<ISO 8601>",
"data": {...}}. Slack-compatible body: {"text": "<one line with a link>"}. Built when the event
happens (a snapshot), so a retry sends the same bytes.
"""
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from annotations.matching.models import ClaimMatch
from annotations.models import Review
from annotations.reports.document import report_permalink
from annotations.reports.models import ReportRevision
from annotations.webhooks.models import WebhookEvent, WebhookFormat
from verify.models import Claim

TEXT_EXCERPT = 200


@dataclass(frozen=True)
class EventPayload:
    event: WebhookEvent
    data: dict
    text: str  # for Slack-compatible endpoints


def body_for(*, payload: EventPayload, event_id: str, created_at: str, format: str) -> dict:
    if format == WebhookFormat.SLACK:
        return {"text": payload.text}
    return {"event": payload.event.value, "event_id": event_id, "created_at": created_at, "data": payload.data}


def _site(path: str) -> str:
    return settings.VERIFY_SITE_URL.rstrip("/") + path


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_EXCERPT else text[:TEXT_EXCERPT - 1] + "…"


def _claim(claim: Claim) -> dict:
    return {"id": claim.pk, "text": claim.text, "claimant": claim.claimant, "verdict": claim.verdict,
            "article_id": claim.article_id, "url": _site(reverse("desk:claim-detail", args=[claim.pk]))}


def claim_reviewed_payload(*, review: Review) -> EventPayload:
    claim = review.claim
    data = {"claim": _claim(claim),
            "review": {"id": review.pk, "verdict": review.verdict, "reviewer": review.reviewer.get_username(),
                       "rationale": review.rationale, "created_at": review.created_at.isoformat()}}
    text = (f"{review.reviewer.get_username()} reviewed a claim as {review.get_verdict_display().lower()}: "
            f"“{_excerpt(claim.text)}” {data['claim']['url']}")
    return EventPayload(event=WebhookEvent.CLAIM_REVIEWED, data=data, text=text)


def verdict_final_payload(*, claim: Claim) -> EventPayload:
    data = {"claim": _claim(claim)}
    text = f"Final verdict, {claim.get_verdict_display().lower()}: “{_excerpt(claim.text)}” {data['claim']['url']}"
    return EventPayload(event=WebhookEvent.VERDICT_FINAL, data=data, text=text)


def report_published_payload(*, revision: ReportRevision) -> EventPayload:
    report = revision.report
    url = report_permalink(slug=report.slug)
    data = {"report": {"id": report.pk, "title": revision.title, "slug": report.slug, "revision": revision.number,
                       "items": revision.items.count(), "published_at": revision.published_at.isoformat(),
                       "url": url}}
    text = f"Report published (revision {revision.number}): {_excerpt(revision.title)} {url}"
    return EventPayload(event=WebhookEvent.REPORT_PUBLISHED, data=data, text=text)


def matches_found_payload(*, matches: list[ClaimMatch]) -> EventPayload:
    claim = matches[0].claim
    data = {"claim": _claim(claim),
            "matches": [{"id": match.pk, "status": match.status, "score": match.score,
                         "numbers_agree": match.numbers_agree,
                         "document": {"kind": match.document.kind, "text": match.document.text,
                                      "claim_id": match.document.claim_id,
                                      "report_item_id": match.document.report_item_id,
                                      "fact_check_id": match.document.fact_check_id}}
                        for match in matches]}
    linked = sum(1 for match in matches if match.status == "auto")
    text = (f"Checked before? {len(matches)} earlier claim(s) match ({linked} linked automatically): "
            f"“{_excerpt(claim.text)}” {data['claim']['url']}")
    return EventPayload(event=WebhookEvent.MATCH_FOUND, data=data, text=text)


def test_payload(*, endpoint_name: str) -> EventPayload:
    return EventPayload(event=WebhookEvent.TEST,
                        data={"message": "A test event from Verity.", "endpoint": endpoint_name},
                        text=f"Verity test event for “{_excerpt(endpoint_name)}”: this endpoint receives deliveries.")
