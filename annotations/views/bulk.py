"""The queue's bulk actions: the checked claims, one action, each claim's outcome as a message."""
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from annotations.reports.models import Report
from annotations.services import BulkAction, claims_bulk_apply
from annotations.views._common import queue_filters, reviewer_required
from annotations.views.queue import queue_render
from verify.models import MAX_ID

# "Assign to me" is the assign action with the requesting user as assignee.
ASSIGN_TO_ME = "assign_me"
# How many refusals are spelled out one by one; the rest are counted.
REFUSALS_LISTED = 20
DONE_WORDS = {BulkAction.ASSIGN: "assigned", BulkAction.DISMISS: "marked not a claim",
              BulkAction.REPORT_ADD: "added to the report"}


class BulkForm(forms.Form):
    action = forms.ChoiceField(choices=[*BulkAction.choices, (ASSIGN_TO_ME, "Assign to me")])
    ids = forms.TypedMultipleChoiceField(coerce=int, error_messages={"required": "Select at least one claim."})
    assignee = forms.ModelChoiceField(queryset=get_user_model().objects.filter(is_active=True), required=False,
                                      to_field_name="username")
    report = forms.ModelChoiceField(queryset=Report.objects.all(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id is a choice: whether it names a claim is the service's answer, per claim.
        self.fields["ids"].valid_value = lambda value: value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID


def _versions(post) -> dict[int, int]:
    """The version each checked claim was read at (hidden `version-<id>` fields of the queue rows)."""
    versions = {}
    for key, value in post.items():
        pk, number = key.removeprefix("version-"), value
        if key.startswith("version-") and pk.isascii() and pk.isdigit() and number.isascii() and number.isdigit():
            versions[int(pk)] = int(number)
    return versions


@require_POST
@reviewer_required
def claims_bulk(request):
    form = BulkForm(data=request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return queue_render(request, status=400)
    data = form.cleaned_data
    action = BulkAction.ASSIGN if data["action"] == ASSIGN_TO_ME else data["action"]
    assignee = request.user if data["action"] == ASSIGN_TO_ME else data["assignee"]
    try:
        outcomes = claims_bulk_apply(actor=request.user, action=action, claim_ids=data["ids"],
                                     versions=_versions(request.POST), assignee=assignee, report=data["report"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return queue_render(request, status=400)
    done = [outcome for outcome in outcomes if outcome.ok]
    refused = [outcome for outcome in outcomes if not outcome.ok]
    if done:
        messages.success(request, f"{len(done)} claim{'s' if len(done) != 1 else ''} {DONE_WORDS[action]}.")
    for outcome in refused[:REFUSALS_LISTED]:
        messages.error(request, f"Claim #{outcome.claim_id} not changed: {outcome.detail}")
    if len(refused) > REFUSALS_LISTED:
        messages.error(request, f"{len(refused) - REFUSALS_LISTED} more claims were not changed.")
    querystring = queue_filters(request).querystring(page=None)
    url = reverse("desk:claim-list")
    return HttpResponseRedirect(f"{url}?{querystring}" if querystring else url)
