import datetime

import factory

from competitions.models import (
    Competition,
    CompetitionEvent,
    CompetitionTitle,
    CoOrganiser,
    Entry,
    Participation,
)
from tests.members.factories import EmployerFactory, MemberFactory, county_union


class CoOrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoOrganiser
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"协办单位{n}")


class CompetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competition

    name = factory.Sequence(lambda n: f"第{n}届职工技能竞赛")
    kind = "skill"
    level = "county"
    status = "under_way"
    organiser = factory.LazyFunction(county_union)
    starts_on = datetime.date(2020, 5, 1)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on)
    place = "桃花源街道"


class CompetitionEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetitionEvent

    competition = factory.SubFactory(CompetitionFactory)
    name = factory.Sequence(lambda n: f"项目{n}")


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    competition = factory.SubFactory(CompetitionFactory)
    employer = factory.SubFactory(EmployerFactory)


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    event = factory.SubFactory(CompetitionEventFactory)
    member = factory.SubFactory(MemberFactory)
    employer = factory.SubFactory(EmployerFactory)


class CompetitionTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetitionTitle

    competition = factory.SubFactory(CompetitionFactory, kind="online", level="municipal")
    member = factory.SubFactory(MemberFactory)
    kind = "skill_star"
    awarded_on = factory.LazyAttribute(lambda o: o.competition.ends_on)
