"""Forms for the feed pages: parsing and validation only; the views call the services."""
from django import forms

from verify.ingestion.models import Feed


class FeedRegisterForm(forms.Form):
    url = forms.URLField(label="Feed URL (RSS or Atom)", max_length=2000, assume_scheme="https")
    title = forms.CharField(label="Name", required=False, max_length=300,
                            help_text="Optional; taken from the feed when left empty.")
    poll_interval_minutes = forms.IntegerField(label="Poll every (minutes)", initial=60, min_value=5,
                                               max_value=7 * 24 * 60)


class FeedSettingsForm(forms.ModelForm):
    class Meta:
        model = Feed
        fields = ["title", "poll_interval_minutes", "enabled"]
        labels = {"title": "Name", "poll_interval_minutes": "Poll every (minutes)", "enabled": "Polling enabled"}
