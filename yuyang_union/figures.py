"""The contract between the apps and the work summary.

Each app's `figures.py` has ``figures_for_periods(periods) -> list[list[Figure]]``: the app's
summary figures for each period (start, end) (both dates included), computed with database
aggregates: one or a few statements per app, whatever the number of rows and of periods
(`per_period`: the summary's yearly breakdown asks for every year at once). ``figures(start,
end)`` is the same for one period. The summary composes them and never reads the apps'
models.
"""

import bisect
import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import (
    Aggregate,
    Count,
    F,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import pgettext_lazy


class Unit(models.TextChoices):
    """Units as a Chinese report writes them; money is always in yuan (shown as 万元).

    The labels carry the context "unit": bare words like "events" mean something else in the
    apps' catalogues, and one language has one merged catalogue.
    """

    YUAN = "yuan", pgettext_lazy("unit", "yuan")
    PERSONS = "persons", pgettext_lazy("unit", "persons")  # 名 / 人: distinct people
    PERSON_TIMES = "person_times", pgettext_lazy("unit", "person-times")  # 人次
    HOUSEHOLDS = "households", pgettext_lazy("unit", "households")  # 户
    HOUSEHOLD_TIMES = "household_times", pgettext_lazy("unit", "household-times")  # 户次
    ORGANISATIONS = "organisations", pgettext_lazy("unit", "organisations")  # 家: unions, firms
    COLLECTIVES = "collectives", pgettext_lazy("unit", "collectives")  # 个 (teams honoured)
    EVENTS = "events", pgettext_lazy("unit", "events")  # 场次 / 次
    CASES = "cases", pgettext_lazy("unit", "cases")  # 件
    CONTRACTS = "contracts", pgettext_lazy("unit", "contracts")  # 份
    ITEMS = "items", pgettext_lazy("unit", "items")  # 个 (sites, jobs)


@dataclass(frozen=True)
class Figure:
    key: str  # e.g. "competitions.held"; stable, used by the JSON API and tallies
    label: str | Promise  # translated label (lazily, as a rule), e.g. "竞赛场次"
    value: int | Decimal
    unit: str  # a Unit value
    # The staff page listing the records behind the figure, filtered to the period, if any.
    url: str = ""


def records_url(url_name: str, /, **query: str | int) -> str:
    """The page `url_name` filtered by `query`, the link a Figure gives to its records."""
    url = reverse(url_name)
    return f"{url}?{urlencode(query)}" if query else url


def admin_changelist_url(model: type[models.Model], /, **query: str | int) -> str:
    """The admin changelist of `model` filtered by `query` (admin lookups, e.g. date__gte)."""
    opts = model._meta
    return records_url(f"admin:{opts.app_label}_{opts.model_name}_changelist", **query)


# A period of the summary: its first and last day, both included.
Period = tuple[datetime.date, datetime.date]
# An aggregate, or one made for each period (lambda start, end: Count(..., filter=...)) when
# it counts by a condition of its own rather than by the row's date.
PeriodAggregate = Aggregate | Callable[[datetime.date, datetime.date], Aggregate]


def per_period(
    queryset: QuerySet[Any],
    periods: Sequence[Period],
    aggregates: Mapping[str, PeriodAggregate],
    *,
    on: str = "",
    year: str = "",
) -> list[dict[str, Any]]:
    """Each aggregate for each period, in one statement: [{name: value}] in `periods`' order.

    The periods are one period, or several that do not overlap, in order (the years of one,
    or the years that have tallies), or a period followed by its years (the summary page:
    the whole, then each year). A row is in a period by its date `on` (a date or a
    datetime field, by local days), or by its `year` (an integer field). The statement reads
    the rows from the first period's start to the last one's end (through the field's index)
    and, for several periods, groups them by day (counts and sums, added up here by period) or
    by year: twelve years cost one pass over the rows, as one period does.

    With neither `on` nor `year`, each aggregate is made for each period by a callable
    (lambda start, end: Count(..., filter=...)) and becomes a column of its own: for counts of
    a state that lasts (a file in force during a year), where one row counts in many periods.
    """
    if not (on or year):
        return _columns_per_period(queryset, periods, aggregates)
    within = _within(queryset, on, year)
    first, last = periods[0][0], periods[-1][1]
    made = {name: _made(aggregate, first, last) for name, aggregate in aggregates.items()}
    if len(periods) == 1:
        return [queryset.filter(within(first, last)).aggregate(**made)]
    if periods[0] == (periods[1][0], periods[-1][1]):
        return _whole_and_parts(queryset, periods, made, on=on, year=year)
    by_day = bool(on) and all(_adds_up(aggregate) for aggregate in made.values())
    if by_day and not isinstance(_field(queryset.model, on), models.DateTimeField):
        # Grouped by the date itself, then added up by year here: hashing a date costs the
        # database far less than computing each row's year (EXTRACT gives a numeric).
        days = queryset.filter(within(first, last)).order_by().values_list(on).annotate(**made)
        names = list(made)
        totals: list[dict[str, Any]] = [{} for _period in periods]
        for day, *values in days:
            number = _period_number(periods, day)
            if number is not None:
                for name, value in zip(names, values, strict=True):
                    totals[number][name] = _added([totals[number].get(name), value])
        empty = {name: _empty(aggregate) for name, aggregate in made.items()}
        return [{**empty, **total} for total in totals]
    if not _a_year_each(periods):
        # Periods that are not years: one statement each (the summary never asks for them).
        return [per_period(queryset, [period], made, on=on, year=year)[0] for period in periods]
    number_of_year = {start.year: number for number, (start, _end) in enumerate(periods)}
    rows = (
        queryset.filter(within(first, last))
        .annotate(summary_year=F(year) if year else ExtractYear(on))
        .order_by()
        .values("summary_year")
        .annotate(**made)
    )
    found = {number_of_year.get(row.pop("summary_year")): row for row in rows}
    empty = {name: _empty(aggregate) for name, aggregate in made.items()}
    return [found.get(number, empty) for number in range(len(periods))]


def _whole_and_parts(
    queryset: QuerySet[Any],
    periods: Sequence[Period],
    made: dict[str, Aggregate],
    *,
    on: str,
    year: str,
) -> list[dict[str, Any]]:
    """The whole period first, then its parts (the page's total and each of its years): the
    parts in one statement, and the whole added up from them where an aggregate adds up (a
    count, a sum); only a distinct count is read again, for the whole, in a statement of its
    own."""
    parts = per_period(queryset, periods[1:], made, on=on, year=year)
    whole = {name: _added(row[name] for row in parts) for name in made if _adds_up(made[name])}
    again = {name: aggregate for name, aggregate in made.items() if name not in whole}
    if again:
        start, end = periods[0]
        whole |= queryset.filter(_within(queryset, on, year)(start, end)).aggregate(**again)
    return [{name: whole[name] for name in made}, *parts]


def _period_number(periods: Sequence[Period], day: datetime.date) -> int | None:
    starts = [start for start, _end in periods]
    number = bisect.bisect_right(starts, day) - 1
    return number if number >= 0 and day <= periods[number][1] else None


def _adds_up(aggregate: Aggregate) -> bool:
    return isinstance(aggregate, Sum | Count) and not getattr(aggregate, "distinct", False)


def _added(values: Iterable[Any]) -> Any:
    present = [value for value in values if value is not None]
    return sum(present[1:], present[0]) if present else None


def _within(
    queryset: QuerySet[Any], on: str, year: str
) -> Callable[[datetime.date, datetime.date], Q]:
    """The condition that puts a row in the period start..end."""
    if year:
        return lambda start, end: Q(**{f"{year}__gte": start.year, f"{year}__lte": end.year})
    if isinstance(_field(queryset.model, on), models.DateTimeField):
        # Local days, as aware datetimes: the index on the column serves the range.
        return lambda start, end: Q(
            **{f"{on}__gte": _local_midnight(start), f"{on}__lt": _local_midnight(end, 1)}
        )
    return lambda start, end: Q(**{f"{on}__gte": start, f"{on}__lte": end})


def _field(model: type[models.Model], path: str) -> Any:
    *hops, name = path.split("__")
    for hop in hops:
        model = model._meta.get_field(hop).related_model  # type: ignore[assignment]
    return model._meta.get_field(name)


def _local_midnight(day: datetime.date, days_after: int = 0) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=days_after), datetime.time())
    )


