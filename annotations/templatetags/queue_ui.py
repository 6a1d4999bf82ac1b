"""The queue page's repeated parts, rendered in Python: its 50 rows and 200 article options through
the template language were most of the page's time (a row cost 0.2 ms of variable lookups, filters,
includes and tags; written out here it costs a tenth of that). Every value is escaped by format_html."""
from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from annotations.templatetags.claimant_ui import claimant_chip
from verify.models import SignoffState
from verify.templatetags.verify_ui import verdict_class

register = template.Library()
SELECTED = mark_safe(" selected")
OPTION_TITLE_CHARS = 60
ROW_TITLE_CHARS = 70


def cut(text: str, chars: int) -> str:
    """`text` cut to `chars` characters, an ellipsis included (as the truncatechars filter does)."""
    return text if len(text) <= chars else text[:chars - 1] + "…"


@register.simple_tag
def article_options(options) -> SafeString:
    """<option>s of the article filter from the view's (value, title, selected) tuples."""
    return format_html_join("\n", '<option value="{}"{}>#{} {}</option>', (
        (value, SELECTED if selected else "", value, cut(title or "(untitled)", OPTION_TITLE_CHARS))
        for value, title, selected in options))


@register.simple_tag
def queue_row(claim, querystring: str) -> SafeString:
    """One claim's row of the queue table (`claim` from claims_for_display, with `source_count`)."""
    link = reverse("desk:claim-detail", args=[claim.pk]) + (f"?{querystring}" if querystring else "")
    hedges = format_html_join("", '<span class="chip chip-hedge" title="Hedge">{}</span>',
                              ((hedge,) for hedge in claim.hedges or ()))
    chips = [claimant_chip(claim), hedges]
    if claim.signoff not in (SignoffState.OPEN, SignoffState.FINAL):
        chips.append(format_html('<span class="chip chip-signoff" title="Sign-off">{}</span>',
                                 claim.get_signoff_display()))
    if claim.assigned_to_id:
        chips.append(format_html('<span class="chip chip-assigned" title="Assigned to">@{}</span>',
                                 claim.assigned_to.get_username()))
    if claim.source_count:
        chips.append(format_html('<span class="chip" title="Sources">{} source{}</span>', claim.source_count,
                                 "" if claim.source_count == 1 else "s"))
    article = claim.article
    publisher = format_html('<div class="muted small">{}</div>', article.publisher) if article.publisher else ""
    return format_html(
        '<tr class="queue-row" data-row>'
        '<td class="col-select"><input type="checkbox" name="ids" value="{pk}" form="bulk-form" data-row-select'
        ' aria-label="Select claim #{pk}"><input type="hidden" name="version-{pk}" value="{version}" form="bulk-form">'
        '</td>'
        '<td class="col-score"><span class="score" title="Check-worthiness">{score}</span></td>'
        '<td class="col-claim"><a class="claim-link" href="{link}" data-row-link>{text}</a>'
        '<div class="meta">{chips}</div></td>'
        '<td class="col-article"><a href="{article_link}">{title}</a>{publisher}</td>'
        '<td class="col-verdict"><span class="badge {verdict_class}">{verdict}</span></td>'
        '</tr>',
        pk=claim.pk, version=claim.version, score=floatformat(claim.checkworthiness, 2), link=link, text=claim.text,
        chips=mark_safe(" ".join(str(chip) for chip in chips if chip)),
        article_link=reverse("desk:article-detail", args=[claim.article_id]),
        title=cut(article.title or "(untitled)", ROW_TITLE_CHARS), publisher=publisher,
        verdict_class=verdict_class(claim.verdict), verdict=claim.get_verdict_display())
