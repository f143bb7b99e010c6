"""Which backups to keep: the newest of each of the last 7 days, 4 weeks and 12 months.

The rule of borg's and restic's `prune`: for each kind of period (day, ISO week, month),
walk the backups from the newest and keep the newest backup of each period until as many
periods as asked have one; a backup may count for its day, its week and its month at once.
Periods without a backup do not count, so a machine switched off for a week loses no daily
backup it still has. Pure: times in, times out (tests/test_backup_retention.py).
"""

import datetime
from collections.abc import Callable, Hashable, Iterable

DAILY, WEEKLY, MONTHLY = 7, 4, 12


def _day(taken: datetime.datetime) -> Hashable:
    return taken.date()


def _week(taken: datetime.datetime) -> Hashable:
    year, week, _weekday = taken.isocalendar()
    return (year, week)


def _month(taken: datetime.datetime) -> Hashable:
    return (taken.year, taken.month)


def backups_to_keep(
    taken: Iterable[datetime.datetime],
    *,
    daily: int = DAILY,
    weekly: int = WEEKLY,
    monthly: int = MONTHLY,
) -> set[datetime.datetime]:
    """The times, among `taken` (each a backup's, in local time), of the backups to keep."""
    newest_first = sorted(set(taken), reverse=True)
    keep: set[datetime.datetime] = set()
    rules: list[tuple[int, Callable[[datetime.datetime], Hashable]]] = [
        (daily, _day),
        (weekly, _week),
        (monthly, _month),
    ]
    for count, period_of in rules:
        periods: set[Hashable] = set()
        for time in newest_first:
            if len(periods) >= count:
                break
            period = period_of(time)
            if period not in periods:
                periods.add(period)
                keep.add(time)
    return keep
