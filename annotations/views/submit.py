"""Submitting an article: pasted text, an uploaded file, or a URL, all through verify.lifecycle."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from annotations.forms import SubmitArticleForm
from annotations.views._common import reviewer_required
from verify.lifecycle import article_submit as article_submit_service


@reviewer_required
def article_submit(request):
    if request.method != "POST":
        return render(request, "desk/submit.html", {"form": SubmitArticleForm()})

    form = SubmitArticleForm(data=request.POST, files=request.FILES)
    if not form.is_valid():
        return render(request, "desk/submit.html", {"form": form}, status=400)
    data = form.cleaned_data
    upload = data.get("file")
    try:
        result = article_submit_service(
            kind=data["kind"], text=data.get("text") or "", data=upload, filename=upload.name if upload else "",
            url=data.get("url") or data["original_url"], title=data["title"], publisher=data["publisher"],
            author=data["author"], published_at=data["published_at"], submitted_by=request.user,
        )
    except ValidationError as error:
        form.add_error(data["kind"], error.messages)
        return render(request, "desk/submit.html", {"form": form}, status=400)

    level = messages.INFO if not result.created else messages.WARNING if result.enqueued is False else messages.SUCCESS
    messages.add_message(request, level, result.notice)
    return redirect("desk:article-detail", pk=result.article.pk)
