"""The events paragraph of the work summary: events held (by category), sign-ups, attendance.

Two queries whatever the number of rows and of periods: one aggregate over the events held
in the periods, one over their registrations. An event is held in a period when it is
published (not a draft, not cancelled) and starts on one of the period's days (local time).
Attendance adds the check-ins of events with sign-up to the head counts recorded after events
without sign-up.
"""

import datetime
from collections.abc import Sequence

from django.db.models import Aggregate, Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from yuyang_union.figures import Figure, Period, Unit, admin_changelist_url, per_period

from .models import Event, EventCategory, EventStatus, Registration, RegistrationStatus
from .models.events import day_after, local_midnight
from .models.registrations import PLACE_HOLDING


def _period_query(start: datetime.date, end: datetime.date, prefix: str = "") -> dict[str, str]:
    # Aware local midnights (2022-01-01T00:00:00+08:00), as the admin's own date filter
    # sends them: plain dates would be naive datetimes to the admin.
    return {
        f"{prefix}starts_at__gte": local_midnight(start).isoformat(),
        f"{prefix}starts_at__lt": day_after(end).isoformat(),
    }


def figures(start: datetime.date, end: datetime.date) -> list[Figure]:
    return figures_for_periods([(start, end)])[0]


def figures_for_periods(periods: Sequence[Period]) -> list[list[Figure]]:
    aggregates: dict[str, Aggregate] = {
        "held": Count("id"),
        "recorded": Sum("attendance_count", default=0),
    }
    for category in EventCategory.values:
        aggregates[f"held_{category}"] = Count("id", filter=Q(category=category))
    events = per_period(
        Event.objects.filter(status=EventStatus.PUBLISHED),
        periods,
        aggregates,
        on="starts_at",
    )
    registrations = per_period(
        Registration.objects.filter(event__status=EventStatus.PUBLISHED),
        periods,
        {
            "signups": Count("id", filter=Q(status__in=PLACE_HOLDING)),
            "attended": Count("id", filter=Q(status=RegistrationStatus.ATTENDED)),
        },
        on="event__starts_at",
    )
    return [
        _figures(start, end, events[number], registrations[number])
        for number, (start, end) in enumerate(periods)
    ]


def _figures(
    start: datetime.date,
    end: datetime.date,
    events_row: dict[str, int],
    registrations_row: dict[str, int],
) -> list[Figure]:
    period = _period_query(start, end)
    held_query = {"status__exact": "published", **period}
    registrations_period = {
        "event__status__exact": "published",
        **_period_query(start, end, "event__"),
    }

    result = [
        Figure(
            key="events.held",
            label=_("Events held"),
            value=events_row["held"],
            unit=Unit.EVENTS,
            url=admin_changelist_url(Event, **held_query),
        )
    ]
    for category in EventCategory:
        result.append(
            Figure(
                key=f"events.held.{category.value}",
                label=_("Events held: %(category)s") % {"category": category.label},
                value=events_row[f"held_{category.value}"],
                unit=Unit.EVENTS,
                url=admin_changelist_url(Event, **held_query, category__exact=category.value),
            )
        )
    result += [
        Figure(
            key="events.signups",
            label=_("Event sign-ups"),
            value=registrations_row["signups"],
            unit=Unit.PERSON_TIMES,
            url=admin_changelist_url(Registration, **registrations_period),
        ),
        Figure(
            key="events.attendance",
            label=_("Event attendance"),
            value=registrations_row["attended"] + events_row["recorded"],
            unit=Unit.PERSON_TIMES,
            url=admin_changelist_url(Event, **held_query),
        ),
    ]
    return result
