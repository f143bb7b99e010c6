"""Figures count only the period, in a fixed number of queries."""

import datetime
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.members.factories import MemberFactory, UnionFactory
from welfare import demo
from welfare.figures import figures
from welfare.models import (
    CheckupRound,
    EmploymentCampaign,
    FileStatus,
    GrantKind,
    HealthCheckup,
    MutualAidEnrolment,
)

from .factories import (
    CampaignFactory,
    EducationAidFactory,
    GrantFactory,
    HouseholdFactory,
    ServiceSiteFactory,
)

pytestmark = pytest.mark.django_db

START, END = datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)


def values(start=START, end=END):
    """The welfare figures (the members' requests' are the toolkit's, apart from the seed's)."""
    return {
        figure.key: figure.value
        for figure in figures(start, end)
        if not figure.key.startswith("applications.")
    }


def test_every_figure_counts_only_its_period(django_assert_max_num_queries):
    township = ServiceSiteFactory().township  # opened 2019: outside
    inside, before, after = (
        datetime.date(2020, 6, 1),
        datetime.date(2019, 6, 1),
        datetime.date(2021, 6, 1),
    )
    # Households: in file during 2020 (two), lifted out in 2020 (one), outside (two).
    lifted = HouseholdFactory(
        registered_on=before,
        status=FileStatus.LIFTED_OUT,
        lifted_out_on=inside,
        lift_measure="employment",
    )
    HouseholdFactory(registered_on=inside)
    HouseholdFactory(registered_on=after)
    HouseholdFactory(
        registered_on=datetime.date(2018, 1, 1),
        status=FileStatus.LIFTED_OUT,
        lifted_out_on=before,
        lift_measure="medical_aid",
    )
    HouseholdFactory(
        registered_on=inside, status=FileStatus.CANCELLED, cancelled_on=inside, cancel_reason="x"
    )
    # Warmth: paid in 2020 counts, reversal in 2020 nets, other years and unpaid do not.
    campaign = CampaignFactory()
    paid = GrantFactory(campaign=campaign, household=lifted, amount=Decimal("3000"), paid=True)
    GrantFactory(
        campaign=campaign,
        household=None,
        member=MemberFactory(),
        union=UnionFactory(),
        amount=Decimal("1000"),
        is_home_visit=False,
        paid=True,
    )
    GrantFactory(
        campaign=campaign,
        household=paid.household,
        union=paid.union,
        kind=GrantKind.REVERSAL,
        reverses=paid,
        amount=Decimal("-500"),
        paid=True,
    )
    others = {"household": lifted, "is_home_visit": True}
    GrantFactory(campaign=CampaignFactory(), amount=Decimal("9999"), **others)  # proposed
    GrantFactory(
        campaign=CampaignFactory(), paid=True, paid_on=after, amount=Decimal("7777"), **others
    )
    GrantFactory(  # not send-warmth
        campaign=CampaignFactory(kind="summer"), paid=True, amount=Decimal("8888"), **others
    )
    # Education aid.
    EducationAidFactory(amount=Decimal("4000"))
    EducationAidFactory(amount=Decimal("5000"))
    EducationAidFactory(amount=Decimal("3000"), paid_on=after, year=2021)
    # Services.
    EmploymentCampaign.objects.create(
        kind="spring_breeze", name="a", held_on=inside, jobs_offered=120
    )
    EmploymentCampaign.objects.create(
        kind="spring_breeze", name="b", held_on=after, jobs_offered=99
    )
    member = MemberFactory()
    MutualAidEnrolment.objects.create(
        member=member, year=2020, plan="p", enrolled_on=inside, premium=60
    )
    MutualAidEnrolment.objects.create(
        member=member, year=2021, plan="p", enrolled_on=after, premium=60
    )
    ServiceSiteFactory(opened_on=inside)
    ServiceSiteFactory(opened_on=inside, kind="outdoor_station")
    ServiceSiteFactory(opened_on=after, kind="outdoor_station")
    round_2020 = CheckupRound.objects.create(held_on=inside, township=township)
    round_2021 = CheckupRound.objects.create(held_on=after, township=township)
    for person in (member, MemberFactory()):
        HealthCheckup.objects.create(round=round_2020, member=person)
    HealthCheckup.objects.create(round=round_2021, member=member)

    # Seven tables, and one statement for members' requests (issue 18).
    with django_assert_max_num_queries(8):
        result = values()
    assert result == {
        "welfare.hardship_households": 2,
        "welfare.households_lifted_out": 1,
        "welfare.warmth_funds": Decimal("3500.00"),
        "welfare.warmth_visits": 1,
        "welfare.education_aid_funds": Decimal("9000.00"),
        "welfare.education_aid_students": 2,
        "welfare.jobs_offered": 120,
        "welfare.mutual_aid_enrollments": 1,
        "welfare.worker_homes": 1,
        "welfare.outdoor_stations": 1,
        "welfare.health_checkups": 2,
    }


def test_an_empty_period_gives_zeros():
    result = values(datetime.date(1990, 1, 1), datetime.date(1990, 12, 31))
    assert set(result.values()) == {0}
    assert isinstance(result["welfare.warmth_funds"], int | Decimal)


SEED = {
    "welfare.hardship_households": 489,
    "welfare.households_lifted_out": 489,
    "welfare.warmth_funds": Decimal("5290000"),
    "welfare.warmth_visits": 615,
    "welfare.education_aid_funds": Decimal("2960000"),
    "welfare.education_aid_students": 668,
    "welfare.jobs_offered": 4187,
    "welfare.mutual_aid_enrollments": 10900,
    "welfare.worker_homes": 36,
    "welfare.outdoor_stations": 6,
    "welfare.health_checkups": 1572,
}


@pytest.mark.parametrize("scale", [1, 2])
def test_demo_reproduces_the_seed_figures(scale):
    # A few unions and members as the members demo would leave; the loader adds the rest.
    for _n in range(3):
        union = UnionFactory()
        MemberFactory.create_batch(5, union=union)
    demo.load(scale=scale, rng=random.Random(4))
    assert values(demo.SEED_START, demo.SEED_END) == {k: v * scale for k, v in SEED.items()}
    # And plausible records after 2022, some of them waiting for staff today.
    recent = values(datetime.date(2023, 1, 1), timezone.localdate())
    assert recent["welfare.hardship_households"] > 0
    assert recent["welfare.warmth_funds"] > 0
