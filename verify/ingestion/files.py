"""Uploaded files to article text: the type is decided by the bytes, never by the file name.

Supported: PDF (%PDF header), Word .docx (a ZIP holding word/document.xml), HTML and plain text
(.txt, .md). Everything else, including executables renamed .txt, is refused with a reason. PDF and
Word documents are read in a child process with time and memory limits (documents.py).
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError

from verify.content import content_is_html, text_from_bytes
from verify.ingestion.documents import DOCX, PDF, document_read

HTML, TEXT = "html", "text"
# A .docx is a ZIP: refuse one that would expand past this many times the upload cap (a ZIP bomb).
MAX_DOCX_EXPANSION = 20
MAX_DOCX_MEMBERS = 2000
# Leading bytes of formats people upload by mistake (or on purpose), named in the refusal.
_KNOWN_BINARY = (
    (b"MZ", "a Windows executable"),
    (b"\x7fELF", "a Linux executable"),
    (b"\xcf\xfa\xed\xfe", "a macOS executable"),
    (b"#!", "a script"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a media file"),
    (b"OggS", "an audio file"),
    (b"ID3", "an MP3 file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls); save it as .docx"),
    (b"{\\rtf", "an RTF document; save it as .docx or .txt"),
    (b"%!PS", "a PostScript file"),
)
_CLAIMED_BY_NAME = {".pdf": PDF, ".docx": DOCX}


@dataclass(frozen=True)
class UploadedText:
    text: str
    kind: str  # pdf, docx, html or text
    filename: str = ""
    title: str = ""
    author: str = ""

    @property
    def is_html(self) -> bool:
        return self.kind == HTML


def text_from_upload(*, data, filename: str = "") -> UploadedText:
    """Text of an uploaded file (bytes or a Django UploadedFile), or a ValidationError saying why not."""
    filename = PurePath(filename or getattr(data, "name", "") or "").name[:255]
    raw = _read_capped(data)
    if not raw:
        raise ValidationError("The file is empty.", code="empty")
    kind, label = upload_sniff(data=raw)
    claimed = _CLAIMED_BY_NAME.get(PurePath(filename).suffix.lower())
    if claimed and claimed != kind:
        raise ValidationError(
            f"The file is named {filename} but its content is {label}, not a {claimed.upper()}. "
            "It may be damaged; export it again.", code="type_mismatch",
        )
    if kind in (PDF, DOCX):
        fields = document_read(kind=kind, data=raw, timeout=settings.VERIFY_UPLOAD_PARSE_TIMEOUT,
                               memory_mb=settings.VERIFY_UPLOAD_PARSE_MEMORY_MB,
                               max_chars=settings.VERIFY_MAX_ARTICLE_CHARS)
        return UploadedText(**fields, kind=kind, filename=filename)
    text = text_from_bytes(data=raw)
    return UploadedText(text=text, kind=HTML if content_is_html(raw_content=text) else TEXT, filename=filename)


def upload_sniff(*, data: bytes) -> tuple[str, str]:
    """(kind, human label) from the leading bytes; refuses what we cannot read."""
    if b"%PDF-" in data[:1024]:
        return PDF, "a PDF"
    if data.startswith(b"PK\x03\x04"):
        if _zip_is_docx(data):
            return DOCX, "a Word document"
        raise ValidationError("The file is a ZIP archive, not a Word .docx document; upload the document itself.",
                              code="unsupported_type")
    for magic, label in _KNOWN_BINARY:
        if data.startswith(magic) and not (magic == b"#!" and _looks_like_text(data)):
            raise ValidationError(f"The file is {label}, which cannot be read as an article. "
                                  "Upload .txt, .md, .html, .pdf or .docx.", code="unsupported_type")
    if not _looks_like_text(data):
        raise ValidationError("The file looks binary, not text. Upload .txt, .md, .html, .pdf or .docx.",
                              code="unsupported_type")
    return TEXT, "text"


def _read_capped(data) -> bytes:
    limit = settings.VERIFY_MAX_UPLOAD_BYTES
    if isinstance(data, (bytes, bytearray)):
        raw = bytes(data)
    else:
        size = getattr(data, "size", None)
        if size is not None and size > limit:
            raise _too_large(size, limit)
        if hasattr(data, "seek"):
            data.seek(0)
        raw = data.read(limit + 1)
    if len(raw) > limit:
        raise _too_large(len(raw), limit)
    return raw


def _too_large(size: int, limit: int) -> ValidationError:
    shown = f"{size:,} bytes" if size <= limit + 1 else "larger than that"
    return ValidationError(f"The file is too large ({shown}); the limit is {limit:,} bytes.", code="too_large")


def _looks_like_text(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 with a BOM
    if b"\x00" in sample:
        return False
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return control <= max(2, len(sample) // 100)


def _zip_is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_DOCX_MEMBERS:
                return False
            if sum(member.file_size for member in members) > MAX_DOCX_EXPANSION * settings.VERIFY_MAX_UPLOAD_BYTES:
                raise ValidationError("The document expands to an implausible size; it was refused.", code="zip_bomb")
            return "word/document.xml" in {member.filename for member in members}
    except zipfile.BadZipFile:
        return False
