"""Turning submitted bytes and strings into article text we can store, or a clear refusal."""
import hashlib
import re

from django.conf import settings
from django.core.exceptions import ValidationError

_HTML_SNIFF = re.compile(r"<\s*(html|body|p|div|article|head|!doctype)\b", re.IGNORECASE)
# Control characters other than tab, newline and carriage return mark binary content.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def text_without_nul(text: str) -> str:
    """`text` without NUL characters, which no text column of PostgreSQL can store (saving one raised,
    and a fetched page holding one failed for good). UTF-16 files and some pages carry stray NULs."""
    return text.replace("\x00", "") if "\x00" in text else text


def text_from_bytes(*, data: bytes) -> str:
    """Decode an upload (UTF-8 with or without BOM, UTF-16 with a BOM, else Windows-1252) without NULs."""
    return text_without_nul(_decoded(data))


def _decoded(data: bytes) -> str:
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError("The file looks binary, not text. Upload a .txt or .html file.", code="binary")
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            "The text is neither UTF-8 nor Windows-1252; save it as UTF-8 and try again.", code="encoding"
        ) from exc


def content_validate(*, raw_content: str) -> None:
    """Refuse what cannot become an article, saying why."""
    if not raw_content or not raw_content.strip():
        raise ValidationError("The article is empty.", code="empty")
    limit = settings.VERIFY_MAX_ARTICLE_CHARS
    if len(raw_content) > limit:
        raise ValidationError(
            f"The article has {len(raw_content):,} characters; the limit is {limit:,}.", code="too_large"
        )
    sample = raw_content[:100_000]
    if len(_CONTROL.findall(sample)) > max(10, len(sample) // 100):
        raise ValidationError("The content looks binary, not text.", code="binary")


def content_is_html(*, raw_content: str) -> bool:
    return bool(_HTML_SNIFF.search(raw_content[:5000]))


def content_hash(*, raw_content: str) -> str:
    """Hash of the content with line endings and outer whitespace normalised."""
    normalised = raw_content.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()
