"""Admin console for articles (claims shown inline). Editors may correct an article's details (title,
publisher, author, publication date, original URL) through the same service as the pages and the API;
everything else is read-only, and the action calls the same service too (re-run extraction)."""
from django import forms
from django.contrib import admin, messages
from django.core.validators import URLValidator
from django.db.models import Count

from verify.admin_roles import ReadOnlyInline, RoleModelAdmin, request_has_role
from verify.lifecycle import ARTICLE_EDITABLE_FIELDS, article_reprocess, article_update
from verify.models import Article, Claim
from verify.roles import EDITOR


class ClaimInline(ReadOnlyInline):
    model = Claim
    fields = ["text", "claimant", "checkworthiness", "verdict", "assigned_to", "version"]
    readonly_fields = fields
    ordering = ["sentence_index", "id"]


class ArticleAdminForm(forms.ModelForm):
    """The editable details, with the original URL limited to http(s) as on the pages and in the API."""

    url = forms.URLField(label="URL", required=False, max_length=2000, assume_scheme="https", validators=[
        URLValidator(schemes=["http", "https"], message="Give an http:// or https:// address.", code="http_only")])

    class Meta:
        model = Article
        fields = list(ARTICLE_EDITABLE_FIELDS)


@admin.register(Article)
class ArticleAdmin(RoleModelAdmin):
    form = ArticleAdminForm
    list_display = ["id", "title", "publisher", "status", "language", "claim_count", "created_at"]
    list_filter = ["status", "content_type", "source_kind", "language", "publisher"]
    search_fields = ["title", "url", "publisher", "author"]
    date_hierarchy = "created_at"
    inlines = [ClaimInline]
    actions = ["rerun_extraction"]
    fields = [
        *ARTICLE_EDITABLE_FIELDS, "canonical_url", "source_kind", "original_filename", "content_type", "language",
        "content_hash", "status", "error", "skipped_reason", "extractor_version", "processing_attempts",
        "submitted_by", "created_at", "updated_at", "processed_at", "cleaned_text",
    ]
    readonly_fields = [name for name in fields if name not in ARTICLE_EDITABLE_FIELDS]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_total=Count("claims"))

    def has_change_permission(self, request, obj=None) -> bool:
        return request_has_role(request, EDITOR)

    def save_model(self, request, obj, form, change):
        # Only the editable details reach the form; the service validates, saves and audits them.
        article_update(article_id=obj.pk, user=request.user,
                       **{name: form.cleaned_data[name] for name in form.changed_data if name in ARTICLE_EDITABLE_FIELDS})

    @admin.display(description="claims", ordering="claim_total")
    def claim_count(self, article: Article) -> int:
        return article.claim_total

    @admin.action(description="Re-run extraction", permissions=["editor"])
    def rerun_extraction(self, request, queryset):
        count = 0
        for article in queryset:
            article_reprocess(article=article, actor=request.user)
            count += 1
        self.message_user(request, f"Extraction queued again for {count} article(s).", messages.SUCCESS)
