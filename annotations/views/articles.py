"""Articles: the list with review progress, one article with its claims, and its live status block."""
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from annotations.forms import ArticleEditForm
from verify.lifecycle import ARTICLE_EDITABLE_FIELDS, article_update
from verify.models import Article, ArticleStatus, Verdict
from verify.permissions import role_required
from verify.roles import EDITOR
from verify.selectors import article_claims
from annotations.views._common import reviewer_required

ARTICLE_PAGE_SIZE = 50
# While processing, the status block asks again this often (htmx hx-trigger).
STATUS_POLL_INTERVAL = "2s"
FINISHED = {ArticleStatus.DONE, ArticleStatus.FAILED}


def _articles_with_progress() -> QuerySet[Article]:
    """Articles with the counts of their queued claims (what extraction set aside is not work to do);
    a claim counts as reviewed once it has any verdict."""
    queued = Q(claims__set_aside="")
    return Article.objects.select_related("submitted_by").annotate(
        claim_count=Count("claims", filter=queued, distinct=True),
        reviewed_count=Count("claims", filter=queued & ~Q(claims__verdict=Verdict.UNREVIEWED), distinct=True),
    )


@reviewer_required
def article_list(request):
    articles = _articles_with_progress().defer("raw_content", "cleaned_text").order_by("-created_at", "-id")
    search = (request.GET.get("q") or "").strip()[:200]
    if search:
        articles = articles.filter(Q(title__icontains=search) | Q(publisher__icontains=search))
    status = request.GET.get("status") or ""
    if status in ArticleStatus.values:
        articles = articles.filter(status=status)
    page = Paginator(articles, ARTICLE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "desk/article_list.html", {
        "page": page,
        "articles": page.object_list,
        "search": search,
        "status": status if status in ArticleStatus.values else "",
        "statuses": ArticleStatus.choices,
        "page_querystring": urlencode({name: value for name, value in (("q", search), ("status", status)) if value}),
    })


@reviewer_required
def article_detail(request, pk: int):
    article = get_object_or_404(_articles_with_progress(), pk=pk)
    claims = list(article_claims(article=article).select_related("assigned_to"))
    queued = [claim for claim in claims if not claim.set_aside]
    verdict_tally = {value: 0 for value in Verdict.values}
    for claim in queued:
        verdict_tally[claim.verdict] += 1
    return render(request, "desk/article_detail.html", {
        "article": article,
        "claims": queued,
        "set_aside": [claim for claim in claims if claim.set_aside],
        "verdict_tally": [(label, verdict_tally[value], value) for value, label in Verdict.choices],
        "progress_percent": _percent(article.reviewed_count, article.claim_count),
        "poll_interval": STATUS_POLL_INTERVAL,
        "finished": article.status in FINISHED,
        # Links from this page open claims in a queue of this article's claims awaiting review.
        "queue_querystring": f"article={article.pk}",
    })


@reviewer_required
def article_status(request, pk: int):
    """The status block alone, polled by htmx until processing is over."""
    article = get_object_or_404(_articles_with_progress(), pk=pk)
    finished = article.status in FINISHED
    response = render(request, "desk/_article_status.html", {
        "article": article, "poll_interval": STATUS_POLL_INTERVAL, "finished": finished,
    })
    if finished and request.headers.get("HX-Request") == "true":
        # Processing just ended under the reviewer's eyes: reload so the claims appear with it.
        response["HX-Refresh"] = "true"
    return response


@role_required(EDITOR)
def article_edit(request, pk: int):
    """Editors correct an article's title, publisher, author, publication date and original address."""
    article = get_object_or_404(Article.objects.only(*ARTICLE_EDITABLE_FIELDS, "original_filename"), pk=pk)
    if request.method != "POST":
        form = ArticleEditForm(initial={name: getattr(article, name) for name in ARTICLE_EDITABLE_FIELDS})
        return render(request, "desk/article_edit.html", {"article": article, "form": form})
    form = ArticleEditForm(data=request.POST)
    if not form.is_valid():
        return render(request, "desk/article_edit.html", {"article": article, "form": form}, status=400)
    try:
        article_update(article_id=article.pk, user=request.user,
                       **{name: form.cleaned_data[name] for name in ARTICLE_EDITABLE_FIELDS})
    except Article.DoesNotExist as error:
        raise Http404("No such article.") from error
    except ValidationError as error:
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
        return render(request, "desk/article_edit.html", {"article": article, "form": form}, status=400)
    messages.success(request, "The article's details are saved.")
    return redirect("desk:article-detail", pk=article.pk)


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0
