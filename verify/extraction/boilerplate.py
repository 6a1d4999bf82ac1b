"""Site furniture that is never a claim: share buttons, link teasers, subscription footers."""
from __future__ import annotations

import re

# Whole lines (after whitespace normalisation) that are navigation or footer text.
_BOILERPLATE_LINE_PATTERNS = [
    r"see also\b.*",
    r"(read|see) more\b.*",
    r"related( articles?| stories| posts?)?:?.*",
    r"also read:?.*",
    r"share( this( article| story| post)?)?:?",
    r"share (on|via) .*",
    r"(tags|categories|category|comments|topics)\s*:?.*",
    r"(wordpress|disqus|facebook)\s*\(\s*\d*\s*\)",
    r"(leave|post|add) a (comment|reply).*",
    r"\d+\s+comments?",
    r"subscribe\b.*",
    r"sign up\b.*(newsletter|inbox|email).*",
    r"discover more from\b.*",
    r"follow us\b.*",
    r"(like|follow) us on\b.*",
    r"click here\b.*",
    r"advertisement",
    r"sponsored( content)?",
    r"(print|email|tweet|pin it|whatsapp|telegram|linkedin|reddit)",
    r"continue reading\b.*",
    r"type your email\W*",
    r"(all rights reserved|©|copyright)\b.*",
    r"(skip to (main )?content|back to top|loading\W*)",
]
_BOILERPLATE_LINE = re.compile(r"^(?:" + "|".join(_BOILERPLATE_LINE_PATTERNS) + r")$", re.IGNORECASE)

# Cookie/consent notices are long sentences; recognise them by their vocabulary.
_COOKIE_NOTICE = re.compile(
    r"\b(we use cookies|this (site|website) uses cookies|cookie (policy|settings|preferences)|"
    r"accept (all )?cookies|by continuing to (use|browse))\b",
    re.IGNORECASE,
)


def is_boilerplate_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if _BOILERPLATE_LINE.match(stripped):
        return True
    return bool(_COOKIE_NOTICE.search(stripped))
