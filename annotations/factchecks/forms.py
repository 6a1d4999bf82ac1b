"""The editors' import page forms: parsing only; the views call the services, which validate."""
from django import forms


class ImportForm(forms.Form):
    file = forms.FileField(label="ClaimReview JSON file", required=False,
                           help_text="A ClaimReview, a list of them, JSON-LD with @graph, a schema.org DataFeed "
                                     "or a Fact Check Tools answer (.json).")
    url = forms.URLField(label="…or a URL serving it", required=False, max_length=2000, assume_scheme="https")

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("file")) == bool(cleaned.get("url")):
            raise forms.ValidationError("Give either a file or a URL.")
        return cleaned


class FeedForm(forms.Form):
    url = forms.URLField(label="Feed URL", max_length=2000, assume_scheme="https")
    title = forms.CharField(label="Name", required=False, max_length=300)
    poll_interval_minutes = forms.IntegerField(label="Poll every (minutes)", min_value=15, max_value=7 * 24 * 60,
                                               initial=360)
