"""The competitions paragraph of the work summary, computed from the records.

A competition counts in a period when it starts in it and has taken place (under way,
finished or results published: ``HELD_STATUSES``). For those competitions:

- held: the competitions themselves;
- enterprises: distinct employers registered as taking part (``Participation``), an
  employer counted once however many competitions it entered;
- participations: entries (person-times: one member in one trade or event);
- star titles: titles of every kind but "other" (``CompetitionTitle.objects.stars()``).

Four plain aggregates whatever the number of rows (one query each, about 15 ms
for a year, about 0.15 s for twelve years of a county at 100 times the seed), each one
pass over a join filtered on the competitions of the period, with the per-kind
breakdowns as ``FILTER`` clauses: over the competitions (held), the star titles joined to
their competitions, the entries joined through their events to the competitions, and the
participations joined to the competitions (enterprises). The four cannot share a query:
joining entries, titles and participations to one competition would multiply the rows.
No correlated subqueries: with them the planner's estimate crossed PostgreSQL's JIT
threshold, and compiling the expression took most of a second.
"""

import datetime
from collections.abc import Sequence

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from yuyang_union.figures import Figure, Period, Unit, per_period, records_url

from .models import (
    HELD_STATUSES,
    Competition,
    CompetitionKind,
    CompetitionTitle,
    Entry,
    Participation,
)


def _aggregates(periods: Sequence[Period]) -> list[dict[str, int]]:
    competition_counts = {"held": Count("id")}
    star_counts = {"stars": Count("id")}
    entry_counts = {"entries": Count("event")}
    employer_counts = {"employers": Count("employer", distinct=True)}
    for kind in CompetitionKind.values:
        competition_counts[f"held_{kind}"] = Count("id", filter=Q(kind=kind))
        star_counts[f"stars_{kind}"] = Count("id", filter=Q(competition__kind=kind))
        entry_counts[f"entries_{kind}"] = Count("event", filter=Q(event__competition__kind=kind))
        employer_counts[f"employers_{kind}"] = Count(
            "employer", distinct=True, filter=Q(competition__kind=kind)
        )
    # Entries are counted by their (never null) event_id rather than their id: the index
    # on event_id then holds all the query reads of them (an index-only scan).
    # Each counts by its competition's start, of the competitions that have taken place:
    # a condition on the join, so the planner joins rather than builds an IN list.
    rows = per_period(
        Competition.objects.filter(status__in=HELD_STATUSES),
        periods,
        competition_counts,
        on="starts_on",
    )
    for queryset, prefix, counts in [
        (CompetitionTitle.objects.stars(), "competition__", star_counts),
        (Entry.objects.all(), "event__competition__", entry_counts),
        (Participation.objects.all(), "competition__", employer_counts),
    ]:
        more = per_period(
            queryset.filter(**{f"{prefix}status__in": HELD_STATUSES}),
            periods,
            counts,
            on=f"{prefix}starts_on",
        )
        rows = [row | extra for row, extra in zip(rows, more, strict=True)]
    return rows


def figures(start: datetime.date, end: datetime.date) -> list[Figure]:
    return figures_for_periods([(start, end)])[0]


def figures_for_periods(periods: Sequence[Period]) -> list[list[Figure]]:
    return [
        _figures(start, end, row)
        for (start, end), row in zip(periods, _aggregates(periods), strict=True)
    ]


def _figures(start: datetime.date, end: datetime.date, row: dict[str, int]) -> list[Figure]:
    period = {"start": start.isoformat(), "end": end.isoformat(), "held": "on"}
    url = records_url("competitions:staff-list", **period)
    result = [
        Figure("competitions.held", _("Competitions held"), row["held"], Unit.EVENTS, url),
        Figure(
            "competitions.enterprises",
            _("Employers taking part in competitions"),
            row["employers"],
            Unit.ORGANISATIONS,
            url,
        ),
        Figure(
            "competitions.participations",
            _("Competition entries"),
            row["entries"],
            Unit.PERSON_TIMES,
            url,
        ),
        Figure(
            "competitions.star_titles",
            _("Star titles awarded"),
            row["stars"],
            Unit.PERSONS,
            url,
        ),
    ]
    for kind, label in CompetitionKind.choices:
        kind_url = records_url("competitions:staff-list", **period, kind=kind)
        result += [
            Figure(
                f"competitions.held.{kind}",
                _("Competitions held: %(kind)s") % {"kind": label},
                row[f"held_{kind}"],
                Unit.EVENTS,
                kind_url,
            ),
            Figure(
                f"competitions.enterprises.{kind}",
                _("Employers taking part: %(kind)s") % {"kind": label},
                row[f"employers_{kind}"],
                Unit.ORGANISATIONS,
                kind_url,
            ),
            Figure(
                f"competitions.participations.{kind}",
                _("Entries: %(kind)s") % {"kind": label},
                row[f"entries_{kind}"],
                Unit.PERSON_TIMES,
                kind_url,
            ),
            Figure(
                f"competitions.star_titles.{kind}",
                _("Star titles awarded: %(kind)s") % {"kind": label},
                row[f"stars_{kind}"],
                Unit.PERSONS,
                kind_url,
            ),
        ]
    return result
