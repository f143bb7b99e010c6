"""Named reads of the events app."""

import datetime
from typing import TypedDict

from django.db.models import Count, Q

from members.models import Member

from .models import Event, EventStatus, Registration, RegistrationStatus
from .models.events import EventQuerySet
from .models.registrations import PLACE_HOLDING


class SignupState(TypedDict):
    taken: int
    waiting: int
    places_left: int | None  # None: no limit
    registration: Registration | None  # the member's
    waiting_position: int | None


def places_taken(event: Event) -> int:
    return Registration.objects.filter(event=event).holding_places().count()


def registration_counts(event: Event) -> dict[str, int]:
    """{registered: places held, waiting: on the waiting list, attended: checked in}, in one
    query."""
    return Registration.objects.filter(event=event).aggregate(
        registered=Count("id", filter=Q(status__in=PLACE_HOLDING)),
        waiting=Count("id", filter=Q(status=RegistrationStatus.WAITING)),
        attended=Count("id", filter=Q(status=RegistrationStatus.ATTENDED)),
    )


def signup_state(
    *, event: Event, member: Member | None, counts: dict[str, int] | None = None
) -> SignupState:
    """For the event page: places left, the waiting list's length, and the member's place.

    Two queries whatever the number of registrations: one aggregate (none when the page
    passes the counts it keeps in its cache), one for the member.
    """
    counts = counts if counts is not None else registration_counts(event)
    registration = None
    position = None
    if member is not None:
        registration = Registration.objects.filter(event=event, member=member).first()
        if registration is not None and registration.status == RegistrationStatus.WAITING:
            # Position = how many wait ahead + 1 (uses the event/status/queued_at index).
            position = (
                Registration.objects.waiting()
                .filter(event=event)
                .filter(
                    Q(queued_at__lt=registration.queued_at)
                    | Q(queued_at=registration.queued_at, id__lt=registration.id)
                )
                .count()
                + 1
            )
    taken = counts["registered"]
    places_left = None if event.capacity is None else max(event.capacity - taken, 0)
    return {
        "taken": taken,
        "waiting": counts["waiting"],
        "places_left": places_left,
        "registration": registration,
        "waiting_position": position,
    }


def with_registration_counts(events: EventQuerySet) -> EventQuerySet:
    """Each event with registered_count (places held), waiting_count and attended_count.

    Counted in the events' own query (LEFT JOIN + COUNT ... FILTER), so a list of events
    takes one query whatever the number of registrations.
    """
    return events.annotate(
        registered_count=Count("registrations", filter=Q(registrations__status__in=PLACE_HOLDING)),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
        ),
        attended_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.ATTENDED)
        ),
    )


def events_for_staff_week(
    *, start: datetime.date, end: datetime.date, queryset: EventQuerySet | None = None
) -> EventQuerySet:
    """Events starting in start..end with their sign-up counts: one query."""
    queryset = queryset if queryset is not None else Event.objects.all()
    events = (
        queryset.starting_between(start, end)
        .exclude(status=EventStatus.DRAFT)
        .select_related("organiser")
    )
    return with_registration_counts(events).order_by("starts_at")
