"""Raw article (text or HTML) -> the cleaned text every offset refers to."""
from __future__ import annotations

import re
import unicodedata

from verify.extraction.boilerplate import is_boilerplate_line
from verify.ingestion.extract import html_text

_HORIZONTAL_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


def clean_text(raw: str, *, is_html: bool = False) -> str:
    """Markup, boilerplate lines and messy whitespace removed; paragraphs separated by one blank line.

    Lines inside a paragraph are kept (a heading directly above text stays its own line). HTML is
    read as URL ingestion reads a fetched page (trafilatura's main text: no navigation, asides or
    footers), so an uploaded or pasted page gives the same text as the same page fetched.
    """
    text = html_text(html=raw) if is_html else raw
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        line = _HORIZONTAL_SPACE.sub(" ", line).strip()
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if is_boilerplate_line(line):
            continue
        paragraphs[-1].append(line)
    return "\n\n".join("\n".join(lines) for lines in paragraphs if lines)
