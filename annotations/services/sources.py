"""Evidence attached to claims.

Attaching a source does not bump the claim's version: sources are only ever added, never
overwrite anyone's work, so a reviewer who opened the claim before a source arrived can still give
a verdict without a conflict. The audit trail still records every attachment.
"""
from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from annotations.models import Review, Source, Stance
from verify.roles import REVIEWER, user_has_role
from verify.audit.models import AuditAction
from verify.audit.services import audit_record
from verify.models import Claim

SOURCE_FIELDS = ("url", "title", "publisher", "quote", "stance")
_LIMITS = {"url": 2000, "title": 500, "publisher": 200, "quote": 10_000}
_url_validator = URLValidator(schemes=["http", "https"])


def source_clean(*, data: Mapping) -> dict:
    """Validate one source's fields; returns them normalised or raises ValidationError by field."""
    unknown = set(data) - set(SOURCE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown source field(s): {', '.join(sorted(unknown))}. "
                              f"A source has {', '.join(SOURCE_FIELDS)}.", code="unknown_field")
    cleaned = {name: (data.get(name) or "") for name in SOURCE_FIELDS}
    errors: dict[str, str] = {}
    for name in SOURCE_FIELDS:
        if not isinstance(cleaned[name], str):
            errors[name] = f"The source's {name} must be text."
    if errors:
        raise ValidationError(errors)
    cleaned = {name: value.strip() for name, value in cleaned.items()}
    cleaned["stance"] = cleaned["stance"] or Stance.CONTEXT
    if not cleaned["url"]:
        errors["url"] = "A source needs a URL."
    else:
        try:
            _url_validator(cleaned["url"])
        except ValidationError:
            errors["url"] = f"“{cleaned['url'][:200]}” is not a valid http(s) URL."
    for name, limit in _LIMITS.items():
        if len(cleaned[name]) > limit and name not in errors:
            errors[name] = f"The source's {name} is {len(cleaned[name]):,} characters; the limit is {limit:,}."
    if cleaned["stance"] not in Stance.values:
        errors["stance"] = f"Unknown stance “{cleaned['stance'][:50]}”; choose one of {', '.join(Stance.values)}."
    if errors:
        raise ValidationError(errors)
    return cleaned


def source_attach(
    *,
    claim: Claim,
    user: AbstractBaseUser,
    url: str,
    title: str = "",
    publisher: str = "",
    quote: str = "",
    stance: str = Stance.CONTEXT,
    review: Review | None = None,
) -> Source:
    """Attach a source to a claim (optionally as part of a review); reviewer role or higher."""
    if not user_has_role(user, REVIEWER):
        raise PermissionDenied("You need the reviewer role (or higher) to attach sources.")
    fields = source_clean(data={"url": url, "title": title, "publisher": publisher, "quote": quote, "stance": stance})
    if review is not None and review.claim_id != claim.pk:
        raise ValidationError("That review belongs to another claim.", code="review_mismatch")
    with transaction.atomic():
        return _source_create(claim=claim, user=user, review=review, fields=fields)


def _source_create(*, claim: Claim, user: AbstractBaseUser, review: Review | None, fields: dict) -> Source:
    source = Source.objects.create(claim=claim, review=review, added_by=user, **fields)
    audit_record(
        actor=user, action=AuditAction.SOURCE_ATTACH, target=source, claim=claim,
        after={**fields, "source_id": source.pk, "review_id": review.pk if review else None},
    )
    return source
