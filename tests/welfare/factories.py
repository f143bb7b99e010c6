"""Factories for the welfare app."""

import datetime
import itertools
from decimal import Decimal

import factory
from django.utils import timezone

from tests.members.factories import MemberFactory, UnionFactory, make_id_number
from welfare.models import (
    CampaignKind,
    EducationAid,
    Grant,
    GrantState,
    HardshipHousehold,
    ReliefCampaign,
    ServiceSite,
    SiteKind,
)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HardshipHousehold

    head = factory.SubFactory(MemberFactory)
    union = factory.LazyAttribute(lambda household: household.head.union)
    household_size = 3
    causes = factory.LazyFunction(lambda: ["illness"])
    tier = "deep"
    registered_on = datetime.date(2020, 3, 1)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReliefCampaign

    kind = CampaignKind.WARMTH
    year = 2020
    name = factory.Sequence(lambda n: f"2020年送温暖活动{n}")
    budget = Decimal("100000.00")


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    campaign = factory.SubFactory(CampaignFactory)
    household = factory.SubFactory(HouseholdFactory)
    union = factory.LazyAttribute(lambda grant: grant.household.union)
    amount = Decimal("2000.00")
    granted_on = datetime.date(2020, 1, 20)
    is_home_visit = True

    class Params:
        paid = factory.Trait(
            state=GrantState.PAID,
            approved_at=factory.LazyFunction(timezone.now),
            paid_on=datetime.date(2020, 1, 25),
        )


class EducationAidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EducationAid

    campaign = factory.SubFactory(CampaignFactory, kind=CampaignKind.EDUCATION)
    year = 2020
    student_name = factory.Sequence(lambda n: f"学生{n}号")
    student_id_number = factory.Sequence(
        lambda n: make_id_number(birth=datetime.date(2002, 1, 1) + datetime.timedelta(days=n))
    )
    school = "酉阳第一中学"
    level = "high_school"
    parent = factory.SubFactory(MemberFactory)
    union = factory.LazyAttribute(lambda aid: aid.parent.union)
    amount = Decimal("4000.00")
    state = GrantState.PAID
    approved_at = factory.LazyFunction(timezone.now)
    paid_on = datetime.date(2020, 8, 25)


class ServiceSiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceSite

    name = factory.Sequence(lambda n: f"职工之家{n}")
    kind = SiteKind.WORKERS_HOME
    union = factory.SubFactory(UnionFactory)
    township = factory.LazyAttribute(lambda site: _township())
    address = "钟多街道1号"
    opened_on = datetime.date(2019, 5, 1)


def _township():
    from members.models import Township

    return Township.objects.first() or Township.objects.create(name="钟多街道")


class WarmthGrantFactory(GrantFactory):
    """A paid 送温暖 grant on a home visit (the summary's tests make these by date)."""

    state = GrantState.PAID
    approved_at = factory.LazyFunction(timezone.now)
    paid_on = datetime.date(2020, 1, 25)


# Members' requests (issue 18), submitted through the services as a member would.

_request_count = itertools.count(1)


def _submit(member, details, documents=()):
    from welfare.help_request_services import submit_help_request
    from yuyang_union.history.actors import system_actor

    number = next(_request_count)
    return submit_help_request(
        actor=member.user or system_actor(),
        member=member,
        details=details,
        contact_phone=member.phone or "13900000000",
        documents=list(documents),
        # A new documentation address each time: the per-address limit counts no test's.
        ip_address=f"198.51.{number // 250}.{number % 250 + 1}",
        sensitive_consent=True,
    )


def hardship_request(member=None, **fields):
    """A submitted hardship help request (its Application) of `member`."""
    from welfare.models import HardshipHelpRequest

    values = {
        "household_size": 4,
        "monthly_income_per_person": Decimal("650.00"),
        "causes": ["illness", "schooling"],
        "situation": "妻子重病，两个孩子读书。",
        **fields,
    }
    return _submit(member or MemberFactory(), HardshipHelpRequest(**values))


def education_request(member=None, **fields):
    """A submitted 金秋助学 request (its Application) of `member` for a child."""
    from welfare.models import EducationAidRequest

    values = {
        "student_name": "田小雨",
        "student_id_number": make_id_number(birth=datetime.date(2008, 3, 1)),
        "school": "西南大学",
        "level": "university",
        **fields,
    }
    return _submit(member or MemberFactory(), EducationAidRequest(**values))
