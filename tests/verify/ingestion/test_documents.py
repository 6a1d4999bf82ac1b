"""Uploaded PDF and Word documents are read in a child process with time, memory and text limits: a
hostile document is refused with a sentence, and the web process is never held."""
import io
import time
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.verify.ingestion.test_files import make_pdf
from verify.ingestion import files
from verify.ingestion.documents import PDF, document_read
from verify.models import Article

SENTENCE = b"(The ministry said 14 bridges were destroyed.) Tj 0 -1 Td "


def shared_stream_pdf(*, pages: int = 50, operators: int = 10_000) -> bytes:
    """A few kilobytes: `pages` pages drawing one compressed content stream of `operators` text lines
    (each page costs the parser the whole stream)."""
    stream = zlib.compress(b"BT /F1 12 Tf 72 720 Td " + SENTENCE * operators + b"ET", 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (5 + i) for i in range(pages)) + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
          b"/Contents 4 0 R >>"] * pages,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


@pytest.mark.django_db
def test_a_small_pdf_that_would_take_minutes_is_refused_at_submission_within_the_time_limit(client, reviewer,
                                                                                            settings):
    settings.VERIFY_UPLOAD_PARSE_TIMEOUT = 3
    # The time limit is under test: on a fast machine the text limit would otherwise stop it first.
    settings.VERIFY_MAX_ARTICLE_CHARS = 10**9
    client.force_login(reviewer)
    data = shared_stream_pdf()
    assert len(data) < 20_000

    started = time.monotonic()
    response = client.post(reverse("desk:article-submit"), {"file": SimpleUploadedFile("a.pdf", data)})
    took = time.monotonic() - started

    assert response.status_code == 400
    assert b"took longer than 3 seconds" in response.content
    assert took < 3 + 10, f"the web process was held {took:.1f} s"
    assert not Article.objects.exists()


def test_a_pdf_holding_more_text_than_an_article_may_have_is_refused_naming_the_limit(settings):
    settings.VERIFY_MAX_ARTICLE_CHARS = 5_000
    with pytest.raises(ValidationError, match="more than 5,000 characters") as refused:
        files.text_from_upload(data=shared_stream_pdf(pages=2, operators=200), filename="long.pdf")
    assert refused.value.code == "too_large"


def test_a_reading_that_needs_more_memory_than_allowed_is_refused():
    with pytest.raises(ValidationError, match="within 16 MB of memory") as refused:
        document_read(kind=PDF, data=shared_stream_pdf(pages=1, operators=30_000), timeout=30, memory_mb=16,
                      max_chars=10**9)
    assert refused.value.code == "too_complex"


def test_a_sound_pdf_is_read_in_the_child_with_its_text():
    fields = document_read(kind=PDF, data=make_pdf(["The ministry said 14 bridges were destroyed."]), timeout=30,
                           memory_mb=1024, max_chars=10_000)
    assert "14 bridges were destroyed" in fields["text"]
