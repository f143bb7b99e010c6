"""The legal-aid figures of the work summary ("维护职工权益"), for a period (dates inclusive).

Periods are read from each record's own date: a consultation's or outreach event's date, the
date a case was accepted (declined cases are not counted: they were not handled), the date an
appraisal was made, the date a contract was signed, and the year of a rating; members' legal
help requests by the day they came in. Seven queries whatever the number of rows.
"""

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from yuyang_union.applications.figures import application_figures
from yuyang_union.applications.models import ApplicationKind
from yuyang_union.figures import (
    Figure,
    Period,
    Unit,
    admin_changelist_url,
    per_period,
    records_url,
)

from .models import (
    Appraisal,
    AppraisalKind,
    AwardingLevel,
    Case,
    CaseKind,
    CollectiveContract,
    Consultation,
    HarmonyRating,
    OutreachEvent,
    RatingLevel,
)

ZERO = Decimal("0.00")


def figures(start: datetime.date, end: datetime.date) -> list[Figure]:
    return figures_for_periods([(start, end)])[0]


def figures_for_periods(periods: Sequence[Period]) -> list[list[Figure]]:
    mediation = Q(kind=CaseKind.MEDIATION)
    legal_aid = Q(kind=CaseKind.LEGAL_AID)
    rows = {
        "consultations": per_period(
            Consultation.objects.all(),
            periods,
            {
                "sessions": Count("id"),
                "workers": Sum("workers_served", default=0),
            },
            on="date",
        ),
        "outreach": per_period(
            OutreachEvent.objects.all(),
            periods,
            {
                "events": Count("id"),
                "attendance": Sum("attendance", default=0),
            },
            on="date",
        ),
        "cases": per_period(
            Case.objects.all(),
            periods,
            {
                "mediations": Count("id", filter=mediation),
                "mediation_workers": Sum("workers_involved", filter=mediation, default=0),
                "mediation_recovered": Sum("amount_recovered", filter=mediation, default=ZERO),
                "aid_cases": Count("id", filter=legal_aid),
                "aid_workers": Sum("workers_involved", filter=legal_aid, default=0),
                "aid_recovered": Sum("amount_recovered", filter=legal_aid, default=ZERO),
            },
            on="accepted_on",
        ),
        "appraisals": per_period(
            Appraisal.objects.all(),
            periods,
            {
                "injury": Count("id", filter=Q(kind=AppraisalKind.WORK_INJURY)),
                "retirement": Count("id", filter=Q(kind=AppraisalKind.EARLY_RETIREMENT)),
            },
            on="appraised_on",
        ),
        "contracts": per_period(
            CollectiveContract.objects.all(),
            periods,
            {
                "contracts": Count("id", distinct=True),
                "employers": Count("employers", distinct=True),
            },
            on="signed_on",
        ),
        "harmony": per_period(
            HarmonyRating.objects.filter(
                level=RatingLevel.AAA, awarding_level=AwardingLevel.MUNICIPAL
            ),
            periods,
            {
                "employers": Count("employer", distinct=True),
            },
            year="year",
        ),
    }
    # Members' online legal help requests: received, accepted, answered on time (the
    # summary's "other figures", apart from the seed's).
    requests = application_figures([ApplicationKind.LEGAL_HELP], periods)
    return [
        _figures(start, end, **{name: values[number] for name, values in rows.items()})
        + requests[number]
        for number, (start, end) in enumerate(periods)
    ]


