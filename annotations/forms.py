"""Forms for the reviewer web UI. They only parse and validate input; the views call the services."""
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat

from annotations.models import Stance
from annotations.selectors import ClaimFilters
from verify.id_fields import IdField
from verify.lifecycle import ARTICLE_TEXT_LIMITS
from verify.models import SUBMITTABLE_VERDICT_CHOICES, ClaimantType, Verdict

# The queue opens on the claims nobody has judged yet; "all" lifts the verdict filter.
QUEUE_DEFAULT_VERDICT = Verdict.UNREVIEWED
QUEUE_ALL_VERDICTS = "all"
QUEUE_ORDERS = [
    ("-checkworthiness", "Most check-worthy first"),
    ("checkworthiness", "Least check-worthy first"),
    ("-created_at", "Newest first"),
    ("created_at", "Oldest first"),
]
# The keyboard shortcut of each verdict button (keys.js reads data-key).
VERDICT_KEYS = {
    Verdict.VERIFIED: "v",
    Verdict.UNVERIFIED: "u",
    Verdict.DISPUTED: "d",
    Verdict.NOT_A_CLAIM: "x",
}
# What the upload reader understands (it decides the type from the content; the name is a first filter).
UPLOAD_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")


class QueueFilterForm(forms.Form):
    """The queue's filters, read from the querystring; invalid values are reported and ignored."""

    q = forms.CharField(label="Search", required=False, max_length=200,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Claim, claimant, sentence"}))
    verdict = forms.ChoiceField(
        label="Verdict", required=False,
        choices=[(QUEUE_ALL_VERDICTS, "Any verdict"), *Verdict.choices],
    )
    article = IdField(label="Article ID", required=False)
    publisher = forms.CharField(label="Publisher", required=False, max_length=200)
    mine = forms.BooleanField(label="Assigned to me", required=False)
    score_min = forms.FloatField(label="Score from", required=False, min_value=0, max_value=1,
                                 widget=forms.NumberInput(attrs={"step": "0.05", "placeholder": "0"}))
    score_max = forms.FloatField(label="Score to", required=False, min_value=0, max_value=1,
                                 widget=forms.NumberInput(attrs={"step": "0.05", "placeholder": "1"}))
    sources = forms.ChoiceField(
        label="Sources", required=False,
        choices=[("", "With or without"), ("yes", "Has sources"), ("no", "No sources yet")],
    )
    set_aside = forms.ChoiceField(
        label="Extraction", required=False,
        choices=[("", "In the queue"), ("yes", "Set aside (opinion, speculation)")],
    )
    order = forms.ChoiceField(label="Sort", required=False, choices=QUEUE_ORDERS)

    def __init__(self, data=None, **kwargs):
        data = data.copy() if data is not None else {}
        # No verdict in the querystring means the default one; it is shown selected but not carried in links.
        self.verdict_defaulted = data.get("verdict") is None
        if self.verdict_defaulted:
            data["verdict"] = QUEUE_DEFAULT_VERDICT
        super().__init__(data=data, **kwargs)

    def clean(self):
        data = super().clean()
        low, high = data.get("score_min"), data.get("score_max")
        if low is not None and high is not None and low > high:
            self.add_error("score_max", "The upper bound is below the lower bound.")
        return data

    def _valid(self, name):
        """A field's cleaned value, or None when it was missing or invalid."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        if name in self.errors:
            return None
        return self.cleaned_data.get(name)

    @property
    def verdict_value(self) -> str:
        """The verdict filter in force: the default when absent, '' for any verdict."""
        value = self._valid("verdict") or ""
        return "" if value == QUEUE_ALL_VERDICTS else value

    def claim_filters(self, *, include_verdict: bool = True) -> ClaimFilters:
        """The valid filters for annotations.selectors.claim_queue."""
        return ClaimFilters(
            verdict=(self.verdict_value or None) if include_verdict else None,
            article_id=self._valid("article"),
            publisher=self._valid("publisher") or None,
            assigned_to_me=bool(self._valid("mine")),
            score_min=self._valid("score_min"),
            score_max=self._valid("score_max"),
            has_sources={"yes": True, "no": False}.get(self._valid("sources")),
            search=self._valid("q") or None,
            set_aside=self._valid("set_aside") == "yes",
            order=self._valid("order") or QUEUE_ORDERS[0][0],
        )

    def querystring(self, **overrides) -> str:
        """The filters as a querystring (valid, non-empty values only), to carry between pages."""
        params = {}
        for name in self.fields:
            value = self.data.get(name)
            if value in (None, "") or name in self.errors or (name == "verdict" and self.verdict_defaulted):
                continue
            params[name] = value
        for name, value in overrides.items():
            if value in (None, ""):
                params.pop(name, None)
            else:
                params[name] = value
        return urlencode(params)


class ReviewForm(forms.Form):
    """The verdict form of the claim view; `version` is the claim version the reviewer saw."""

    verdict = forms.ChoiceField(label="Verdict", choices=SUBMITTABLE_VERDICT_CHOICES, widget=forms.RadioSelect,
                                error_messages={"required": "Choose a verdict (keys v, u, d or x)."})
    rationale = forms.CharField(
        label="Rationale", required=False, max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "Why this verdict? What did you check?"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, error_messages={
        "required": "The form lost the claim's version; reload the claim and try again.",
        "invalid": "The form lost the claim's version; reload the claim and try again.",
        "min_value": "The form lost the claim's version; reload the claim and try again.",
    })


class ClaimEditForm(forms.Form):
    """A reviewer's correction of the claim text or claimant and its type (the extracted originals are kept)."""

    text = forms.CharField(label="Claim text", max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}))
    claimant = forms.CharField(label="Claimant", required=False, max_length=300)
    claimant_type = forms.ChoiceField(
        label="Claimant type", required=False, choices=[("", "Not set"), *ClaimantType.choices],
        help_text="Unnamed source: the text does not say who (“officials said”, “analysts”).")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, error_messages={
        "required": "The form lost the claim's version; reload the claim and try again.",
        "invalid": "The form lost the claim's version; reload the claim and try again.",
    })