def _a_year_each(periods: Sequence[Period]) -> bool:
    """Whether grouping the rows by calendar year puts each in its period: every period in a
    year of its own, the first one ending on 31 December, the last one starting on 1 January
    and the others whole years (a row of a year between two periods is in no period)."""
    if len({start.year for start, _end in periods}) != len(periods):
        return False
    last = len(periods) - 1
    for number, (start, end) in enumerate(periods):
        whole_start = number == 0 or (start.month, start.day) == (1, 1)
        whole_end = number == last or (end.month, end.day) == (12, 31)
        if start.year != end.year or not (whole_start and whole_end):
            return False
    return True


def _made(aggregate: PeriodAggregate, start: datetime.date, end: datetime.date) -> Aggregate:
    return aggregate if isinstance(aggregate, Aggregate) else aggregate(start, end)


def _empty(aggregate: Aggregate) -> Any:
    """What an aggregate is over no rows: 0 for a count, its default (or None) otherwise."""
    if isinstance(aggregate, Count):
        return 0
    return getattr(aggregate, "default", None)


def _columns_per_period(
    queryset: QuerySet[Any], periods: Sequence[Period], aggregates: Mapping[str, PeriodAggregate]
) -> list[dict[str, Any]]:
    columns = {
        f"{name}__{number}": _made(aggregate, start, end)
        for number, (start, end) in enumerate(periods)
        for name, aggregate in aggregates.items()
    }
    row = queryset.aggregate(**columns)
    return [
        {name: row[f"{name}__{number}"] for name in aggregates} for number in range(len(periods))
    ]
