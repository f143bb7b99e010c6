"""The database and the models refuse what the rules forbid, with a clear message."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from tests.members.factories import MemberFactory
from welfare import services
from welfare.models import Grant, GrantKind, GrantState, HardshipHousehold
from yuyang_union import roles
from yuyang_union.history.actors import system_actor

from .factories import CampaignFactory, EducationAidFactory, GrantFactory, HouseholdFactory

pytestmark = pytest.mark.django_db


def test_second_open_file_for_the_same_head_is_refused_with_a_message():
    first = HouseholdFactory()
    with pytest.raises(ValidationError) as error:
        services.register_household(
            actor=system_actor(),
            head=first.head,
            union=first.union,
            tier="relative",
            registered_on=datetime.date(2021, 1, 1),
        )
    assert "该会员已有在档的困难职工档案" in str(error.value)
    # The database holds the rule even when the model's checks are skipped.
    with pytest.raises(IntegrityError), transaction.atomic():
        HardshipHousehold.objects.create(
            head=first.head, union=first.union, tier="deep", registered_on=datetime.date(2021, 1, 1)
        )


def test_a_lifted_out_head_may_open_a_new_file_that_links_the_old(make_staff):
    staff = make_staff(roles.WELFARE)
    old = HouseholdFactory()
    services.lift_out(
        household=old, lifted_out_on=datetime.date(2021, 6, 1), measure="employment", actor=staff
    )
    old.refresh_from_db()
    new = services.register_relapse(
        previous_file=old, registered_on=datetime.date(2023, 2, 1), tier="accident", actor=staff
    )
    assert new.previous_file == old
    assert new.head == old.head
    assert HardshipHousehold.objects.filter(head=old.head).count() == 2


def test_second_grant_for_a_household_in_one_campaign_is_refused():
    grant = GrantFactory()
    with pytest.raises(ValidationError) as error:
        services.propose_grant(
            actor=system_actor(),
            campaign=grant.campaign,
            household=grant.household,
            amount=Decimal("500"),
            granted_on=datetime.date(2020, 2, 1),
        )
    assert "每次活动每户只能发放一次" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Grant.objects.create(
            campaign=grant.campaign,
            household=grant.household,
            union=grant.union,
            amount=Decimal("500"),
            granted_on=datetime.date(2020, 2, 1),
        )


@pytest.mark.parametrize("amount", [Decimal("-100"), Decimal("0")])
def test_amounts_must_be_positive(amount):
    household = HouseholdFactory()
    with pytest.raises(ValidationError) as error:
        services.propose_grant(
            actor=system_actor(),
            campaign=CampaignFactory(),
            household=household,
            amount=amount,
            granted_on=datetime.date(2020, 2, 1),
        )
    assert "金额必须大于零" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        GrantFactory(household=household, amount=amount)


def test_a_paid_grant_cannot_be_edited_or_deleted():
    grant = GrantFactory(paid=True)
    grant.refresh_from_db()
    grant.amount = Decimal("1")
    with pytest.raises(ValidationError) as error:
        grant.full_clean()
    assert "已发放的记录不能修改" in str(error.value)
    with pytest.raises(ValidationError):
        grant.save()
    with pytest.raises(ValidationError):
        grant.delete()
    # Behind the model's back, the database trigger refuses too.
    with pytest.raises(IntegrityError, match="cannot be changed"), transaction.atomic():
        Grant.objects.filter(pk=grant.pk).update(amount=Decimal("1"))
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM welfare_grant WHERE id = %s", [grant.pk])
    grant.refresh_from_db()
    assert grant.amount == Decimal("2000.00")


def test_a_paid_grant_is_corrected_by_a_reversal(make_staff):
    approver = make_staff(roles.WELFARE)
    grant = GrantFactory(paid=True)
    reversal = services.reverse_entry(
        entry=grant, amount=Decimal("500"), reason="多发500元", actor=approver
    )
    assert reversal.kind == GrantKind.REVERSAL
    assert reversal.amount == Decimal("-500")
    assert reversal.reverses == grant
    assert reversal.state == GrantState.PAID
    # Not more than was paid.
    with pytest.raises(ValidationError, match="冲正金额不能超过已发放金额"):
        services.reverse_entry(entry=grant, amount=Decimal("1600"), reason="x", actor=approver)


def test_a_negative_grant_that_is_not_a_reversal_is_refused_by_the_database():
    grant = GrantFactory(paid=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Grant.objects.create(
            campaign=grant.campaign,
            household=grant.household,
            union=grant.union,
            kind=GrantKind.GRANT,
            amount=Decimal("-10"),
            granted_on=datetime.date(2020, 2, 1),
        )


def test_one_education_grant_per_student_per_year():
    aid = EducationAidFactory()
    duplicate = EducationAidFactory.build(
        campaign=aid.campaign,
        student_id_number=aid.student_id_number,
        parent=MemberFactory(),
        union=aid.union,
    )
    with pytest.raises(ValidationError, match="该学生本年度已获得助学资助"):
        duplicate.full_clean()