class SourceForm(forms.Form):
    """A source to attach to a claim; used with prefix "source" inside the claim view's form."""

    url = forms.URLField(label="URL", max_length=2000, assume_scheme="https",
                         widget=forms.URLInput(attrs={"placeholder": "https://"}))
    title = forms.CharField(label="Title", required=False, max_length=500)
    publisher = forms.CharField(label="Publisher", required=False, max_length=200)
    quote = forms.CharField(label="Quote", required=False, max_length=10_000,
                            widget=forms.Textarea(attrs={"rows": 2}))
    stance = forms.ChoiceField(label="Stance", choices=Stance.choices, initial=Stance.CONTEXT, required=False)

    def clean_stance(self):
        return self.cleaned_data.get("stance") or Stance.CONTEXT

    def is_blank(self) -> bool:
        """True when the reviewer left every source field empty (the source is optional with a verdict)."""
        return not any((self.data.get(self.add_prefix(name)) or "").strip()
                       for name in ("url", "title", "publisher", "quote"))


HTTP_URL = URLValidator(schemes=["http", "https"], message="Give an http:// or https:// address.",
                          code="http_only")
# The article's details a submitter or an editor may give; HTML pages fill what is left blank.
ARTICLE_DETAIL_FIELDS = ("publisher", "author", "published_at")


def _article_address_field(*, label: str, help_text: str) -> forms.URLField:
    return forms.URLField(label=label, required=False, max_length=ARTICLE_TEXT_LIMITS["url"], assume_scheme="https",
                          validators=[HTTP_URL], help_text=help_text,
                          widget=forms.URLInput(attrs={"placeholder": "https://"}))


class ArticleDetailsForm(forms.Form):
    """Publisher, author and publication date, shared by the submit page and the editors' edit page."""

    publisher = forms.CharField(label="Publisher", required=False, max_length=ARTICLE_TEXT_LIMITS["publisher"])
    author = forms.CharField(label="Author", required=False, max_length=ARTICLE_TEXT_LIMITS["author"])
    published_at = forms.DateTimeField(
        label="Publication date", required=False, help_text="A date, or a date and time.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))


class ArticleEditForm(ArticleDetailsForm):
    """An editor's correction of an article's details (verify.lifecycle.article_update)."""

    title = forms.CharField(label="Title", required=False, max_length=ARTICLE_TEXT_LIMITS["title"])
    url = _article_address_field(label="Original address",
                                 help_text="Where the article was published; it is not fetched again.")
    field_order = ["title", *ARTICLE_DETAIL_FIELDS, "url"]


class SubmitArticleForm(ArticleDetailsForm):
    """Paste text, upload a file, or give a URL; `kind` in the cleaned data says which (a SourceKind).

    `original_url` is the pasted or uploaded article's address (stored, not fetched); `url` is a page to fetch,
    whose details come from the page itself.
    """

    title = forms.CharField(label="Title", required=False, max_length=500)
    original_url = _article_address_field(label="Original address",
                                          help_text="Where the pasted or uploaded article was published; "
                                                    "stored with it, not fetched.")
    text = forms.CharField(label="Article text or HTML", required=False, strip=False,
                           widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}))
    file = forms.FileField(label="…or upload a file", required=False, widget=forms.ClearableFileInput)
    url = forms.URLField(label="…or the article's URL", required=False, max_length=2000, assume_scheme="https")
    upload_extensions = UPLOAD_EXTENSIONS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = f"…or upload a file ({self.extensions_label()})"
        self.fields["file"].widget.attrs["accept"] = ",".join(self.upload_extensions)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        if not upload.name.lower().endswith(self.upload_extensions):
            raise forms.ValidationError(f"This kind of file cannot be read; upload one of: {self.extensions_label()}.",
                                        code="extension")
        limit = settings.VERIFY_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; the limit is {filesizeformat(limit)}.", code="too_large"
            )
        return upload

    def extensions_label(self) -> str:
        return ", ".join(extension for extension in self.upload_extensions if extension != ".htm")

    def clean(self):
        data = super().clean()
        given = [name for name in ("text", "file", "url") if data.get(name) and (name != "text" or data[name].strip())]
        if self.errors:
            return data
        if not given:
            raise forms.ValidationError("Paste the article, choose a file, or give a URL.", code="empty")
        if len(given) > 1:
            raise forms.ValidationError("Give one of: pasted text, a file or a URL — not several.", code="several")
        data["kind"] = given[0]
        if data["kind"] == "url" and any(data.get(name) for name in (*ARTICLE_DETAIL_FIELDS, "original_url")):
            raise forms.ValidationError(
                "A fetched page gives its own publisher, author, date and address: leave them blank with a URL "
                "(editors can correct them on the article page).", code="details_with_url")
        return data
