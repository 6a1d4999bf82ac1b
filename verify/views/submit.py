"""Submitting an article: pasted text or an uploaded .txt/.html file (and a URL once that exists)."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from verify import services
from verify.content import text_from_bytes
from verify.forms import SubmitArticleForm
from verify.views._common import reviewer_required


def _url_ingest_service():
    """HOOK(url-ingestion): the service that fetches and ingests an article from a URL, once it exists.

    When another engineer adds it to verify.services (keyword-only, `url=`, `submitted_by=`, returning
    an IngestResult), the submit page shows the URL field and calls it; until then this is None.
    """
    return getattr(services, "article_ingest_url", None)


@reviewer_required
def article_submit(request):
    url_ingest = _url_ingest_service()
    if request.method != "POST":
        form = SubmitArticleForm(url_ingestion=url_ingest is not None)
        return render(request, "verify/submit.html", {"form": form})

    form = SubmitArticleForm(data=request.POST, files=request.FILES, url_ingestion=url_ingest is not None)
    if not form.is_valid():
        return render(request, "verify/submit.html", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        if data["kind"] == "url":
            result = url_ingest(url=data["url"], title=data["title"], submitted_by=request.user)
        elif data["kind"] == "file":
            upload = data["file"]
            result = services.article_ingest(
                raw_content=text_from_bytes(data=upload.read()),
                title=data["title"] or upload.name.rsplit(".", 1)[0][:500],
                is_html=upload.name.lower().endswith((".html", ".htm")),
                submitted_by=request.user,
            )
        else:
            result = services.article_ingest(raw_content=data["text"], title=data["title"], submitted_by=request.user)
    except ValidationError as error:
        form.add_error("file" if data["kind"] == "file" else None, error.messages)
        return render(request, "verify/submit.html", {"form": form}, status=400)

    article = result.article
    if not result.created:
        messages.info(request, "This article was submitted before; here it is.")
    elif result.enqueued is False:
        messages.warning(request, "The article is saved as pending: the processing queue is not answering "
                                  "right now, and it will be processed as soon as the queue is back.")
    else:
        messages.success(request, "Article received; claims appear here when processing is done.")
    return redirect("verify:article-detail", pk=article.pk)
