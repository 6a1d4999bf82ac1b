"""How a claimant reads on the desk: a name with its kind, or an unnamed source (never shown as a name)."""
from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from verify.models import ClaimantType

register = template.Library()


def _field(claim, name: str) -> str:
    return (claim.get(name) if isinstance(claim, dict) else getattr(claim, name, "")) or ""


@register.simple_tag
def claimant_chip(claim, labelled: bool = False, cue: bool = False) -> SafeString:
    """'Unnamed source: military experts' (styled apart), or 'Volodymyr Zelensky' with a "person" badge.

    `claim` is a Claim or a report item dict; `labelled` prefixes a named claimant with "Claimant";
    `cue` adds the reporting words ("said"). Made here, not by an included template: the queue shows 50.
    """
    claimant = _field(claim, "claimant")
    if not claimant:
        return SafeString("")
    kind = _field(claim, "claimant_type")
    kind = kind if kind in ClaimantType.values else ""
    words = _field(claim, "cue") if cue else ""
    note = format_html(' <span class="chip-note">({})</span>', words) if words else ""
    if kind == ClaimantType.UNNAMED:
        return format_html('<span class="chip chip-claimant chip-unnamed" title="The text does not name this source">'
                           '<span class="chip-label">Unnamed source:</span> {}{}</span>', claimant, note)
    label = mark_safe('<span class="chip-label">Claimant</span> ') if labelled else ""
    badge = format_html(' <span class="claimant-kind">{}</span>', ClaimantType(kind).label.lower()) if kind else ""
    return format_html('<span class="chip chip-claimant" title="Claimant">{}{}{}{}</span>', label, claimant, badge, note)
