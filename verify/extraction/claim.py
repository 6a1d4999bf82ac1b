"""The extraction result handed to the rest of Verity."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ExtractedClaim:
    text: str  # the claim as a reviewer reads it (reporting frame dropped where that reads better)
    sentence: str  # the whole sentence, exactly cleaned[start:end]
    start: int
    end: int
    sentence_index: int
    claimant: str = ""
    cue: str = ""
    quantities: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    score: float = 0.0
    # Where the cleaned text names the claimant: the name itself, or the "he"/"who" it was resolved from.
    claimant_start: int | None = None
    claimant_end: int | None = None
    claimant_type: str = ""  # a verify.models.ClaimantType value, or "" when nobody is named
    set_aside: str = ""  # a verify.models.SetAsideReason value when kept out of the queue

