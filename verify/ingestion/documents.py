"""PDF and Word documents to text, read in a child process with time, memory and page limits.

A small document can cost a parser minutes and gigabytes (a 14 KB PDF whose 50 pages share one
large compressed stream held a web worker until gunicorn killed it). So the web process never parses
one itself: `document_read` runs `python -m verify.ingestion.documents` on the bytes, with
VERIFY_UPLOAD_PARSE_TIMEOUT seconds and VERIFY_UPLOAD_PARSE_MEMORY_MB of memory, and a document that
goes over either is refused with a sentence saying so (the submission answers 400; nothing is stored).
This module imports no Django settings in the child: the limits travel on its command line.
"""
from __future__ import annotations

import io
import json
import logging
import os
import resource
import subprocess
import sys
from pathlib import Path

from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)

PDF, DOCX = "pdf", "docx"
MAX_PDF_PAGES = 500
ROOT = Path(__file__).resolve().parents[2]
_LABELS = {PDF: "PDF", DOCX: "Word document"}


def document_read(*, kind: str, data: bytes, timeout: float, memory_mb: int, max_chars: int) -> dict:
    """{"text", "title", "author"} of a PDF or .docx, read in a bounded child process, or a ValidationError."""
    label = _LABELS[kind]
    try:
        done = subprocess.run(
            [sys.executable, "-m", "verify.ingestion.documents", kind, str(memory_mb), str(max_chars)],
            input=data, capture_output=True, timeout=timeout, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    except subprocess.TimeoutExpired:
        logger.warning("Reading an uploaded %s took longer than %s s; refused", label, timeout)
        raise ValidationError(f"Reading the {label} took longer than {timeout:g} seconds, so it was refused. "
                              "Save it again as a simpler file, or paste its text.", code="too_complex") from None
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = None
    if done.returncode != 0 or not isinstance(answer, dict):
        logger.warning("Reading an uploaded %s failed (exit %s): %s", label, done.returncode,
                       done.stderr.decode(errors="replace")[-500:])
        raise ValidationError(f"The {label} could not be read within {memory_mb:,} MB of memory, so it was refused. "
                              "Save it again as a simpler file, or paste its text.", code="too_complex")
    if "error" in answer:
        raise ValidationError(answer["error"], code=answer.get("code", "unreadable"))
    return {key: str(answer.get(key) or "") for key in ("text", "title", "author")}


def pdf_text(data: bytes, *, max_chars: int) -> dict:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError("The PDF is password-protected; upload an unprotected copy.", code="encrypted")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise ValidationError(f"The PDF has {len(reader.pages)} pages; the limit is {MAX_PDF_PAGES}.",
                                  code="too_large")
        pages, length = [], 0
        for page in reader.pages:
            pages.append((page.extract_text() or "").strip())
            length += len(pages[-1])
            if length > max_chars:
                raise ValidationError(f"The PDF holds more than {max_chars:,} characters of text; the limit is "
                                      f"{max_chars:,}.", code="too_large")
        info = reader.metadata
        title = str(info.title or "") if info else ""
        author = str(info.author or "") if info else ""
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
            NotImplementedError, OSError, ZeroDivisionError) as exc:
        logger.info("Unreadable PDF upload: %s", exc)
        raise ValidationError("The PDF could not be read; it may be damaged.", code="unreadable") from exc
    text = "\n\n".join(page for page in pages if page)
    if not text.strip():
        raise ValidationError("The PDF has no text layer (a scan?); it would need OCR first.", code="no_text")
    return {"text": text, "title": title[:500], "author": author[:200]}


def docx_text(data: bytes, *, max_chars: int) -> dict:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [paragraph.text.strip() for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                cells = [cell.text.strip() for cell in row.cells if cell.text.strip()]
                if cells:
                    paragraphs.append(" | ".join(dict.fromkeys(cells)))
        title = document.core_properties.title or ""
        author = document.core_properties.author or ""
    except Exception as exc:  # python-docx and lxml raise many types on a damaged document
        logger.info("Unreadable .docx upload: %s", exc)
        raise ValidationError("The Word document could not be read; it may be damaged.", code="unreadable") from exc
    text = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    if not text.strip():
        raise ValidationError("The Word document has no text.", code="no_text")
    if len(text) > max_chars:
        raise ValidationError(f"The Word document holds {len(text):,} characters of text; the limit is {max_chars:,}.",
                              code="too_large")
    return {"text": text, "title": title[:500], "author": author[:200]}


_READERS = {PDF: pdf_text, DOCX: docx_text}


def main(argv: list[str]) -> int:
    """The child: `kind memory_mb max_chars`, the document on stdin, one JSON object on stdout."""
    kind, memory_mb, max_chars = argv[0], int(argv[1]), int(argv[2])
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        answer = _READERS[kind](sys.stdin.buffer.read(), max_chars=max_chars)
    except ValidationError as exc:
        answer = {"error": " ".join(exc.messages), "code": exc.code or "unreadable"}
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
