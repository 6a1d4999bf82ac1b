"""The claim view: the claim in its article, the verdict form, sources, history; and its actions."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from verify.audit.models import AuditAction
from verify.errors import ClaimVersionConflict
from verify.id_fields import id_parse
from annotations.selectors import claim_history, claim_sources, review_pending_first
from annotations.services import claim_assign as claim_assign_service
from annotations.services import review_submit, source_attach
from annotations.services.signoff import signoff_plan
from annotations.forms import VERDICT_KEYS, ClaimEditForm, QueueFilterForm, ReviewForm, SourceForm
from verify.models import Claim, Verdict
from annotations.views._common import claim_in_context, queue_filters, queue_position_for, reviewer_required

SOURCE_PREFIX = "source"
EDIT_PREFIX = "edit"


def claim_page_url(claim_id: int, querystring: str, *, saved_id: int | None = None) -> str:
    url = reverse("desk:claim-detail", args=[claim_id])
    querystring = "&".join(part for part in (querystring, f"prev={saved_id}" if saved_id else "") if part)
    return f"{url}?{querystring}" if querystring else url


def _just_saved_id(request, claim: Claim) -> int | None:
    """The claim saved just before this one (`?prev=`): the verdict took it out of the queue, yet
    "Previous" (k) should lead back to it rather than to the unreviewed claim before it."""
    try:
        saved_id = id_parse(request.GET.get("prev", ""))
    except ValidationError:
        return None
    return saved_id if saved_id != claim.pk and Claim.objects.filter(pk=saved_id).exists() else None


def _queue_url(querystring: str) -> str:
    url = reverse("desk:claim-list")
    return f"{url}?{querystring}" if querystring else url


def claim_load(pk: int) -> Claim:
    return get_object_or_404(Claim.objects.select_related("article", "assigned_to"), pk=pk)


@reviewer_required
def claim_detail(request, pk: int):
    claim = claim_load(pk)
    filters = queue_filters(request)
    if request.method == "POST":
        return _claim_post(request, claim=claim, filters=filters)
    review_form = ReviewForm(initial={"version": claim.version})
    source_form = SourceForm(prefix=SOURCE_PREFIX)
    return _render_claim(request, claim=claim, filters=filters, review_form=review_form, source_form=source_form)


def _claim_post(request, *, claim: Claim, filters: QueueFilterForm):
    action = request.POST.get("action", "review")
    review_form = ReviewForm(data=request.POST)
    source_form = SourceForm(data=request.POST, prefix=SOURCE_PREFIX)
    querystring = filters.querystring(page=None)
    if action == "source":
        return _source_add(request, claim=claim, filters=filters, review_form=review_form, source_form=source_form)

    with_source = not source_form.is_blank()
    forms_valid = review_form.is_valid() & (source_form.is_valid() if with_source else True)
    if not with_source:
        # The source block is optional: left empty, it comes back empty, not "URL: This field is required".
        source_form = SourceForm(prefix=SOURCE_PREFIX)
    if not forms_valid:
        return _render_claim(request, claim=claim, filters=filters, review_form=review_form,
                             source_form=source_form, status=400)
    # The queue as the reviewer saw it, so "next" is the claim after this one even when the verdict
    # takes this one out of the filtered queue.
    position = queue_position_for(user=request.user, filters=filters, claim=claim)
    try:
        review = _review_save(claim=claim, user=request.user, review=review_form.cleaned_data,
                              source=source_form.cleaned_data if with_source else None)
    except ClaimVersionConflict as conflict:
        claim = claim_load(claim.pk)
        return _render_claim(request, claim=claim, filters=filters, review_form=_rebased(review_form, claim),
                             source_form=source_form, conflict=conflict, status=409)
    except ValidationError as error:
        review_form.add_error(None, error.messages)
        return _render_claim(request, claim=claim, filters=filters, review_form=review_form,
                             source_form=source_form, status=400)
    messages.success(request, f"Claim #{claim.pk} marked {review.get_verdict_display()}"
                              f"{' with a source' if with_source else ''}.")
    if position.next_id is None:
        messages.info(request, "That was the last claim in this queue.")
        return HttpResponseRedirect(_queue_url(querystring))
    return HttpResponseRedirect(claim_page_url(position.next_id, querystring, saved_id=claim.pk))


def _review_save(*, claim: Claim, user, review: dict, source: dict | None):
    """One verdict, and the source that backs it, recorded together or not at all."""
    return review_submit(claim=claim, reviewer=user, verdict=review["verdict"], rationale=review["rationale"],
                         sources=[source] if source is not None else (), expected_version=review["version"])


def _source_add(request, *, claim: Claim, filters: QueueFilterForm, review_form: ReviewForm, source_form: SourceForm):
    """Attach a source without a verdict; whatever was typed in the verdict form stays on the page."""
    if not source_form.is_valid():
        return _render_claim(request, claim=claim, filters=filters, review_form=_unvalidated(review_form),
                             source_form=source_form, status=400)
    try:
        source_attach(claim=claim, user=request.user, **source_form.cleaned_data)
    except ValidationError as error:
        source_form.add_error(None, error.messages)
        return _render_claim(request, claim=claim, filters=filters, review_form=_unvalidated(review_form),
                             source_form=source_form, status=400)
    messages.success(request, "Source added.")
    return _render_claim(request, claim=claim_load(claim.pk), filters=filters,
                         review_form=_unvalidated(review_form), source_form=SourceForm(prefix=SOURCE_PREFIX))


def _unvalidated(form: ReviewForm) -> ReviewForm:
    """The verdict form with what was typed but without "required" errors (it was not submitted)."""
    return ReviewForm(initial={
        "verdict": form.data.get("verdict", ""),
        "rationale": form.data.get("rationale", ""),
        "version": form.data.get("version", ""),
    })


def _rebased(form: ReviewForm, claim: Claim) -> ReviewForm:
    """After a conflict: keep the reviewer's input, based on the current version so a resubmit is deliberate."""
    data = form.data.copy()
    data["version"] = str(claim.version)
    rebased = ReviewForm(data=data)
    rebased.is_valid()
    return rebased


