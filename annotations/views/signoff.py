"""Sign-off pages: editors approve, send back or decide verdicts; the desk's sign-off setting and agreement."""
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from annotations.models import SignoffMode
from annotations.selectors import agreement_summary, desk_settings_get, signoff_mode
from annotations.services import claim_approve, claim_decide, claim_send_back, desk_settings_update
from annotations.views._common import queue_filters
from annotations.views.claims import claim_load, claim_page_url
from verify.errors import ClaimVersionConflict
from verify.models import SUBMITTABLE_VERDICT_CHOICES
from verify.permissions import role_required
from verify.roles import EDITOR

editor_required = role_required(EDITOR)


class SignoffForm(forms.Form):
    version = forms.IntegerField(min_value=1)
    rationale = forms.CharField(required=False, max_length=10_000)
    verdict = forms.ChoiceField(choices=SUBMITTABLE_VERDICT_CHOICES, required=False)


class DeskSettingsForm(forms.Form):
    signoff_mode = forms.ChoiceField(
        choices=[("", "As the server is configured (VERIFY_SIGNOFF_MODE)"), *SignoffMode.choices], required=False,
        label="How a verdict becomes final")


def _signoff_action(request, pk: int, *, act, done: str):
    """Run one editor action on the claim; its outcome is a message on the claim page."""
    claim = claim_load(pk)
    form = SignoffForm(data=request.POST)
    if not form.is_valid():
        messages.error(request, "Not saved: " + " ".join(message for errors in form.errors.values()
                                                       for message in errors))
    else:
        try:
            act(claim=claim, actor=request.user, data=form.cleaned_data)
        except ClaimVersionConflict as conflict:
            messages.error(request, f"Not saved: {conflict.message}")
        except ValidationError as error:
            messages.error(request, "Not saved: " + " ".join(error.messages))
        else:
            messages.success(request, done)
    return HttpResponseRedirect(claim_page_url(claim.pk, queue_filters(request).querystring(page=None)))


@require_POST
@editor_required
def claim_approve_view(request, pk: int):
    return _signoff_action(request, pk, done="Verdict approved: it is final.",
                           act=lambda claim, actor, data: claim_approve(
                               claim=claim, actor=actor, expected_version=data["version"]))


@require_POST
@editor_required
def claim_send_back_view(request, pk: int):
    return _signoff_action(request, pk, done="Verdict sent back: the claim is open again.",
                           act=lambda claim, actor, data: claim_send_back(
                               claim=claim, actor=actor, rationale=data["rationale"],
                               expected_version=data["version"]))


@require_POST
@editor_required
def claim_decide_view(request, pk: int):
    return _signoff_action(request, pk, done="Decision recorded: the verdict is final.",
                           act=lambda claim, actor, data: claim_decide(
                               claim=claim, actor=actor, verdict=data["verdict"], rationale=data["rationale"],
                               expected_version=data["version"]))


@editor_required
def desk_settings(request):
    """The sign-off setting (stored in the DB, over the environment's) and agreement between reviewers."""
    status = 200
    if request.method == "POST":
        form = DeskSettingsForm(data=request.POST)
        if form.is_valid():
            desk_settings_update(actor=request.user, signoff_mode=form.cleaned_data["signoff_mode"])
            messages.success(request, "Sign-off setting saved. Claims already under way finish as they began.")
            return HttpResponseRedirect(reverse("desk:desk-settings"))
        status = 400
    else:
        form = DeskSettingsForm(initial={"signoff_mode": desk_settings_get().signoff_mode})
    overall, pairs = agreement_summary()
    return render(request, "desk/desk_settings.html", {
        "form": form, "mode": signoff_mode(), "overall": overall, "pairs": pairs,
    }, status=status)
