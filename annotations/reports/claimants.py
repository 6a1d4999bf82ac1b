"""Is a claimant a Person or an Organization (for schema.org's Claim.author)?"""
import re

PERSON_LABELS = {"PERSON"}
ORGANIZATION_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC"}
# Words that make a name an institution ("the Defence Ministry", "intelligence officials", "reports").
ORGANIZATION_WORDS = re.compile(
    r"\b(ministry|ministries|government|agency|agencies|office|department|intelligence|officials?|"
    r"police|army|military|forces?|council|committee|commission|company|corporation|inc|ltd|llc|bank|"
    r"university|institute|party|union|court|parliament|congress|senate|administration|authority|"
    r"authorities|service|services|reports?|media|news|press|group|organi[sz]ation|association|"
    r"federation|board|bureau|centre|center|command|spokes(?:man|woman|person) for|sources?)\b",
    re.IGNORECASE,
)
CAPITALISED_NAME = re.compile(r"^(?:[A-Z][\w'’.-]+)(?:\s+[A-Z][\w'’.-]+){1,3}$")


def claimant_schema_type(claimant: str, entities: list | None = None) -> str:
    """"Person", "Organization" or "" (no claimant). spaCy's entity labels win over the word list."""
    claimant = (claimant or "").strip()
    if not claimant:
        return ""
    for entity in entities or []:
        if not isinstance(entity, dict) or entity.get("text", "").strip() != claimant:
            continue
        if entity.get("label") in PERSON_LABELS:
            return "Person"
        if entity.get("label") in ORGANIZATION_LABELS:
            return "Organization"
    if ORGANIZATION_WORDS.search(claimant) or claimant.lower().startswith("the "):
        return "Organization"
    if CAPITALISED_NAME.match(claimant):
        return "Person"
    return "Organization"