@require_POST
@reviewer_required
def claim_assign(request, pk: int):
    """Take the claim (or give it back): the queue's "assigned to me" filter shows it."""
    claim = claim_load(pk)
    filters = queue_filters(request)
    release = request.POST.get("release") == "1"
    claim_assign_service(claim=claim, assignee=None if release else request.user, actor=request.user)
    messages.success(request, "Claim released." if release else "Claim assigned to you.")
    return HttpResponseRedirect(claim_page_url(claim.pk, filters.querystring(page=None)))


def claim_edit_form(claim: Claim) -> ClaimEditForm:
    return ClaimEditForm(prefix=EDIT_PREFIX, initial={"text": claim.text, "claimant": claim.claimant,
                                                      "claimant_type": claim.claimant_type,
                                                      "version": claim.version})


def _signoff_context(*, claim: Claim, user) -> dict:
    """Where the verdict stands, and whether this user may review now (the service's own rule)."""
    try:
        signoff_plan(claim=claim, actor=user, verdict=Verdict.VERIFIED, action=AuditAction.REVIEW_SUBMIT)
        refusal = ""
    except ValidationError as error:
        refusal = " ".join(error.messages)
    pending = review_pending_first(claim=claim)
    return {
        "state": claim.signoff,
        "label": claim.get_signoff_display(),
        "refusal": refusal,
        "own_first_review": pending if pending is not None and pending.reviewer_id == user.pk else None,
        "first_review_hidden": pending is not None and pending.reviewer_id != user.pk,
    }


def _render_claim(request, *, claim: Claim, filters: QueueFilterForm, review_form: ReviewForm | None = None,
                  source_form: SourceForm | None = None, edit_form: ClaimEditForm | None = None,
                  conflict=None, conflict_on: str = "review", status: int = 200):
    review_form = review_form or ReviewForm(initial={"version": claim.version})
    source_form = source_form or SourceForm(prefix=SOURCE_PREFIX)
    querystring = filters.querystring(page=None)
    position = queue_position_for(user=request.user, filters=filters, claim=claim)
    saved_id = _just_saved_id(request, claim)
    previous_id = saved_id or position.previous_id
    verdict_buttons = [
        {"value": value, "label": label, "key": VERDICT_KEYS[value]}
        for value, label in Verdict.choices if value in VERDICT_KEYS
    ]
    context = {
        "claim": claim,
        "article": claim.article,
        "context": claim_in_context(article=claim.article, claim=claim),
        "sources": claim_sources(claim=claim, viewer=request.user),
        "history": claim_history(claim=claim, viewer=request.user),
        "review_form": review_form,
        "source_form": source_form,
        "verdict_buttons": verdict_buttons,
        "selected_verdict": review_form["verdict"].value() or "",
        "edit_form": edit_form or claim_edit_form(claim),
        "conflict": conflict,
        "conflict_on": conflict_on,
        "position": position,
        "querystring": querystring,
        "queue_url": _queue_url(querystring),
        "previous_url": claim_page_url(previous_id, querystring) if previous_id else "",
        "next_url": claim_page_url(position.next_id, querystring) if position.next_id else "",
        "action_url": claim_page_url(claim.pk, querystring, saved_id=saved_id),
        "signoff": _signoff_context(claim=claim, user=request.user),
    }
    return render(request, "desk/claim_detail.html", context, status=status)
