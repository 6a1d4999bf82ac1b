"""A report item's claimant kind: the claim's ClaimantType, and what each format makes of it.

Items carry a ClaimantType value ("person", "organisation", "unnamed"; "" when nobody is named or the
kind is unknown). Revisions published before claimants were typed hold schema.org's "Person" or
"Organization" instead; they read as person and organisation. An unnamed source ("reports", "officials
said") is never published as a name: ClaimReview leaves the author out, the other formats say
"Unnamed source: …".
"""
from verify.models import ClaimantType

SCHEMA_TYPES = {ClaimantType.PERSON: "Person", ClaimantType.ORGANISATION: "Organization"}
_PUBLISHED_SCHEMA_TYPES = {schema: kind for kind, schema in SCHEMA_TYPES.items()}
_PERSON_LABELS = frozenset({"PERSON"})
_ORGANISATION_LABELS = frozenset({"ORG", "GPE", "NORP"})


def item_claimant_type(claimant: str, claimant_type: str, entities: list | None = None) -> str:
    """The ClaimantType value for a report item ("" without a claimant, or when the kind is unknown).

    A claim extracted before claimants were typed has none: only a named entity spelled exactly like the
    claimant decides then (no guessing from words, which once published "reports" as an Organization).
    """
    if not (claimant or "").strip():
        return ""
    if claimant_type in ClaimantType.values:
        return claimant_type
    if claimant_type in _PUBLISHED_SCHEMA_TYPES:
        return _PUBLISHED_SCHEMA_TYPES[claimant_type]
    for entity in entities or []:
        if not isinstance(entity, dict) or entity.get("text", "").strip() != claimant.strip():
            continue
        if entity.get("label") in _PERSON_LABELS:
            return ClaimantType.PERSON
        if entity.get("label") in _ORGANISATION_LABELS:
            return ClaimantType.ORGANISATION
    return ""


def claimant_kind(item: dict) -> str:
    """The item's ClaimantType value, whichever way its revision stored it."""
    return item_claimant_type(item["claimant"], item["claimant_type"])


def claimant_schema_type(kind: str) -> str:
    """schema.org's type for Claim.author: "Person", "Organization", or "" (unnamed or nobody: no author)."""
    return SCHEMA_TYPES.get(kind, "")


def claimant_type_label(kind: str) -> str:
    """"Person", "Organisation", "Unnamed source", or "" (for CSV and the report pages)."""
    return ClaimantType(kind).label if kind in ClaimantType.values else ""

