"""Which sentences can be claims at all (before scoring): no headings, questions or site furniture."""
from __future__ import annotations

from verify.extraction.boilerplate import is_boilerplate_line
from verify.extraction.segmentation import is_heading_line

MIN_WORDS = 4


def skip_reason(sentence: str) -> str:
    """Why a sentence can never be a claim ("" if it can)."""
    stripped = sentence.strip()
    if len(stripped.split()) < MIN_WORDS:
        return "too short"
    if stripped.rstrip("\"”’')").endswith("?"):
        return "question"
    if "\n" in stripped or is_heading_line(stripped):
        return "heading"
    if any(is_boilerplate_line(line) for line in stripped.splitlines()):
        return "boilerplate"
    return ""
