"""Submitting an article: pasted text, an uploaded file, or a URL (when URL ingestion is installed)."""
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from verify import services
from verify.content import text_from_bytes
from verify.forms import SubmitArticleForm
from verify.views._common import reviewer_required

INGESTION_APP = "verify.ingestion"
# Without the ingestion app only files we can decode ourselves are accepted.
PLAIN_UPLOAD_EXTENSIONS = (".txt", ".html", ".htm")
# The ingestion app reads these (it decides the type from the content, the name is a first filter).
INGESTION_UPLOAD_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")


def _url_ingest_service():
    """HOOK(url-ingestion): the service that stores an article for a URL and queues its fetch, or None.

    Provided by verify.ingestion (issue 6A) as article_ingest_url(*, url, title, submitted_by) ->
    IngestResult. Without that app the submit page simply has no URL field.
    """
    if not apps.is_installed(INGESTION_APP):
        return None
    from verify.ingestion.services import article_ingest_url

    return article_ingest_url


def _upload_ingest_service():
    """verify.ingestion's upload service (records the file name and kind, reads PDF/DOCX too), or None."""
    if not apps.is_installed(INGESTION_APP):
        return None
    from verify.ingestion.services import article_ingest_upload

    return article_ingest_upload


def _form(request=None) -> SubmitArticleForm:
    options = {
        "url_ingestion": _url_ingest_service() is not None,
        "upload_extensions": INGESTION_UPLOAD_EXTENSIONS if _upload_ingest_service() else PLAIN_UPLOAD_EXTENSIONS,
    }
    if request is None:
        return SubmitArticleForm(**options)
    return SubmitArticleForm(data=request.POST, files=request.FILES, **options)


def _ingest_file(*, upload, title: str, user):
    ingest_upload = _upload_ingest_service()
    if ingest_upload is not None:
        return ingest_upload(data=upload, filename=upload.name, title=title, submitted_by=user)
    return services.article_ingest(
        raw_content=text_from_bytes(data=upload.read()),
        title=title or upload.name.rsplit(".", 1)[0][:500],
        is_html=upload.name.lower().endswith((".html", ".htm")),
        submitted_by=user,
    )


@reviewer_required
def article_submit(request):
    if request.method != "POST":
        return render(request, "verify/submit.html", {"form": _form()})

    form = _form(request)
    if not form.is_valid():
        return render(request, "verify/submit.html", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        if data["kind"] == "url":
            result = _url_ingest_service()(url=data["url"], title=data["title"], submitted_by=request.user)
        elif data["kind"] == "file":
            result = _ingest_file(upload=data["file"], title=data["title"], user=request.user)
        else:
            result = services.article_ingest(raw_content=data["text"], title=data["title"], submitted_by=request.user)
    except ValidationError as error:
        form.add_error(data["kind"] if data["kind"] in form.fields else None, error.messages)
        return render(request, "verify/submit.html", {"form": form}, status=400)

    article = result.article
    level = messages.INFO if not result.created else messages.WARNING if result.enqueued is False else messages.SUCCESS
    messages.add_message(request, level, result.notice)
    return redirect("verify:article-detail", pk=article.pk)
