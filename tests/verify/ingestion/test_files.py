"""Uploads: the type comes from the bytes; PDF and .docx text is extracted; size and type limits hold."""
import io
import zipfile
from datetime import datetime, timezone

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.verify.ingestion.conftest import CITY_TIMES_BODY, CITY_TIMES_CHROME, CITY_TIMES_HTML
from verify import lifecycle, services
from verify.ingestion import files
from verify.models import Article

STORY = "The council said 14 bridges were repaired in 2023."


def make_pdf(lines: list[str]) -> bytes:
    """A minimal, valid one-page PDF with the lines in Helvetica (xref offsets computed)."""
    text_ops = " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
    stream = f"BT /F1 12 Tf 72 720 Td {text_ops} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def make_docx(paragraphs: list[str], title: str = "") -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Bridges repaired"
    table.rows[0].cells[1].text = "14"
    document.core_properties.title = title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_pdf_is_read_by_content_even_when_named_txt():
    upload = files.text_from_upload(data=make_pdf([STORY, "Traffic delays fell by a third."]), filename="notes.txt")

    assert upload.kind == files.PDF
    assert "14 bridges were repaired in 2023" in upload.text
    assert "Traffic delays fell by a third." in upload.text


def test_a_docx_has_its_paragraphs_tables_and_title_extracted():
    data = make_docx([STORY, "Mayor Ana Lopez said delays fell by a third."], title="Bridges report")

    upload = files.text_from_upload(data=data, filename="report.docx")

    assert upload.kind == files.DOCX
    assert upload.text.startswith(STORY)
    assert "Mayor Ana Lopez" in upload.text and "Bridges repaired | 14" in upload.text
    assert upload.title == "Bridges report"


@pytest.mark.parametrize("name", ["story.txt", "story.md", "story", "story.html"])
def test_plain_text_and_markdown_are_text_whatever_the_name(name):
    upload = files.text_from_upload(data=f"# Bridges\n\n{STORY}\n".encode(), filename=name)

    assert upload.kind == files.TEXT and STORY in upload.text


def test_html_is_recognised_by_its_markup():
    upload = files.text_from_upload(data=f"<html><body><p>{STORY}</p></body></html>".encode(), filename="a.txt")

    assert upload.kind == files.HTML and upload.is_html


@pytest.mark.parametrize("data, message", [
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, "Windows executable"),
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "Linux executable"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "save it as .docx"),
    (bytes(range(256)) * 8, "looks binary"),
])
def test_binaries_renamed_txt_are_refused_with_what_they_are(data, message):
    with pytest.raises(ValidationError, match=message):
        files.text_from_upload(data=data, filename="harmless.txt")


def test_a_zip_that_is_not_a_docx_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.txt", STORY)

    with pytest.raises(ValidationError, match="ZIP archive, not a Word .docx"):
        files.text_from_upload(data=out.getvalue(), filename="story.docx")


def test_a_file_named_pdf_whose_content_is_text_is_refused_as_mismatched():
    with pytest.raises(ValidationError, match="named report.pdf but its content is text"):
        files.text_from_upload(data=STORY.encode(), filename="report.pdf")


def test_a_damaged_pdf_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError, match="PDF could not be read|no text layer"):
        files.text_from_upload(data=b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", filename="x.pdf")


def test_a_pdf_without_text_needs_ocr():
    with pytest.raises(ValidationError, match="no text layer"):
        files.text_from_upload(data=make_pdf([]), filename="scan.pdf")


def test_the_size_cap_applies_to_bytes_and_to_uploaded_files(settings):
    settings.VERIFY_MAX_UPLOAD_BYTES = 1000
    big = b"a" * 1001

    with pytest.raises(ValidationError, match="the limit is 1,000 bytes"):
        files.text_from_upload(data=big, filename="big.txt")
    with pytest.raises(ValidationError, match="the limit is 1,000 bytes"):
        files.text_from_upload(data=SimpleUploadedFile("big.txt", big), filename="big.txt")
    assert files.text_from_upload(data=b"a" * 1000, filename="ok.txt").text == "a" * 1000


def test_a_zip_bomb_disguised_as_docx_is_refused(settings):
    settings.VERIFY_MAX_UPLOAD_BYTES = 100_000
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b"a" * 5_000_000)

    with pytest.raises(ValidationError, match="implausible size"):
        files.text_from_upload(data=out.getvalue(), filename="bomb.docx")


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="empty"):
        files.text_from_upload(data=b"", filename="empty.txt")


@pytest.mark.django_db
def test_an_uploaded_pdf_becomes_a_file_article_with_its_name():
    result = lifecycle.article_submit(kind="file", data=SimpleUploadedFile("bridges.pdf", make_pdf([STORY])),
                                      filename="bridges.pdf")

    article = Article.objects.get(pk=result.article.pk)
    assert article.source_kind == Article.SourceKind.FILE
    assert article.original_filename == "bridges.pdf"
    assert STORY in article.raw_content


@pytest.mark.django_db
def test_an_uploaded_news_page_keeps_only_its_story_and_fills_the_article_metadata():
    data = CITY_TIMES_HTML.encode()

    result = lifecycle.article_submit(kind="file", data=SimpleUploadedFile("tunnel.html", data), filename="tunnel.html")

    article = Article.objects.get(pk=result.article.pk)
    assert article.raw_content == CITY_TIMES_HTML and article.content_type == Article.ContentType.HTML
    assert article.title == "Harbour tunnel opens two months early"
    assert (article.author, article.publisher) == ("Maria Keller", "City Times")
    assert article.published_at == datetime(2026, 2, 11, tzinfo=timezone.utc)
    assert article.canonical_url == "https://citytimes.example.com/2026/02/harbour-tunnel"
    cleaned = services.article_clean(article=article)
    assert cleaned == "\n\n".join(["Harbour tunnel opens two months early", *CITY_TIMES_BODY])
    assert [chrome for chrome in CITY_TIMES_CHROME if chrome in cleaned] == []


@pytest.mark.django_db
def test_the_submitters_title_and_author_win_over_the_pages():
    result = lifecycle.article_submit(kind="file", data=CITY_TIMES_HTML.encode(), filename="tunnel.html",
                                      title="Tunnel opens", author="Desk")

    article = Article.objects.get(pk=result.article.pk)
    assert (article.title, article.author, article.publisher) == ("Tunnel opens", "Desk", "City Times")


@pytest.mark.django_db
def test_an_uploaded_html_fragment_is_its_plain_text():
    result = lifecycle.article_submit(kind="file", data=b"<p>One sentence.</p><script>alert('x')</script>",
                                      filename="note.html")

    article = Article.objects.get(pk=result.article.pk)
    assert article.content_type == Article.ContentType.HTML and article.title == ""
    assert services.article_clean(article=article) == "One sentence."
