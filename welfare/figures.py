"""The 服务职工 paragraph of the work summary, computed from the records.

Seven aggregate queries, one per table (and one for members' requests), whatever the number
of rows and of periods. Definitions:

- hardship households: distinct heads of household whose file was in file at some time in
  the period (registered on or before its end, not lifted out or cancelled before its
  start). Cancelled files are left out: a cancelled file was opened in error or closed for
  a reason other than hardship ending. The summary's "在档管理的489户" is this count over
  2015–2022.
- households lifted out: files lifted out in the period.
- send-warmth money: paid 送温暖 entries with a payment date in the period, reversals
  included (a reversal counts in the period of its own date, as in a ledger).
- send-warmth visits: paid 送温暖 grants handed over on a home visit (户次), by payment date.
- education aid: paid 金秋助学 entries by payment date, net of reversals (a reversal counts
  in the period of its own date, as for send-warmth money); students are the distinct ID
  numbers of the paid aid (not of the corrections).
- jobs offered: the employment-campaign events held in the period.
- mutual-aid enrolments: enrolments (人次) with an enrolment date in the period.
- workers' homes / outdoor stations: sites opened in the period.
- health check-ups: members examined in check-up rounds held in the period.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from yuyang_union.applications.figures import application_figures
from yuyang_union.applications.models import ApplicationKind
from yuyang_union.figures import Figure, Period, Unit, admin_changelist_url, per_period

from .models import (
    CampaignKind,
    EducationAid,
    EmploymentCampaign,
    FileStatus,
    Grant,
    GrantKind,
    GrantState,
    HardshipHousehold,
    HealthCheckup,
    MutualAidEnrolment,
    ServiceSite,
    SiteKind,
)


def figures(start: datetime.date, end: datetime.date) -> list[Figure]:
    return figures_for_periods([(start, end)])[0]


def _in_file_during(start: datetime.date, end: datetime.date) -> Q:
    return (
        Q(registered_on__lte=end)
        & ~Q(status=FileStatus.CANCELLED)
        & (Q(lifted_out_on__isnull=True) | Q(lifted_out_on__gte=start))
    )


def figures_for_periods(periods: Sequence[Period]) -> list[list[Figure]]:
    households = per_period(
        HardshipHousehold.objects.all(),
        periods,
        {
            "on_file": lambda start, end: Count(
                "head", distinct=True, filter=_in_file_during(start, end)
            ),
            "lifted_out": lambda start, end: Count(
                "id",
                filter=Q(
                    status=FileStatus.LIFTED_OUT, lifted_out_on__gte=start, lifted_out_on__lte=end
                ),
            ),
        },
    )
    warmth = per_period(
        Grant.objects.filter(campaign__kind=CampaignKind.WARMTH, state=GrantState.PAID),
        periods,
        {
            "money": Sum("amount", default=0),
            "visits": Count("id", filter=Q(kind=GrantKind.GRANT, is_home_visit=True)),
        },
        on="paid_on",
    )
    education = per_period(
        EducationAid.objects.paid(),
        periods,
        {
            "money": Sum("amount", default=0),
            "students": Count(
                "student_id_number_digest", distinct=True, filter=Q(kind=GrantKind.GRANT)
            ),
        },
        on="paid_on",
    )
    jobs = per_period(
        EmploymentCampaign.objects.all(),
        periods,
        {
            "jobs": Sum("jobs_offered", default=0),
        },
        on="held_on",
    )
    enrolments = per_period(
        MutualAidEnrolment.objects.all(),
        periods,
        {
            "count": Count("id"),
        },
        on="enrolled_on",
    )
    sites = per_period(
        ServiceSite.objects.all(),
        periods,
        {
            "homes": Count("id", filter=Q(kind=SiteKind.WORKERS_HOME)),
            "stations": Count("id", filter=Q(kind=SiteKind.OUTDOOR_STATION)),
        },
        on="opened_on",
    )
    checkups = per_period(
        HealthCheckup.objects.all(),
        periods,
        {
            "count": Count("id"),
        },
        on="round__held_on",
    )
    # Members' hardship and 金秋助学 requests (issue 18): one more statement, in the
    # summary's "other figures".
    requests = application_figures(
        [ApplicationKind.HARDSHIP_HELP, ApplicationKind.EDUCATION_AID], periods
    )
    return [
        _figures(
            start,
            end,
            households=households[number],
            warmth=warmth[number],
            education=education[number],
            jobs=jobs[number],
            enrolments=enrolments[number]["count"],
            sites=sites[number],
            checkups=checkups[number]["count"],
        )
        + requests[number]
        for number, (start, end) in enumerate(periods)
    ]


def _figures(
    start: datetime.date,
    end: datetime.date,
    *,
    households: dict[str, Any],
    warmth: dict[str, Any],
    education: dict[str, Any],
    jobs: dict[str, Any],
    enrolments: int,
    sites: dict[str, Any],
    checkups: int,
) -> list[Figure]:
    period = {"start": start.isoformat(), "end": end.isoformat()}
    paid_period = {"state": "paid", "paid_on__gte": period["start"], "paid_on__lte": period["end"]}
    return [
        Figure(
            "welfare.hardship_households",
            _("Hardship households in file"),
            households["on_file"],
            Unit.HOUSEHOLDS,
            admin_changelist_url(HardshipHousehold, registered_on__lte=period["end"]),
        ),
        Figure(
            "welfare.households_lifted_out",
            _("Households lifted out of hardship"),
            households["lifted_out"],
            Unit.HOUSEHOLDS,
            admin_changelist_url(
                HardshipHousehold,
                status=FileStatus.LIFTED_OUT,
                lifted_out_on__gte=period["start"],
                lifted_out_on__lte=period["end"],
            ),
        ),
        Figure(
            "welfare.warmth_funds",
            _("Send-warmth relief money"),
            warmth["money"],
            Unit.YUAN,
            admin_changelist_url(Grant, campaign__kind=CampaignKind.WARMTH, **paid_period),
        ),
        Figure(
            "welfare.warmth_visits",
            _("Send-warmth household visits"),
            warmth["visits"],
            Unit.HOUSEHOLD_TIMES,
            admin_changelist_url(
                Grant, campaign__kind=CampaignKind.WARMTH, is_home_visit="1", **paid_period
            ),
        ),
        Figure(
            "welfare.education_aid_funds",
            _("Golden-autumn education aid"),
            education["money"],
            Unit.YUAN,
            admin_changelist_url(EducationAid, **paid_period),
        ),
        Figure(
            "welfare.education_aid_students",
            _("Students aided"),
            education["students"],
            Unit.PERSONS,
            admin_changelist_url(EducationAid, **paid_period),
        ),
        Figure(
            "welfare.jobs_offered",
            _("Jobs offered"),
            jobs["jobs"],
            Unit.ITEMS,
            admin_changelist_url(
                EmploymentCampaign, held_on__gte=period["start"], held_on__lte=period["end"]
            ),
        ),
        Figure(
            "welfare.mutual_aid_enrollments",
            _("Medical mutual-aid enrolments"),
            enrolments,
            Unit.PERSON_TIMES,
            admin_changelist_url(
                MutualAidEnrolment,
                enrolled_on__gte=period["start"],
                enrolled_on__lte=period["end"],
            ),
        ),
        Figure(
            "welfare.worker_homes",
            _("Workers' homes built"),
            sites["homes"],
            Unit.ITEMS,
            admin_changelist_url(
                ServiceSite,
                kind=SiteKind.WORKERS_HOME,
                opened_on__gte=period["start"],
                opened_on__lte=period["end"],
            ),
        ),
        Figure(
            "welfare.outdoor_stations",
            _("Outdoor-worker service stations"),
            sites["stations"],
            Unit.ITEMS,
            admin_changelist_url(
                ServiceSite,
                kind=SiteKind.OUTDOOR_STATION,
                opened_on__gte=period["start"],
                opened_on__lte=period["end"],
            ),
        ),
        Figure(
            "welfare.health_checkups",
            _("Free health check-ups"),
            checkups,
            Unit.PERSONS,
            admin_changelist_url(
                HealthCheckup,
                round__held_on__gte=period["start"],
                round__held_on__lte=period["end"],
            ),
        ),
    ]
