"""The publish check: what stops a report from going out (errors) and what an editor should look at
(warnings). Shown on the publish page, answered by POST /api/reports/{id}/check/, and run again by
report_publish, which refuses a report with errors."""
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import models

from annotations.reports.claimants import claimant_kind
from annotations.reports.document import item_claim_reviewed
from annotations.reports.models import Report
from annotations.reports.rating import PUBLISHABLE_VERDICTS, verdict_label
from annotations.reports.selectors import report_edited_after_verdict, report_snapshot_items
from annotations.reports.site_url import site_url_problem
from annotations.selectors.signoff import claims_final
from verify.models import Claim, ClaimantType, Verdict

# Google asks for a claimReviewed under 75 characters; longer is allowed but shown cut.
CLAIM_REVIEWED_ADVISED_CHARS = 75
# Verdicts that rest on evidence: publishing one without a source is refused.
SOURCED_VERDICTS = (Verdict.VERIFIED, Verdict.DISPUTED)


class CheckCode(models.TextChoices):
    NO_CLAIMS = "no_claims", "No claims"
    SITE_URL = "site_url", "Site address"
    NOT_REVIEWED = "not_reviewed", "Not reviewed"
    NOT_FINAL = "not_final", "Awaiting sign-off"
    NO_APPEARANCE = "no_appearance", "No appearance URL"
    NO_APPEARANCE_DATE = "no_appearance_date", "No appearance date"
    NO_RATIONALE = "no_rationale", "No rationale"
    NO_SOURCE = "no_source", "No source"
    EDITED_AFTER_VERDICT = "edited_after_verdict", "Edited after its verdict"
    LONG_SUMMARY = "long_summary", "Long claimReviewed"
    UNNAMED_CLAIMANT = "unnamed_claimant", "No named claimant"
    UNTITLED_SOURCE = "untitled_source", "Source without a title"


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    claim_id: int | None = None
    article_id: int | None = None


@dataclass
class PublishCheck:
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    @property
    def publishable(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {"publishable": self.publishable, "errors": [asdict(f) for f in self.errors],
                "warnings": [asdict(f) for f in self.warnings]}

    def messages(self) -> list[str]:
        return [finding.message for finding in self.errors]


def report_check(*, report: Report) -> PublishCheck:
    """Check the covered claims as publishing would freeze them now. Reads only; a constant number of queries."""
    check = PublishCheck()
    problem = site_url_problem(url=settings.VERIFY_SITE_URL, debug=settings.DEBUG)
    if problem:
        check.errors.append(Finding(CheckCode.SITE_URL, problem))
    items = report_snapshot_items(report=report)
    if not items:
        check.errors.append(Finding(CheckCode.NO_CLAIMS, "A report needs at least one claim before it can be published."))
    edited = report_edited_after_verdict(items=items)
    final = set(claims_final(Claim.objects.filter(pk__in=[item["claim_id"] for item in items]))
                .values_list("pk", flat=True))
    for item in items:
        _check_item(check, item, edited=item["claim_id"] in edited, final=item["claim_id"] in final)
    return check


def _check_item(check: PublishCheck, item: dict, *, edited: bool, final: bool) -> None:
    claim_id, article_id = item["claim_id"], item["article_id"]
    name = f"Claim #{claim_id}"

    def error(code: str, message: str) -> None:
        check.errors.append(Finding(code, f"{name}: {message}", claim_id, article_id))

    def warning(code: str, message: str) -> None:
        check.warnings.append(Finding(code, f"{name}: {message}", claim_id, article_id))

    if item["verdict"] not in PUBLISHABLE_VERDICTS:
        check.errors.append(Finding(
            CheckCode.NOT_REVIEWED, f"Claim #{claim_id} ({verdict_label(item['verdict'])}) cannot be published: only "
                                    f"verified, unverified or disputed claims can (review or remove it).",
            claim_id, article_id))
        return
    if not final:
        error(CheckCode.NOT_FINAL, "its verdict awaits sign-off (an editor's approval or a second review); "
                                   "only final verdicts are published.")
    if not item["article_url"]:
        error(CheckCode.NO_APPEARANCE, "its article has no address, so readers cannot trace where the claim "
                                       "appeared; give the article's original address.")
    if not item["article_published_at"]:
        error(CheckCode.NO_APPEARANCE_DATE, "its article has no publication date; give the date the claim appeared.")
    if not (item["rationale"] or "").strip():
        error(CheckCode.NO_RATIONALE, "its verdict has no rationale; say why in a review.")
    if item["verdict"] in SOURCED_VERDICTS and not item["sources"]:
        error(CheckCode.NO_SOURCE, f"it is {verdict_label(item['verdict']).lower()} without a source; attach the "
                                   f"evidence.")
    if edited:
        error(CheckCode.EDITED_AFTER_VERDICT, "the claim was edited after its verdict; review it again.")
    summary = item_claim_reviewed(item)
    if len(summary) > CLAIM_REVIEWED_ADVISED_CHARS:
        warning(CheckCode.LONG_SUMMARY, f"claimReviewed has {len(summary)} characters; search engines show about "
                                        f"{CLAIM_REVIEWED_ADVISED_CHARS}. Write a shorter summary.")
    kind = claimant_kind(item)
    if kind not in (ClaimantType.PERSON, ClaimantType.ORGANISATION):
        said = "an unnamed source" if kind == ClaimantType.UNNAMED else "no named claimant"
        warning(CheckCode.UNNAMED_CLAIMANT, f"{said}: the ClaimReview will name no author of the claim.")
    untitled = sum(1 for source in item["sources"] if not (source.get("title") or "").strip())
    if untitled:
        warning(CheckCode.UNTITLED_SOURCE, f"{untitled} source{'s' if untitled != 1 else ''} without a title "
                                           f"(readers see the bare address).")