def _figures(
    start: datetime.date,
    end: datetime.date,
    *,
    consultations: dict[str, Any],
    outreach: dict[str, Any],
    cases: dict[str, Any],
    appraisals: dict[str, Any],
    contracts: dict[str, Any],
    harmony: dict[str, Any],
) -> list[Figure]:
    harmony_3a = harmony["employers"]
    period = {"from": start.isoformat(), "to": end.isoformat()}
    dated = {"date__gte": start.isoformat(), "date__lte": end.isoformat()}
    consultation_url = admin_changelist_url(Consultation, **dated)
    outreach_url = admin_changelist_url(OutreachEvent, **dated)
    mediation_url = records_url("legal_aid:case-list", kind=CaseKind.MEDIATION, **period)
    aid_url = records_url("legal_aid:case-list", kind=CaseKind.LEGAL_AID, **period)
    appraised = {"appraised_on__gte": start.isoformat(), "appraised_on__lte": end.isoformat()}
    contract_url = admin_changelist_url(
        CollectiveContract,
        signed_on__gte=start.isoformat(),
        signed_on__lte=end.isoformat(),
    )
    rating_url = admin_changelist_url(
        HarmonyRating,
        level__exact=RatingLevel.AAA,
        awarding_level__exact=AwardingLevel.MUNICIPAL,
        year__gte=start.year,
        year__lte=end.year,
    )
    return [
        Figure(
            "legal.consultations",
            _("Legal consultations"),
            consultations["sessions"],
            Unit.EVENTS,
            consultation_url,
        ),
        Figure(
            "legal.consultation_workers",
            _("Workers served by legal consultations"),
            consultations["workers"],
            Unit.PERSON_TIMES,
            consultation_url,
        ),
        Figure(
            "legal.outreach_events",
            _("Legal publicity events"),
            outreach["events"],
            Unit.EVENTS,
            outreach_url,
        ),
        Figure(
            "legal.outreach_workers",
            _("Workers reached by legal publicity"),
            outreach["attendance"],
            Unit.PERSON_TIMES,
            outreach_url,
        ),
        Figure(
            "legal.mediations",
            _("Labour disputes mediated"),
            cases["mediations"],
            Unit.CASES,
            mediation_url,
        ),
        Figure(
            "legal.mediation_workers",
            _("Workers involved in mediations"),
            cases["mediation_workers"],
            Unit.PERSONS,
            mediation_url,
        ),
        Figure(
            "legal.mediation_recovered",
            _("Money recovered by mediation"),
            cases["mediation_recovered"],
            Unit.YUAN,
            mediation_url,
        ),
        Figure(
            "legal.aid_cases",
            _("Legal-aid cases"),
            cases["aid_cases"],
            Unit.CASES,
            aid_url,
        ),
        Figure(
            "legal.aid_workers",
            _("Workers involved in legal-aid cases"),
            cases["aid_workers"],
            Unit.PERSONS,
            aid_url,
        ),
        Figure(
            "legal.aid_recovered",
            _("Money recovered by legal aid"),
            cases["aid_recovered"],
            Unit.YUAN,
            aid_url,
        ),
        Figure(
            "legal.injury_appraisals",
            _("Work-injury grade appraisals"),
            appraisals["injury"],
            Unit.PERSONS,
            admin_changelist_url(
                Appraisal,
                kind__exact=AppraisalKind.WORK_INJURY,
                **appraised,
            ),
        ),
        Figure(
            "legal.early_retirement_appraisals",
            _("Early-retirement appraisals"),
            appraisals["retirement"],
            Unit.PERSONS,
            admin_changelist_url(
                Appraisal,
                kind__exact=AppraisalKind.EARLY_RETIREMENT,
                **appraised,
            ),
        ),
        Figure(
            "rights.collective_contracts",
            _("Collective contracts signed"),
            contracts["contracts"],
            Unit.CONTRACTS,
            contract_url,
        ),
        Figure(
            "rights.contract_enterprises",
            _("Enterprises covered by collective contracts"),
            contracts["employers"],
            Unit.ORGANISATIONS,
            contract_url,
        ),
        Figure(
            "rights.harmony_3a_enterprises",
            _("Municipal 3A harmonious-labour-relations enterprises"),
            harmony_3a,
            Unit.ORGANISATIONS,
            rating_url,
        ),
    ]
