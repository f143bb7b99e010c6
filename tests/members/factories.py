"""Factories for the members app, used by every app's tests."""

import datetime
import random

import factory
from django.contrib.auth import get_user_model

from members.models import (
    Employer,
    Honour,
    HonourTitle,
    Member,
    StaffProfile,
    Township,
    UnionOrganisation,
)
from yuyang_union.validators import CREDIT_CODE_CHARS, credit_code_check_char, id_check_char

_random = random.Random(20151101)  # repeatable data


def make_id_number(region="500242", birth=None, serial=None):
    """A valid 18-character resident ID number."""
    birth = birth or datetime.date(1970, 1, 1) + datetime.timedelta(days=_random.randrange(15000))
    serial = serial if serial is not None else _random.randrange(1000)
    first17 = f"{region}{birth:%Y%m%d}{serial:03d}"
    return first17 + id_check_char(first17)


def make_credit_code():
    body = "91500242" + "".join(_random.choice(CREDIT_CODE_CHARS) for _ in range(9))
    return body + credit_code_check_char(body)


def make_mobile():
    return f"1{_random.choice('3456789')}{_random.randrange(10**9):09d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


def county_union():
    """The root of the union tree (created by the members data migration)."""
    return UnionOrganisation.objects.get_first_root_node()


class UnionFactory(factory.django.DjangoModelFactory):
    """A union under `parent` (default: the county federation)."""

    class Meta:
        model = UnionOrganisation

    name = factory.Sequence(lambda n: f"测试工会{n}")
    kind = "grassroots"
    parent = None

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or county_union()
        return model_class.objects.add_child(parent, kwargs)


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township
        django_get_or_create = ["name"]

    name = "龙潭镇"


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    credit_code = factory.LazyFunction(make_credit_code)
    ownership = "private"
    township = factory.SubFactory(TownshipFactory)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    name = factory.Sequence(lambda n: f"会员{n}")
    id_number = factory.Sequence(
        lambda n: make_id_number(birth=datetime.date(1960, 1, 1) + datetime.timedelta(days=n))
    )
    phone = factory.LazyFunction(make_mobile)
    union = factory.SubFactory(UnionFactory)
    joined_on = datetime.date(2018, 5, 1)


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile

    user = factory.SubFactory(UserFactory)
    union = None


class HonourFactory(factory.django.DjangoModelFactory):
    """A county craftsman honour of a member (the titles come with the migrations)."""

    class Meta:
        model = Honour

    title = factory.LazyFunction(lambda: HonourTitle.objects.get(key="county_craftsman"))
    year = 2022
    member = factory.SubFactory(MemberFactory)
    union = factory.LazyFunction(county_union)
    citation = "技术革新能手。"


def make_join_application(
    *,
    township=None,
    employer=None,
    id_number=None,
    phone=None,
    name="向小勇",
    group="courier",
    ip_address="192.0.2.10",
):
    """A join application submitted through the service (routed by the rule), as the public
    form makes it: without an employer it is platform work."""
    from members import joining
    from yuyang_union.history.actors import system_actor

    return joining.submit_join_application(
        actor=system_actor(),
        name=name,
        id_number=id_number or make_id_number(birth=datetime.date(1995, 3, 1)),
        phone=phone or make_mobile(),
        ethnicity="土家族",
        employer=employer,
        platform_name="顺丰",
        township=township or TownshipFactory(),
        occupation="快递员",
        employment_group=group,
        ip_address=ip_address,
        sensitive_consent=True,
    )
