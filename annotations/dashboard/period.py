"""The dashboard's period: the last N days (UTC days, today included), chosen with `?days=`."""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone as dt_timezone

from django.core.exceptions import ValidationError
from django.utils import timezone

DEFAULT_DAYS = 30
MAX_DAYS = 366


@dataclass(frozen=True)
class Period:
    days: int
    first_day: date
    last_day: date

    @property
    def since(self) -> datetime:
        return datetime.combine(self.first_day, time.min, tzinfo=dt_timezone.utc)

    @property
    def until(self) -> datetime:
        return datetime.combine(self.last_day + timedelta(days=1), time.min, tzinfo=dt_timezone.utc)

    def each_day(self) -> list[date]:
        return [self.first_day + timedelta(days=offset) for offset in range(self.days)]


def period_parse(*, days: str | int | None, today: date | None = None) -> Period:
    """`days` as given in a query string; a ValidationError (400) says what is wrong with it."""
    if days in (None, ""):
        days = DEFAULT_DAYS
    try:
        days = int(str(days).strip())
    except ValueError:
        raise ValidationError({"days": f"“{str(days)[:20]}” is not a whole number of days."}) from None
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": f"Choose between 1 and {MAX_DAYS} days."})
    last = today or timezone.now().astimezone(dt_timezone.utc).date()
    return Period(days=days, first_day=last - timedelta(days=days - 1), last_day=last)
