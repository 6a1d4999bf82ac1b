"""Every figure of the dashboard for one period, and the same figures as named tables: the page,
the CSV downloads and the API all read them from here. Each figure is queried when first read, so
a CSV download runs only its own table's queries."""
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from annotations.dashboard import reviewers as reviewer_figures, selectors
from annotations.dashboard.period import Period


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list]


class Dashboard:
    def __init__(self, *, period: Period):
        self.period = period

    @cached_property
    def days(self) -> list[selectors.DayRow]:
        return selectors.daily_counts(period=self.period)

    @cached_property
    def verdicts(self) -> list[tuple[str, str, int]]:
        return selectors.verdict_distribution(period=self.period)

    @cached_property
    def time_to_final(self) -> selectors.TimeToFinal:
        return selectors.time_to_final(period=self.period)

    @cached_property
    def reviewers(self) -> list[reviewer_figures.ReviewerWork]:
        return reviewer_figures.reviewer_work(period=self.period)

    @cached_property
    def agreement(self) -> reviewer_figures.Agreement:
        return reviewer_figures.agreement(period=self.period)

    @cached_property
    def repeated(self) -> list[selectors.RepeatedClaim]:
        return selectors.repeated_claims(period=self.period)

    @property
    def totals(self) -> dict[str, int]:
        return {"extracted": sum(d.extracted for d in self.days), "finalized": sum(d.finalized for d in self.days),
                "reviews": sum(d.reviews for d in self.days)}


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _daily(d: Dashboard) -> Table:
    return Table("Claims per day", ["day", "claims extracted", "claims made final", "reviews"],
                 [[row.day.isoformat(), row.extracted, row.finalized, row.reviews] for row in d.days])


def _verdicts(d: Dashboard) -> Table:
    return Table("Verdicts of the claims extracted", ["verdict", "claims"],
                 [[label, count] for _value, label, count in d.verdicts])


def _reviewers(d: Dashboard) -> Table:
    return Table("Work per reviewer", ["reviewer", "reviews", "claims", "time spent (minutes)"],
                 [[row.reviewer, row.reviews, row.claims, round(row.seconds_spent / 60, 1)] for row in d.reviewers])


def _agreement(d: Dashboard) -> Table:
    overall = d.agreement
    return Table("Agreement between reviewers",
                 ["reviewers", "claims reviewed by both", "agreed", "observed agreement", "Cohen's kappa"],
                 [["all pairs", overall.claims, overall.agreed, _ratio(overall.observed), _ratio(overall.kappa)]]
                 + [[f"{pair.first} & {pair.second}", pair.claims, pair.agreed, _ratio(pair.agreed / pair.claims),
                     _ratio(pair.kappa)] for pair in overall.pairs])


def _repeated(d: Dashboard) -> Table:
    return Table("Most repeated claims", ["earlier claim", "claim id", "verdict", "repeats"],
                 [[row.text, row.claim_id or "", row.verdict, row.repeats] for row in d.repeated])


# Each table by the name its CSV download uses (/dashboard/<name>.csv).
TABLES: dict[str, Callable[[Dashboard], Table]] = {
    "daily": _daily, "verdicts": _verdicts, "reviewers": _reviewers, "agreement": _agreement, "repeated": _repeated,
}


def dashboard_figures(*, period: Period) -> Dashboard:
    return Dashboard(period=period)


def dashboard_tables(dashboard: Dashboard) -> dict[str, Table]:
    return {name: build(dashboard) for name, build in TABLES.items()}
