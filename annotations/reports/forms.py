"""Forms for the report pages: they parse and validate input; the views call the services."""
from django import forms

from annotations.reports.renderers import FORMAT_CHOICES
from annotations.reports.rating import PUBLISHABLE_VERDICTS, VERDICT_LABELS
from verify.id_fields import IdField, IdListField, IdMultipleField, id_parse


class ClaimSelectionForm(forms.Form):
    """Which claims to add: ids one by one, every reviewed claim of an article, or a filter."""

    claim_ids = IdListField(label="Claim IDs", required=False, max_length=200_000,
                            help_text="Separated by commas or spaces.",
                            widget=forms.TextInput(attrs={"placeholder": "e.g. 12, 15, 31"}))
    article_id = IdField(label="All reviewed claims of article", required=False)
    filter_verdicts = forms.MultipleChoiceField(
        label="All claims with verdict", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(value, VERDICT_LABELS[value]) for value in PUBLISHABLE_VERDICTS])
    filter_publisher = forms.CharField(label="…from publisher", required=False, max_length=200)

    def clean_claim_ids(self) -> list[int]:
        # Claims ticked in the picker come as repeated "pick" values, beside any typed in the text box.
        picked = self.data.getlist("pick") if hasattr(self.data, "getlist") else []
        return self.cleaned_data["claim_ids"] + [id_parse(part) for part in picked]

    def selection(self) -> dict:
        data = self.cleaned_data
        filters = {}
        if data.get("filter_verdicts") or data.get("filter_publisher"):
            filters = {"verdicts": data.get("filter_verdicts") or None, "publisher": data.get("filter_publisher", "")}
        return {"claim_ids": data.get("claim_ids") or None, "article_id": data.get("article_id"),
                "filters": filters or None}


class ClaimRemoveForm(forms.Form):
    """The claims ticked on the report page to stop covering."""

    claim = IdMultipleField(required=False)


class ReportCreateForm(ClaimSelectionForm):
    title = forms.CharField(max_length=300)
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    org_name = forms.CharField(label="Organisation (blank: the default)", required=False, max_length=200)
    org_url = forms.URLField(label="Organisation URL", required=False, max_length=500, assume_scheme="https")

    field_order = ["title", "summary", "org_name", "org_url", "claim_ids", "article_id", "filter_verdicts",
                   "filter_publisher"]

    @property
    def details_fields(self) -> list:
        """The fields the create form shows (claims are picked on the report's page)."""
        return [self[name] for name in ("title", "summary", "org_name", "org_url")]


class PublishForm(forms.Form):
    note = forms.CharField(label="Note for readers: what changed (for a revision)", required=False, max_length=500,
                           help_text="Shown on the report page beside the list of corrected claims.")
    confirm = forms.BooleanField(label="I have read the check above and want to publish", required=True)


class ClaimSummaryForm(forms.Form):
    claim_reviewed = forms.CharField(
        label="Summary published as claimReviewed", required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="A short statement of the claim (search engines show about 75 characters). Blank: the claim's "
                  "own text, in full.")


class PickerForm(forms.Form):
    """The picker's search: words in the claim, its article's title or publisher; a verdict."""

    q = forms.CharField(label="Search claims and articles", required=False, max_length=200)
    verdict = forms.ChoiceField(label="Verdict", required=False,
                                choices=[("", "Any verdict")] + [(v, VERDICT_LABELS[v]) for v in PUBLISHABLE_VERDICTS])


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=FORMAT_CHOICES)
    revision = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
