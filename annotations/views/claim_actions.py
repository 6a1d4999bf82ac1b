"""Desk actions on a claim besides the verdict: correcting its text or claimant, and reopening it."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.views.decorators.http import require_POST

from verify.errors import ClaimVersionConflict
from verify.permissions import role_required
from verify.roles import EDITOR
from annotations.services import claim_edit, claim_reopen
from annotations.forms import ClaimEditForm
from annotations.views._common import queue_filters, reviewer_required
from annotations.views.claims import EDIT_PREFIX, claim_page_url, claim_load, _render_claim


@require_POST
@reviewer_required
def claim_correct(request, pk: int):
    """Correct what extraction got wrong; based on the version the reviewer saw, like a verdict."""
    claim = claim_load(pk)
    filters = queue_filters(request)
    form = ClaimEditForm(data=request.POST, prefix=EDIT_PREFIX)
    if not form.is_valid():
        return _render_claim(request, claim=claim, filters=filters, edit_form=form, status=400)
    try:
        claim_edit(claim=claim, actor=request.user, expected_version=form.cleaned_data["version"],
                   text=form.cleaned_data["text"], claimant=form.cleaned_data["claimant"],
                   claimant_type=form.cleaned_data["claimant_type"])
    except ClaimVersionConflict as conflict:
        claim = claim_load(pk)
        data = form.data.copy()
        data[form.add_prefix("version")] = str(claim.version)
        rebased = ClaimEditForm(data=data, prefix=EDIT_PREFIX)
        rebased.is_valid()
        return _render_claim(request, claim=claim, filters=filters, edit_form=rebased, conflict=conflict,
                             conflict_on="edit", status=409)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _render_claim(request, claim=claim, filters=filters, edit_form=form, status=400)
    messages.success(request, "Claim corrected; the extracted wording is kept in its history.")
    return HttpResponseRedirect(claim_page_url(claim.pk, filters.querystring(page=None)))


@require_POST
@role_required(EDITOR)
def claim_reopen_view(request, pk: int):
    """Editors put a judged claim back in the queue (recorded as a review, so history stays complete)."""
    claim = claim_load(pk)
    filters = queue_filters(request)
    try:
        claim_reopen(claim=claim, actor=request.user, rationale=request.POST.get("rationale", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Claim reopened: it is back in the queue.")
    return HttpResponseRedirect(claim_page_url(claim.pk, filters.querystring(page=None)))
