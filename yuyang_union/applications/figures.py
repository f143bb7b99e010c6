"""The figures of online applications, for the apps' `figures.py`: received, accepted (受理
or further), and answered on time (a first answer by the deadline), per kind.

One statement for all the kinds an app asks for and all the periods: rows are in a period by
the day they came in. They go to the summary's "other figures", apart from the seed's.
"""

import datetime
from collections.abc import Sequence

from django.db.models import Count, F, Q
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from yuyang_union.figures import Figure, Period, Unit, admin_changelist_url, per_period

from .models import Application, ApplicationKind
from .workdays import end_of_day

MEASURES = {
    "received": _("%(kind)s applications received"),
    "accepted": _("%(kind)s applications accepted"),
    "on_time": _("%(kind)s applications answered on time"),
}


def _label(label: Promise, kind: str) -> Promise:
    """ "法律援助申请受理数": the measure's words around the kind's name, translated late."""
    return lazy(lambda: str(label) % {"kind": ApplicationKind(kind).label}, str)()


def figure_key(kind: str, measure: str) -> str:
    return f"applications.{kind}.{measure}"


def application_figures(kinds: Sequence[str], periods: Sequence[Period]) -> list[list[Figure]]:
    aggregates = {}
    for kind in kinds:
        aggregates[f"{kind}__received"] = Count("id", filter=Q(kind=kind))
        aggregates[f"{kind}__accepted"] = Count(
            "id", filter=Q(kind=kind, accepted_at__isnull=False)
        )
        aggregates[f"{kind}__on_time"] = Count(
            "id", filter=Q(kind=kind, answered_at__isnull=False, answered_at__lte=F("due_at"))
        )
    rows = per_period(Application.objects.all(), periods, aggregates, on="submitted_at")
    result = []
    for (start, end), row in zip(periods, rows, strict=True):
        figures = []
        for kind in kinds:
            url = admin_changelist_url(
                Application,
                kind__exact=kind,
                # Aware moments (the admin warns of a naive date on a date-time field).
                submitted_at__gte=end_of_day(start - datetime.timedelta(days=1)).isoformat(),
                submitted_at__lte=end_of_day(end).isoformat(),
            )
            for measure, label in MEASURES.items():
                figures.append(
                    Figure(
                        key=figure_key(kind, measure),
                        label=_label(label, kind),
                        value=row[f"{kind}__{measure}"],
                        unit=Unit.ITEMS,
                        url=url,
                    )
                )
        result.append(figures)
    return result
