"""Working days: Monday to Friday, except the holidays and exchanged days in `CalendarDay`
(the State Council's yearly arrangement, which staff enter in the admin)."""

import datetime

from django.utils import timezone

from .models import CalendarDay

# The most days a deadline may reach past its start: a 7-working-day deadline spans at most
# the Spring Festival week and two weekends. Bounds the calendar read to one small query.
LONGEST_SPAN_DAYS = 120


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The `days`-th working day after `start` (start itself does not count)."""
    exceptions = dict(
        CalendarDay.objects.filter(
            date__gt=start, date__lte=start + datetime.timedelta(days=LONGEST_SPAN_DAYS + days)
        ).values_list("date", "is_working_day")
    )
    day = start
    left = days
    while left > 0:
        day += datetime.timedelta(days=1)
        if exceptions.get(day, day.weekday() < 5):
            left -= 1
    return day


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last moment of `day` in local time (a deadline is met all that day)."""
    midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(midnight) - datetime.timedelta(microseconds=1)


def answer_due(submitted_at: datetime.datetime, working_days: int) -> datetime.datetime:
    """The deadline for a first answer: the end of the `working_days`-th working day after
    the day the application came in."""
    return end_of_day(add_working_days(timezone.localdate(submitted_at), working_days))
