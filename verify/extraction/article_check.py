"""An acceptance check of extraction on one article: the key claims kept (with their figures, hedges and
bounds), commentary out of the queue, claimants a fact-checker would write, dates never counted as figures.

`manage.py check_article` runs it on the sample news article the product started from (SEED_EXPECTATIONS);
tests run it on small articles of their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from verify.extraction.claim import ExtractedClaim
from verify.extraction.cleaning import clean_text
from verify.extraction.pipeline import extract_claims
from verify.claim_kinds import ClaimantType

MAX_COMMENTARY_IN_QUEUE = 3
_DATE_WORDS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|"
    r"august|september|october|november|december|yesterday|today|tomorrow|week|month|year)s?\b", re.IGNORECASE)


@dataclass(frozen=True)
class KeyClaim:
    name: str
    needles: tuple[str, ...]  # all in the claim's sentence (case-insensitive)
    quantity: tuple[float, str] | None = None  # (value, unit) that must be among its figures
    approximate: bool | None = None
    bound: str | None = None
    hedge: str | None = None


@dataclass(frozen=True)
class Expectations:
    key_claims: tuple[KeyClaim, ...]
    commentary: tuple[str, ...]  # a phrase of each analysis or opinion sentence of the article
    max_commentary: int = MAX_COMMENTARY_IN_QUEUE


SEED_EXPECTATIONS = Expectations(
    key_claims=(
        KeyClaim("11,000 troops, hedged, an upper bound", ("as many as 11,000",), quantity=(11000, "troops"),
                 approximate=True, bound="upper", hedge="as many as"),
        KeyClaim("93 missiles", ("93 missiles",), quantity=(93, "missiles")),
        KeyClaim("over 200 drones", ("200 drones",), quantity=(200, "drones"), bound="lower"),
        KeyClaim("Tarnavskiy appointed", ("Tarnavskiy", "appointed")),
        KeyClaim("Lutsenko replaced", ("replaces", "Lutsenko")),
        KeyClaim("the pact", ("military pact",)),
        KeyClaim("NATO's concerns", ("NATO officials", "concerns")),
        KeyClaim("Zelensky: troops in Russian units", ("Zelensky", "noticeable number")),
        KeyClaim("Zelensky: Kursk", ("Zelensky", "Kursk")),
    ),
    commentary=(
        "new layer of complexity", "serious geopolitical questions", "stark reminder", "watches closely",
        "Analysts speculate", "signals a significant shift", "raises questions about", "reflects growing challenges",
        "illustrate how", "far-reaching implications", "Military experts believe", "many see as",
        "reflects a growing realignment", "signals a clear message", "underscore Ukraine",
    ),
)


@dataclass
class CheckResult:
    queued: int
    set_aside: int
    key_claims: dict[str, str] = field(default_factory=dict)  # name -> "ok" or what is wrong
    commentary_in_queue: list[str] = field(default_factory=list)
    claimant_problems: list[str] = field(default_factory=list)
    date_quantities: list[str] = field(default_factory=list)
    max_commentary: int = MAX_COMMENTARY_IN_QUEUE

    @property
    def passed(self) -> bool:
        return (all(v == "ok" for v in self.key_claims.values()) and not self.claimant_problems
                and len(self.commentary_in_queue) <= self.max_commentary and not self.date_quantities)

    def as_dict(self) -> dict[str, Any]:
        return {"passed": self.passed, "queued": self.queued, "set_aside": self.set_aside,
                "key_claims": self.key_claims, "commentary_in_queue": self.commentary_in_queue,
                "claimant_problems": self.claimant_problems, "date_quantities": self.date_quantities}


def article_check(raw: str, *, expectations: Expectations = SEED_EXPECTATIONS, is_html: bool = False) -> CheckResult:
    claims = extract_claims(clean_text(raw, is_html=is_html))
    queued = [c for c in claims if not c.set_aside]
    result = CheckResult(queued=len(queued), set_aside=len(claims) - len(queued),
                         max_commentary=expectations.max_commentary)
    for key in expectations.key_claims:
        result.key_claims[key.name] = _key_claim_problem(key, queued)
    for phrase in expectations.commentary:
        result.commentary_in_queue += [c.sentence for c in queued if phrase.lower() in c.sentence.lower()]
    for claim in queued:
        if claim.claimant and claim.claimant_type not in ClaimantType.values:
            result.claimant_problems.append(f"untyped claimant {claim.claimant!r}: {claim.sentence}")
        for quantity in claim.quantities:
            if quantity.get("kind") != "date" and _DATE_WORDS.search(str(quantity.get("surface", ""))):
                result.date_quantities.append(f"{quantity.get('surface')!r} counted as a {quantity.get('kind')}")
    return result


def _key_claim_problem(key: KeyClaim, claims: list[ExtractedClaim]) -> str:
    matches = [c for c in claims if all(n.lower() in c.sentence.lower() for n in key.needles)]
    if not matches:
        return "not in the queue"
    claim = matches[0]
    if key.hedge and key.hedge not in claim.hedges:
        return f"hedge {key.hedge!r} missing (hedges: {claim.hedges})"
    if key.quantity is None:
        return "ok"
    value, unit = key.quantity
    found = [q for q in claim.quantities if q.get("value") == value and q.get("unit") == unit]
    if not found:
        return f"figure {value} {unit} missing (figures: {[(q.get('value'), q.get('unit')) for q in claim.quantities]})"
    if key.approximate is not None and found[0].get("approximate") is not key.approximate:
        return f"figure should be approximate={key.approximate}"
    if key.bound is not None and found[0].get("bound") != key.bound:
        return f"figure should be a {key.bound} bound, is {found[0].get('bound')}"
    return "ok"
