"""Admin console for articles (claims shown inline). Rows are read-only; the action calls the same
service as the pages and the API (re-run extraction)."""
from django.contrib import admin, messages
from django.db.models import Count

from verify.admin_roles import ReadOnlyInline, RoleModelAdmin
from verify.lifecycle import article_reprocess
from verify.models import Article, Claim


class ClaimInline(ReadOnlyInline):
    model = Claim
    fields = ["text", "claimant", "checkworthiness", "verdict", "assigned_to", "version"]
    readonly_fields = fields
    ordering = ["sentence_index", "id"]


@admin.register(Article)
class ArticleAdmin(RoleModelAdmin):
    list_display = ["id", "title", "publisher", "status", "language", "claim_count", "created_at"]
    list_filter = ["status", "content_type", "source_kind", "language", "publisher"]
    search_fields = ["title", "url", "publisher", "author"]
    date_hierarchy = "created_at"
    inlines = [ClaimInline]
    actions = ["rerun_extraction"]
    readonly_fields = [
        "title", "url", "canonical_url", "source_kind", "original_filename", "publisher", "author",
        "published_at", "content_type", "language", "content_hash", "status", "error", "skipped_reason",
        "extractor_version", "processing_attempts", "submitted_by", "created_at", "updated_at",
        "processed_at", "cleaned_text",
    ]
    exclude = ["raw_content"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_total=Count("claims"))

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
