"""The editors' page for other fact-checkers' work: import a file or a URL, subscribe to a feed, and
see what was imported and each subscription's state. Thin: reads are selectors, writes services."""
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from annotations.factchecks import feeds, selectors, services
from annotations.factchecks.forms import FeedForm, ImportForm
from annotations.factchecks.models import ImportSource
from annotations.factchecks.parse import FactCheckDataError
from verify.permissions import role_required
from verify.roles import EDITOR

editor_required = role_required(EDITOR)
RECENT = 50


def _page(request, *, import_form, feed_form, outcome=None, status=200):
    return render(request, "factchecks/import.html", {
        "import_form": import_form, "feed_form": feed_form, "outcome": outcome,
        "items": selectors.fact_check_list()[:RECENT], "feeds": selectors.fact_check_feed_list(),
    }, status=status)


@editor_required
def import_page(request):
    import_form = ImportForm(data=request.POST or None, files=request.FILES or None)
    if request.method != "POST":
        return _page(request, import_form=import_form, feed_form=FeedForm())
    if not import_form.is_valid():
        return _page(request, import_form=import_form, feed_form=FeedForm(), status=400)
    upload, url = import_form.cleaned_data.get("file"), import_form.cleaned_data.get("url")
    try:
        if upload:
            if upload.size > settings.VERIFY_FACTCHECK_IMPORT_MAX_BYTES:
                raise FactCheckDataError(f"The file is {upload.size:,} bytes; the limit is "
                                         f"{settings.VERIFY_FACTCHECK_IMPORT_MAX_BYTES:,}.")
            outcome = services.fact_checks_import(content=upload.read(), source=ImportSource.UPLOAD,
                                                  source_detail=upload.name or "", user=request.user)
        else:
            outcome = services.fact_checks_import_url(url=url, user=request.user)
    except FactCheckDataError as error:
        import_form.add_error(None, str(error))
        return _page(request, import_form=import_form, feed_form=FeedForm(), status=400)
    messages.success(request, f"Imported {outcome.imported} fact-check{'s' if outcome.imported != 1 else ''} "
                              f"({outcome.created} new, {outcome.updated} updated); {len(outcome.rejected)} refused.")
    return _page(request, import_form=ImportForm(), feed_form=FeedForm(), outcome=outcome)


@editor_required
def feed_subscribe(request):
    feed_form = FeedForm(data=request.POST or None)
    if request.method == "POST" and feed_form.is_valid():
        try:
            feeds.fact_check_feed_register(created_by=request.user, **feed_form.cleaned_data)
        except ValidationError as error:
            feed_form.add_error("url", error.messages)
        else:
            messages.success(request, "Subscribed: the feed is polled at the next beat.")
            return redirect("factchecks:import")
    return _page(request, import_form=ImportForm(), feed_form=feed_form, status=400 if feed_form.errors else 200)
