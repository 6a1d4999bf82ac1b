"""How a claimant reads on the desk: a name with its kind, or an unnamed source (never shown as a name)."""
from django import template

from verify.models import ClaimantType

register = template.Library()


def _field(claim, name: str) -> str:
    return (claim.get(name) if isinstance(claim, dict) else getattr(claim, name, "")) or ""


@register.inclusion_tag("desk/_claimant_chip.html")
def claimant_chip(claim, labelled: bool = False, cue: bool = False) -> dict:
    """'Unnamed source: military experts' (styled apart), or 'Volodymyr Zelensky' with a "person" badge.

    `claim` is a Claim or a report item dict; `labelled` prefixes a named claimant with "Claimant";
    `cue` adds the reporting words ("said").
    """
    kind = _field(claim, "claimant_type")
    kind = kind if kind in ClaimantType.values else ""
    return {
        "claimant": _field(claim, "claimant"),
        "unnamed": kind == ClaimantType.UNNAMED,
        "kind": ClaimantType(kind).label.lower() if kind and kind != ClaimantType.UNNAMED else "",
        "labelled": labelled,
        "cue": _field(claim, "cue") if cue else "",
    }
