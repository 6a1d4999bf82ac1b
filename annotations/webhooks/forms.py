"""The endpoint form: parsing only; the views call the services, which validate."""
from django import forms

from annotations.webhooks.models import SUBSCRIBABLE_EVENT_CHOICES, WebhookFormat


class WebhookEndpointForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    url = forms.URLField(label="Receiver URL", max_length=2000, assume_scheme="https")
    events = forms.MultipleChoiceField(label="Events", choices=SUBSCRIBABLE_EVENT_CHOICES,
                                       widget=forms.CheckboxSelectMultiple)
    format = forms.ChoiceField(label="Format", choices=WebhookFormat.choices, initial=WebhookFormat.GENERIC)
    secret = forms.CharField(label="Signing secret", required=False, max_length=200,
                             help_text="16 to 200 characters. Leave empty to have one made (or, when editing, "
                                       "to keep the current one).")
    enabled = forms.BooleanField(label="Enabled", required=False, initial=True)
