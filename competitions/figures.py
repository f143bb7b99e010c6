"""The competitions paragraph of the work summary, computed from the records.

Two queries whatever the number of rows: one over competitions (with their entries and
star titles counted in correlated subqueries), one over participating employers.
A competition counts in a period when it starts in it and has taken place (under way,
finished or results published).
"""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from yuyang_union.figures import Figure, Unit

from .models import Competition, CompetitionKind, CompetitionTitle, Entry, Participation


def figures(start, end):
    held = Competition.objects.held().starting_between(start, end)
    totals = held.annotate(
        entry_count=Coalesce(
            Subquery(
                Entry.objects.filter(event__competition=OuterRef("pk"))
                .order_by()
                .values("event__competition")
                .annotate(n=Count("id"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
        star_count=Coalesce(
            Subquery(
                CompetitionTitle.objects.stars()
                .filter(competition=OuterRef("pk"))
                .order_by()
                .values("competition")
                .annotate(n=Count("id"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
    )
    aggregates = {"held": Count("id"), "entries": Sum("entry_count"), "stars": Sum("star_count")}
    for kind in CompetitionKind.values:
        in_kind = Q(kind=kind)
        aggregates[f"held_{kind}"] = Count("id", filter=in_kind)
        aggregates[f"entries_{kind}"] = Sum("entry_count", filter=in_kind)
        aggregates[f"stars_{kind}"] = Sum("star_count", filter=in_kind)
    row = totals.aggregate(**aggregates)

    employer_aggregates = {"employers": Count("employer", distinct=True)}
    for kind in CompetitionKind.values:
        employer_aggregates[f"employers_{kind}"] = Count(
            "employer", distinct=True, filter=Q(competition__kind=kind)
        )
    employers = Participation.objects.filter(competition__in=held.values("pk")).aggregate(
        **employer_aggregates
    )

    url = (
        reverse("competitions:staff-list")
        + "?"
        + urlencode({"start": start.isoformat(), "end": end.isoformat(), "held": "on"})
    )
    result = [
        Figure("competitions.held", _("Competitions held"), row["held"], Unit.EVENTS, url),
        Figure(
            "competitions.enterprises",
            _("Employers taking part in competitions"),
            employers["employers"],
            Unit.ORGANISATIONS,
            url,
        ),
        Figure(
            "competitions.participations",
            _("Competition entries"),
            row["entries"] or 0,
            Unit.PERSON_TIMES,
            url,
        ),
        Figure(
            "competitions.star_titles",
            _("Star titles awarded"),
            row["stars"] or 0,
            Unit.PERSONS,
            url,
        ),
    ]
    for kind, label in CompetitionKind.choices:
        kind_url = url + "&" + urlencode({"kind": kind})
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
                employers[f"employers_{kind}"],
                Unit.ORGANISATIONS,
                kind_url,
            ),
            Figure(
                f"competitions.participations.{kind}",
                _("Entries: %(kind)s") % {"kind": label},
                row[f"entries_{kind}"] or 0,
                Unit.PERSON_TIMES,
                kind_url,
            ),
            Figure(
                f"competitions.star_titles.{kind}",
                _("Star titles awarded: %(kind)s") % {"kind": label},
                row[f"stars_{kind}"] or 0,
                Unit.PERSONS,
                kind_url,
            ),
        ]
    return result
