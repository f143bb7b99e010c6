"""Factories for the legal-aid records."""

import datetime

import factory

from legal_aid import services
from legal_aid.models import (
    Appraisal,
    Case,
    CaseApplicant,
    CollectiveContract,
    Consultation,
    HarmonyRating,
    LawFirm,
    Lawyer,
    OutreachEvent,
)
from tests.members.factories import EmployerFactory, UnionFactory, make_id_number
from yuyang_union.history.actors import system_actor


class LawFirmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LawFirm

    name = factory.Sequence(lambda n: f"重庆测试律师事务所{n}")


class LawyerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lawyer

    name = factory.Sequence(lambda n: f"律师{n}")
    firm = factory.SubFactory(LawFirmFactory)


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    date = datetime.date(2020, 5, 1)
    channel = "hotline"
    topics = factory.LazyFunction(lambda: ["wages"])
    workers_served = 1


class OutreachEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachEvent

    kind = "publicity"
    date = datetime.date(2020, 5, 1)
    title = factory.Sequence(lambda n: f"普法宣传{n}")
    place = "桃花源广场"
    attendance = 100


def make_case(
    *,
    actor=None,
    kind="legal_aid",
    received_on=datetime.date(2022, 3, 1),
    respondent=None,
    applicants=(),
    **fields,
):
    """A case registered through the service, so it has its reference number (by `actor`,
    or by the system when the test does not care who)."""
    case = Case(
        kind=kind,
        received_on=received_on,
        respondent=respondent or EmployerFactory(),
        matter=fields.pop("matter", "wages"),
        **fields,
    )
    return services.register_case(case=case, actor=actor or system_actor(), applicants=applicants)


def other_worker(name="田小华"):
    return CaseApplicant(name=name, id_number=make_id_number())


class AppraisalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appraisal

    kind = "injury"
    name = factory.Sequence(lambda n: f"职工{n}")
    id_number = factory.LazyFunction(make_id_number)
    appraised_on = datetime.date(2020, 5, 1)
    injury_grade = 8


class CollectiveContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectiveContract
        skip_postgeneration_save = True

    union = factory.SubFactory(UnionFactory)
    title = factory.Sequence(lambda n: f"集体合同{n}")
    kind = "comprehensive"
    scope = "employer"
    workers_covered = 50
    signed_on = datetime.date(2020, 5, 1)
    expires_on = datetime.date(2023, 4, 30)

    @factory.post_generation
    def employers(self, create, extracted, **kwargs):
        if create and extracted:
            self.employers.add(*extracted)


class HarmonyRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HarmonyRating

    employer = factory.SubFactory(EmployerFactory)
    level = "3A"
    awarding_level = "municipal"
    year = 2020


def make_help_request(*, member=None, employer=None, employer_name="", **details):
    """A member's legal help request, submitted through the service (as the member)."""
    from decimal import Decimal

    from legal_aid.help_requests import submit_help_request
    from legal_aid.models import LegalHelpRequest
    from tests.members.factories import MemberFactory, UserFactory

    if member is None:
        member = MemberFactory(user=UserFactory())
    request = LegalHelpRequest(
        matter=details.pop("matter", "wages"),
        what_happened=details.pop("what_happened", "老板拖欠三个月工资。"),
        amount_owed=details.pop("amount_owed", Decimal("18000.00")),
        workers_affected=details.pop("workers_affected", 3),
        employer=employer if employer is not None or employer_name else EmployerFactory(),
        employer_name=employer_name,
    )
    return submit_help_request(
        actor=member.user or system_actor(),
        member=member,
        request=request,
        contact_phone=member.phone,
        ip_address=details.pop("ip_address", "127.0.0.1"),
        sensitive_consent=True,
    )
