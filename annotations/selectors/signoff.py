"""Sign-off reads: the desk's sign-off mode, whether a claim's verdict is final, and which review a
viewer may not see yet (the first of two independent reviews, until the second is given)."""
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

from annotations.models import DeskSettings, Review, ReviewStage, SignoffMode
from verify.models import Claim, SignoffState


def desk_settings_get() -> DeskSettings:
    """The desk settings row (unsaved defaults when editors never changed anything)."""
    return DeskSettings.objects.select_related("updated_by").order_by("pk").first() or DeskSettings()


def signoff_mode_from_environment() -> SignoffMode:
    try:
        return SignoffMode(settings.VERIFY_SIGNOFF_MODE)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"VERIFY_SIGNOFF_MODE={settings.VERIFY_SIGNOFF_MODE!r}; use one of {', '.join(SignoffMode.values)}."
        ) from error


def signoff_mode() -> SignoffMode:
    """How a verdict becomes final now: the editors' desk setting, else VERIFY_SIGNOFF_MODE."""
    stored = DeskSettings.objects.order_by("pk").values_list("signoff_mode", flat=True).first()
    return SignoffMode(stored) if stored else signoff_mode_from_environment()


def claim_is_final(claim: Claim) -> bool:
    """The one question other code asks: may this claim's verdict be published?"""
    return claim.signoff == SignoffState.FINAL


def claims_final(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Only the claims of `claims` whose verdict is final."""
    return claims.filter(signoff=SignoffState.FINAL)


def review_pending_first(*, claim: Claim) -> Review | None:
    """The first of two independent reviews while the claim waits for the second (None otherwise)."""
    if claim.signoff != SignoffState.AWAITING_SECOND:
        return None
    return (Review.objects.filter(claim=claim, stage=ReviewStage.FIRST, second_review__isnull=True)
            .select_related("reviewer").order_by("-created_at", "-id").first())


def review_hidden_id(*, claim: Claim, viewer: AbstractBaseUser) -> int | None:
    """The id of the review `viewer` may not see yet: a pending first review by someone else."""
    pending = review_pending_first(claim=claim)
    return pending.pk if pending is not None and pending.reviewer_id != viewer.pk else None
