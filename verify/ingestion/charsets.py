"""Turning fetched bytes into text: the declared charset first, detection when it does not fit."""
from __future__ import annotations

import re

from verify.content import text_without_nul

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)["']""")


_SINGLE_BYTE_WESTERN = {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii",
                        "iso-8859-15"}


def _is_non_ascii_utf8(content: bytes) -> bool:
    if content.isascii():
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def content_type_parse(value: str) -> tuple[str, str]:
    """("text/html", "utf-8") from "text/html; charset=UTF-8"."""
    parts = [part.strip() for part in value.split(";")]
    mime_type = parts[0].lower() if parts else ""
    charset = ""
    for part in parts[1:]:
        name, _, param = part.partition("=")
        if name.strip().lower() == "charset":
            charset = param.strip().strip("\"'").lower()
    return mime_type, charset


def bytes_decode(*, content: bytes, declared_charset: str = "") -> tuple[str, str]:
    """Decode with the declared charset (header, then <meta>/XML prolog); when it does not fit, detect.
    NUL characters are dropped: a page holding one could never be stored."""
    text, charset = _decode(content=content, declared_charset=declared_charset)
    return text_without_nul(text), charset


def _decode(*, content: bytes, declared_charset: str) -> tuple[str, str]:
    candidates = [declared_charset]
    head = content[:4096]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        match = pattern.search(head)
        if match:
            candidates.append(match.group(1).decode("ascii", "ignore").lower())
    if content.startswith(b"\xef\xbb\xbf"):
        candidates.insert(0, "utf-8-sig")
    elif _is_non_ascii_utf8(content) and (candidates[0] or "iso-8859-1") in _SINGLE_BYTE_WESTERN:
        # Latin-1/Windows-1252 decode any bytes, so a wrong Western label never fails; but real
        # Western text is almost never also valid UTF-8 with non-ASCII in it, so UTF-8 is the truth.
        candidates.insert(0, "utf-8")
    for charset in [c for c in candidates if c] + ["utf-8"]:
        try:
            return content.decode(charset), charset
        except (UnicodeDecodeError, LookupError):
            continue
    # The declared charset lies (e.g. Latin-1 bytes labelled UTF-8): guess from the bytes.
    from charset_normalizer import from_bytes

    matches = from_bytes(content)
    best = matches.best()
    if best is not None and best.encoding:
        # Near-ties between Western code pages are common on short text; mislabelled pages are
        # overwhelmingly Windows-1252 (which is why browsers default to it), so it wins a tie.
        for match in matches:
            if (match.encoding == "cp1252" and match.chaos <= best.chaos
                    and match.coherence >= best.coherence - 0.05):
                return str(match), "cp1252"
        return str(best), best.encoding
    return content.decode("cp1252", errors="replace"), "cp1252"
