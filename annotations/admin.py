"""Admin console for the desk: claims (with their reviews and sources), reviews and sources. Rows are
read-only; actions call the same services as the pages and the API (assign, mark not-a-claim, reopen)."""
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from verify.errors import ClaimVersionConflict
from annotations.models import DeskSettings, Review, Source
from annotations.services import claim_assign, claim_dismiss, claim_reopen
from verify.admin_roles import ReadOnlyInline, ReadOnlyModelAdmin, RoleModelAdmin
from verify.models import Claim
from verify.roles import ROLES

DESK_ERRORS = (PermissionDenied, ValidationError, ClaimVersionConflict)



@admin.register(Review)
class ReviewAdmin(ReadOnlyModelAdmin):
    list_display = ["id", "claim", "verdict", "stage", "reviewer", "created_at"]
    list_filter = ["verdict", "stage", "created_at"]
    search_fields = ["rationale", "claim__text", "reviewer__username"]
    list_select_related = ["claim", "reviewer"]
    date_hierarchy = "created_at"
    readonly_fields = ["claim", "reviewer", "verdict", "stage", "paired_with", "rationale", "created_at"]
    raw_id_fields = ["claim"]


@admin.register(DeskSettings)
class DeskSettingsAdmin(ReadOnlyModelAdmin):
    """Shown, not edited here: editors change it on the sign-off page (/desk/settings/), audited."""

    list_display = ["id", "signoff_mode", "updated_by", "updated_at"]
    readonly_fields = ["signoff_mode", "updated_by", "updated_at"]


@admin.register(Source)
class SourceAdmin(RoleModelAdmin):
    list_display = ["id", "title", "url", "publisher", "stance", "claim", "added_by", "created_at"]
    list_filter = ["stance", "created_at"]
    search_fields = ["url", "title", "publisher", "quote", "claim__text"]
    list_select_related = ["claim", "added_by"]
    readonly_fields = ["claim", "review", "url", "title", "publisher", "quote", "stance", "added_by", "created_at"]


class ReviewInline(ReadOnlyInline):
    model = Review
    fields = ["created_at", "reviewer", "verdict", "stage", "rationale"]
    readonly_fields = fields
    ordering = ["-created_at", "-id"]


class SourceInline(ReadOnlyInline):
    model = Source
    fields = ["url", "title", "publisher", "stance", "added_by", "review", "created_at"]
    readonly_fields = fields


class ClaimActionForm(ActionForm):
    assignee = forms.ModelChoiceField(
        queryset=(get_user_model().objects.filter(groups__name__in=ROLES, is_active=True)
                  .distinct().order_by("username")),
        required=False, label="Assign to", empty_label="(nobody: unassign)",
    )


@admin.register(Claim)
class ClaimAdmin(RoleModelAdmin):
    list_display = ["id", "short_text", "claimant", "article", "checkworthiness", "set_aside", "verdict",
                    "assigned_to", "version"]
    list_filter = ["verdict", "signoff", "set_aside", "claimant_type", "extractor_version", "assigned_to", "article__publisher"]
    search_fields = ["text", "claimant", "sentence", "article__title"]
    list_select_related = ["article", "assigned_to"]
    inlines = [ReviewInline, SourceInline]
    action_form = ClaimActionForm
    actions = ["assign_to_reviewer", "mark_not_a_claim", "reopen"]

    class Media:
        css = {"all": ["verify/admin.css"]}

    readonly_fields = [
        "article", "text", "claimant", "extracted_text", "extracted_claimant", "sentence", "start_char",
        "end_char", "sentence_index", "cue", "quantities", "entities", "hedges", "checkworthiness", "set_aside",
        "claimant_type", "verdict", "signoff", "extractor_version", "version", "assigned_to", "created_at", "updated_at",
    ]

    @admin.display(description="claim")
    def short_text(self, claim: Claim) -> str:
        return claim.text if len(claim.text) <= 90 else claim.text[:89] + "…"

    def _apply(self, request, queryset, *, service, done: str) -> None:
        succeeded, refused = 0, []
        for claim in queryset:
            try:
                service(claim)
                succeeded += 1
            except DESK_ERRORS as error:
                refused.append(f"#{claim.pk}: {' '.join(getattr(error, 'messages', [str(error)]))}")
        if succeeded:
            self.message_user(request, f"{done}: {succeeded} claim(s).", messages.SUCCESS)
        if refused:
            self.message_user(request, "Refused — " + "; ".join(refused), messages.ERROR)

    @admin.action(description="Assign to the chosen reviewer (or unassign)", permissions=["editor"])
    def assign_to_reviewer(self, request, queryset):
        # Only the assignee field: the bound action form's own "action" choices are set by the changelist.
        try:
            assignee = ClaimActionForm.base_fields["assignee"].clean(request.POST.get("assignee") or None)
        except ValidationError:
            self.message_user(request, "Choose a valid user to assign to.", messages.ERROR)
            return
        self._apply(request, queryset,
                    service=lambda claim: claim_assign(claim=claim, assignee=assignee, actor=request.user),
                    done=f"Assigned to {assignee.get_username()}" if assignee else "Unassigned")

    @admin.action(description="Mark not a claim", permissions=["editor"])
    def mark_not_a_claim(self, request, queryset):
        self._apply(request, queryset, done="Marked not a claim", service=lambda claim: claim_dismiss(
            claim=claim, actor=request.user, rationale="Marked not a claim in the admin console."))

    @admin.action(description="Reopen (back to unreviewed)", permissions=["editor"])
    def reopen(self, request, queryset):
        self._apply(request, queryset, done="Reopened", service=lambda claim: claim_reopen(
            claim=claim, actor=request.user, rationale="Reopened in the admin console."))
