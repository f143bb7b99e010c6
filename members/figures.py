"""The members paragraph of the work summary: new unions and honours, from the records.

Two queries whatever the number of rows and of periods: one aggregate over the unions founded
in the periods, one over the honours awarded in them (several counts with FILTER). An honour
counts by its award year: a period covers the honours of every year from the start's year to
the end's year (honours carry a year, not a date).
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from yuyang_union.applications.figures import application_figures
from yuyang_union.applications.models import ApplicationKind
from yuyang_union.figures import Figure, Period, Unit, admin_changelist_url, per_period

from .models import Honour, UnionOrganisation

# figure key -> (HonourTitle.key values counted, unit, label)
HONOUR_FIGURES: dict[str, tuple[list[str], Unit, str | Promise]] = {
    "honors.national_advanced_workers": (
        ["national_advanced_worker"], Unit.PERSONS, _("National advanced workers"),
    ),
    "honors.national_model_workers": (
        ["national_model_worker"], Unit.PERSONS, _("National model workers"),
    ),
    "honors.national_pioneer_collectives": (
        ["national_pioneer_collective"], Unit.COLLECTIVES, _("National worker pioneer teams"),
    ),
    "honors.municipal_model_workers": (
        ["municipal_model_worker"], Unit.PERSONS, _("Municipal model workers"),
    ),
    "honors.municipal_may_day_medals": (
        ["municipal_may_day_medal"], Unit.PERSONS, _("Municipal May Day labour medals"),
    ),
    "honors.municipal_collectives": (
        ["municipal_may_day_award", "municipal_pioneer_collective"],
        Unit.COLLECTIVES,
        _("Municipal May Day awards and worker pioneer teams"),
    ),
    "honors.county_craftsmen": (["county_craftsman"], Unit.PERSONS, _("Youyang craftsmen")),
}  # fmt: skip


def _alias(key: str) -> str:
    return key.replace(".", "_")


def figures(start: datetime.date, end: datetime.date) -> list[Figure]:
    return figures_for_periods([(start, end)])[0]


def figures_for_periods(periods: Sequence[Period]) -> list[list[Figure]]:
    unions = per_period(
        UnionOrganisation.objects.all(),
        periods,
        {
            "count": Count("pk"),
            "members": Sum("founding_members", default=0),
        },
        on="founded_on",
    )
    honours = per_period(
        Honour.objects.all(),
        periods,
        {
            _alias(key): Count("pk", filter=Q(title__key__in=title_keys))
            for key, (title_keys, _unit, _label) in HONOUR_FIGURES.items()
        },
        year="year",
    )
    # Online join applications: the summary shows them under "other figures".
    joins = application_figures([ApplicationKind.JOIN], periods)
    return [
        _figures(start, end, unions[number], honours[number]) + joins[number]
        for number, (start, end) in enumerate(periods)
    ]


def _figures(
    start: datetime.date, end: datetime.date, unions: dict[str, Any], honours: dict[str, Any]
) -> list[Figure]:
    union_url = admin_changelist_url(
        UnionOrganisation, founded_on__gte=start.isoformat(), founded_on__lte=end.isoformat()
    )
    result = [
        Figure(
            "members.new_unions",
            _("New grassroots unions"),
            unions["count"],
            Unit.ORGANISATIONS,
            union_url,
        ),
        Figure(
            "members.new_union_members",
            _("Members brought in by new unions"),
            unions["members"],
            Unit.PERSONS,
            union_url,
        ),
    ]
    for key, (title_keys, unit, label) in HONOUR_FIGURES.items():
        url = admin_changelist_url(
            Honour,
            title__key__in=",".join(title_keys),
            year__gte=start.year,
            year__lte=end.year,
        )
        result.append(Figure(key, label, honours[_alias(key)], unit, url))
    return result
