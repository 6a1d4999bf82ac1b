"""Feed pages for editors: the list with a register form, and each feed's status, errors and entries."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from verify.permissions import role_required
from verify.roles import EDITOR
from verify.ingestion import feeds, selectors
from verify.ingestion.forms import FeedRegisterForm, FeedSettingsForm
from verify.ingestion.models import Feed

editor_required = role_required(EDITOR)


@editor_required
def feed_list(request):
    form = FeedRegisterForm(data=request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                feed = feeds.feed_register(created_by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error("url", error.messages)
            else:
                messages.success(request, "Feed registered; it is polled within a minute.")
                return redirect("ingestion:feed-detail", pk=feed.pk)
        status = 400
    return render(request, "ingestion/feed_list.html", {"feeds": selectors.feed_list(), "form": form},
                  status=status)


@editor_required
def feed_detail(request, pk: int):
    feed = get_object_or_404(Feed, pk=pk)
    form = FeedSettingsForm(data=request.POST or None, instance=feed)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            feeds.feed_update(feed=Feed.objects.get(pk=pk), **form.cleaned_data)
            messages.success(request, "Feed settings saved.")
            return redirect("ingestion:feed-detail", pk=pk)
        status = 400
    return render(request, "ingestion/feed_detail.html",
                  {"feed": feed, "form": form, "entries": selectors.feed_entries(feed=feed)}, status=status)


@require_POST
@editor_required
def feed_poll_now(request, pk: int):
    feed = get_object_or_404(Feed, pk=pk)
    feeds.feed_poll_soon(feed=feed)
    messages.info(request, "The feed will be polled within a minute.")
    return redirect("ingestion:feed-detail", pk=feed.pk)
