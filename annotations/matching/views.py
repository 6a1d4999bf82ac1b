"""Reviewer pages for matching: the matches panel of a claim (loaded into the claim page by htmx),
the decisions on a match, a search page for "has this been checked before?", and the editors'
list of conflicting verdicts. Thin: every read is a selector, every write a service."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from verify.permissions import role_required
from verify.roles import EDITOR, REVIEWER, user_has_role
from annotations.matching import selectors, services
from annotations.matching.api.views import WARMING_UP_MESSAGE
from annotations.matching.index import IndexWarmingUp
from annotations.matching.models import ClaimMatch
from verify.models import MAX_ID, Claim

MAX_QUERY_CHARS = 5_000

reviewer_required = role_required(REVIEWER)


@require_GET
@reviewer_required
def claim_matches_panel(request, pk: int):
    claim = get_object_or_404(Claim, pk=pk if pk <= MAX_ID else 0)
    return render(request, "matching/_matches.html", {
        "claim": claim, "match_views": selectors.claim_matches(claim=claim),
        # Editors are the ones who resolve disagreements between linked claims.
        "conflict": selectors.claim_conflict(claim=claim) if user_has_role(request.user, EDITOR) else None,
    })


_ACTIONS = {
    "confirm": (lambda match, user: services.match_confirm(match=match, user=user), "Marked as the same claim."),
    "reject": (lambda match, user: services.match_reject(match=match, user=user),
               "Rejected: this pair will not be suggested again."),
    "apply": (lambda match, user: services.match_apply_verdict(match=match, reviewer=user),
              "The earlier verdict and its sources were copied onto this claim as your review."),
}


@require_POST
@reviewer_required
def match_action(request, pk: int, action: str):
    match = get_object_or_404(ClaimMatch.objects.select_related("document", "claim"), pk=pk if pk <= MAX_ID else 0)
    if action not in _ACTIONS:
        return render(request, "matching/error.html", {"message": "Unknown action."}, status=400)
    perform, done = _ACTIONS[action]
    try:
        perform(match, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("desk:claim-detail", pk=match.claim_id)


@require_GET
@reviewer_required
def search(request):
    query = request.GET.get("q", "").strip()
    context = {"query": query, "results": [], "error": "", "numbers_disagree": False}
    status = 200
    if len(query) > MAX_QUERY_CHARS:
        context["error"] = f"The text is {len(query):,} characters; the limit is {MAX_QUERY_CHARS:,}."
        status = 400
    elif query:
        try:
            found = selectors.similar_search(text=query, limit=20)
        except IndexWarmingUp as warming:
            response = render(request, "matching/search.html", {**context, "error": WARMING_UP_MESSAGE}, status=503)
            response["Retry-After"] = str(warming.retry_after_seconds)
            return response
        context.update(results=found.results, numbers_disagree=found.numbers_disagree)
    return render(request, "matching/search.html", context, status=status)


@require_GET
@role_required(EDITOR)
def conflicts(request):
    return render(request, "matching/conflicts.html", {"conflicts": selectors.match_conflicts()})
