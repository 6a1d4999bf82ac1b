"""The dashboard page and its CSV downloads (editors and admins)."""
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render

from annotations.dashboard import charts
from annotations.dashboard.csv_export import table_csv
from annotations.dashboard.figures import TABLES, dashboard_figures, dashboard_tables
from annotations.dashboard.period import MAX_DAYS, period_parse
from annotations.dashboard.reviewers import REVIEW_GAP_CAP
from verify.permissions import role_required
from verify.roles import EDITOR

editor_required = role_required(EDITOR)
PERIOD_CHOICES = (7, 30, 90, 365)


def duration_text(seconds: int | None) -> str:
    """2 d 3 h, 3 h 12 min, 12 min, 40 s."""
    if seconds is None:
        return ""
    days, rest = divmod(int(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min" if minutes else f"{secs} s"


def _period_or_error(request):
    try:
        return period_parse(days=request.GET.get("days")), None
    except ValidationError as error:
        return None, " ".join(error.messages)


@editor_required
def dashboard(request):
    period, error = _period_or_error(request)
    if error:
        return render(request, "dashboard/dashboard.html", {"error": error, "choices": PERIOD_CHOICES,
                                                            "max_days": MAX_DAYS}, status=400)
    figures = dashboard_figures(period=period)
    tables = dashboard_tables(figures)
    labels = [day.day.strftime("%d %b") for day in figures.days]
    context = {
        "figures": figures, "tables": tables, "choices": PERIOD_CHOICES, "max_days": MAX_DAYS,
        "gap_cap_minutes": int(REVIEW_GAP_CAP.total_seconds() // 60),
        "median": duration_text(figures.time_to_final.median_seconds),
        "daily_chart": charts.column_chart(title="Claims extracted and made final per day", labels=labels, series=[
            ("extracted", "chart-bar", [d.extracted for d in figures.days]),
            ("made final", "chart-bar-final", [d.finalized for d in figures.days])]),
        "verdict_chart": charts.bar_chart(title="Verdicts of the claims extracted",
                                          rows=[(label, count) for _v, label, count in figures.verdicts]),
        "reviewer_chart": charts.bar_chart(title="Reviews per reviewer", css="chart-bar-final",
                                           rows=[(row.reviewer, row.reviews) for row in figures.reviewers]),
    }
    return render(request, "dashboard/dashboard.html", context)


@editor_required
def dashboard_csv(request, table: str):
    period, error = _period_or_error(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    if table not in TABLES:
        raise Http404("No such table.")
    response = HttpResponse(table_csv(TABLES[table](dashboard_figures(period=period))),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (f'attachment; filename="verity-{table}-{period.first_day.isoformat()}-'
                                       f'{period.last_day.isoformat()}.csv"')
    return response
