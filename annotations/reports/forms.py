"""Forms for the report pages: they parse and validate input; the views call the services."""
from django import forms

from annotations.reports.renderers import FORMAT_CHOICES
from annotations.reports.rating import PUBLISHABLE_VERDICTS, VERDICT_LABELS
from verify.id_fields import IdField, IdListField, IdMultipleField


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


class PublishForm(forms.Form):
    note = forms.CharField(label="What changed (for a revision)", required=False, max_length=500)


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=FORMAT_CHOICES)
    revision = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
