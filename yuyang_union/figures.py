"""The contract between the apps and the work summary.

Each app's `figures.py` has ``figures_for_periods(periods) -> list[list[Figure]]``: the app's
summary figures for each period (start, end) (both dates included), computed with database
aggregates: one or a few statements per app, whatever the number of rows and of periods
(`per_period`: the summary's yearly breakdown asks for every year at once). ``figures(start,
end)`` is the same for one period. The summary composes them and never reads the apps'
models.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Aggregate, Case, Count, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
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
# it counts by a condition of its own rather than by `within`.
PeriodAggregate = Aggregate | Callable[[datetime.date, datetime.date], Aggregate]


def per_period(
    queryset: QuerySet[Any],
    periods: Sequence[Period],
    *,
    within: Callable[[datetime.date, datetime.date], Q] | None = None,
    **aggregates: PeriodAggregate,
) -> list[dict[str, Any]]:
    """Each aggregate for each period, in one statement: [{name: value}] in `periods`' order.

    The periods are one period, or the years of one (they never overlap). With `within(start,
    end)`, the condition that puts a row in a period, the statement reads the rows from the
    first period's start to the last one's end (through the date's index) and groups them by
    their period (`GROUP BY CASE WHEN <in period 0> THEN 0 ...`): twelve years cost one pass,
    as one period does. Without it, each aggregate is made for each period by a callable
    (lambda start, end: Count(..., filter=...)) and becomes a column of its own: for counts of
    a state that lasts (a file in force during a year), where one row counts in many periods.
    """
    if within is None:
        return _columns_per_period(queryset, periods, aggregates)
    if len(periods) == 1:
        (start, end), *_others = periods
        made = {name: _made(aggregate, start, end) for name, aggregate in aggregates.items()}
        return [queryset.filter(within(start, end)).aggregate(**made)]
    period = Case(
        *[
            When(within(start, end), then=Value(number))
            for number, (start, end) in enumerate(periods)
        ],
        output_field=IntegerField(),
    )
    first, last = periods[0][0], periods[-1][1]
    rows = (
        queryset.filter(within(first, last))
        .annotate(summary_period=period)
        .order_by()
        .values("summary_period")
        .annotate(**{name: _made(aggregate, first, last) for name, aggregate in aggregates.items()})
    )
    found = {row.pop("summary_period"): row for row in rows}
    empty = {name: _empty(_made(aggregate, first, last)) for name, aggregate in aggregates.items()}
    return [found.get(number, empty) for number in range(len(periods))]


def _made(aggregate: PeriodAggregate, start: datetime.date, end: datetime.date) -> Aggregate:
    return aggregate if isinstance(aggregate, Aggregate) else aggregate(start, end)


def _empty(aggregate: Aggregate) -> Any:
    """What an aggregate is over no rows: 0 for a count, its default (or None) otherwise."""
    if isinstance(aggregate, Count):
        return 0
    return getattr(aggregate, "default", None)


def _columns_per_period(
    queryset: QuerySet[Any], periods: Sequence[Period], aggregates: dict[str, PeriodAggregate]
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
