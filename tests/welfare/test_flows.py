"""Status flows as services: register, review, lift out, cancel; propose, approve, pay."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from tests.members.factories import MemberFactory
from welfare import services
from welfare.models import FileStatus, Grant, GrantState, HardshipHousehold
from yuyang_union import roles
from yuyang_union.history.actors import system_actor

from .factories import CampaignFactory, HouseholdFactory

pytestmark = pytest.mark.django_db


def test_register_review_and_lift_out_a_household(make_staff):
    staff = make_staff(roles.WELFARE)
    head = MemberFactory()
    household = services.register_household(
        head=head,
        union=head.union,
        tier="deep",
        causes=["illness", "schooling"],
        household_size=4,
        registered_on=datetime.date(2022, 3, 1),
        actor=staff,
    )
    assert household.status == FileStatus.IN_FILE
    services.review_household(
        household=household,
        reviewed_on=datetime.date(2023, 3, 1),
        outcome="retier",
        new_tier="relative",
        actor=staff,
    )
    household.refresh_from_db()
    assert household.tier == "relative"
    services.lift_out(
        household=household,
        lifted_out_on=datetime.date(2024, 1, 1),
        measure="social_security",
        actor=staff,
    )
    household.refresh_from_db()
    assert household.status == FileStatus.LIFTED_OUT
    assert household.lift_measure == "social_security"
    assert household.reviews.count() == 2
    # Every change is in the history, naming who made it.
    entries = LogEntry.objects.get_for_object(household)
    assert entries.count() >= 3
    assert set(entries.values_list("actor", flat=True)) == {staff.pk}
    # A lifted-out file cannot be lifted out or cancelled again.
    with pytest.raises(ValidationError):
        services.cancel_household(
            household=household, cancelled_on=datetime.date(2024, 2, 1), reason="x", actor=staff
        )


def test_cancel_needs_a_reason(make_staff):
    staff = make_staff(roles.WELFARE)
    household = HouseholdFactory()
    with pytest.raises(ValidationError, match="请填写注销原因"):
        services.cancel_household(
            household=household, cancelled_on=datetime.date(2021, 1, 1), reason=" ", actor=staff
        )
    services.cancel_household(
        household=household,
        cancelled_on=datetime.date(2021, 1, 1),
        reason="收入核实后不符合条件",
        actor=staff,
    )
    household.refresh_from_db()
    assert household.status == FileStatus.CANCELLED
    assert household.cancel_reason == "收入核实后不符合条件"


def test_relapse_only_after_the_old_file_is_closed(make_staff):
    household = HouseholdFactory()
    with pytest.raises(ValidationError, match="原档案仍在档"):
        services.register_relapse(
            actor=system_actor(),
            previous_file=household,
            registered_on=datetime.date(2022, 1, 1),
            tier="deep",
        )


def test_grants_proposed_approved_in_bulk_and_paid(make_staff):
    approver = make_staff(roles.WELFARE)
    campaign = CampaignFactory()
    grants = [
        services.propose_grant(
            campaign=campaign,
            household=HouseholdFactory(),
            amount=Decimal("3000"),
            granted_on=datetime.date(2020, 1, 20),
            is_home_visit=True,
            actor=approver,
        )
        for _n in range(3)
    ]
    chosen = Grant.objects.filter(pk__in=[g.pk for g in grants])
    assert services.approve_entries(entries=chosen, actor=approver) == 3
    approved = Grant.objects.get(pk=grants[0].pk)
    assert approved.state == GrantState.APPROVED
    assert approved.approved_by == approver
    assert approved.approved_at is not None
    assert (
        services.pay_entries(entries=chosen, paid_on=datetime.date(2020, 1, 25), actor=approver)
        == 3
    )
    assert set(chosen.values_list("state", flat=True)) == {GrantState.PAID}
    # Approving again changes nothing (they are paid).
    assert services.approve_entries(entries=chosen, actor=approver) == 0


@pytest.mark.parametrize(
    "role", [roles.LEADERS, roles.ORGANISATION, roles.LEGAL, roles.GRASSROOTS_OFFICERS]
)
def test_other_roles_may_not_approve(make_staff, role):
    user = make_staff(role)
    grant = services.propose_grant(
        actor=system_actor(),
        campaign=CampaignFactory(),
        household=HouseholdFactory(),
        amount=Decimal("1000"),
        granted_on=datetime.date(2020, 1, 20),
    )
    with pytest.raises(PermissionDenied):
        services.approve_entries(entries=Grant.objects.filter(pk=grant.pk), actor=user)
    grant.refresh_from_db()
    assert grant.state == GrantState.PROPOSED


def test_an_officer_cannot_register_outside_their_subtree(make_staff):
    from tests.members.factories import UnionFactory

    mine, other = UnionFactory(), UnionFactory()
    officer = make_staff(roles.GRASSROOTS_OFFICERS, union=mine)
    head = MemberFactory(union=other)
    with pytest.raises(PermissionDenied):
        services.register_household(
            head=head,
            union=other,
            tier="deep",
            registered_on=datetime.date(2022, 1, 1),
            actor=officer,
        )
    assert not HardshipHousehold.objects.exists()
