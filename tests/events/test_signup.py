"""Sign-up, waiting list, cancellation with promotion, check-in, audience rules."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from events import services
from events.models import Audience, EventStatus, Registration, RegistrationStatus
from tests.events.factories import EventFactory, RegistrationFactory
from tests.members.factories import MemberFactory, UnionFactory, make_id_number
from yuyang_union.history.actors import system_actor

pytestmark = pytest.mark.django_db


def woman(**fields):
    # The 17th digit of an ID number is even for women.
    return MemberFactory(
        id_number=make_id_number(birth=datetime.date(1990, 3, 8), serial=222), **fields
    )


def man(**fields):
    return MemberFactory(
        id_number=make_id_number(birth=datetime.date(1988, 5, 4), serial=111), **fields
    )


def test_sign_up_registers_until_full_then_waiting_list():
    event = EventFactory(capacity=2)
    first, second, third = MemberFactory.create_batch(3)
    assert (
        services.sign_up(actor=system_actor(), event=event, member=first).status
        == RegistrationStatus.REGISTERED
    )
    assert (
        services.sign_up(actor=system_actor(), event=event, member=second).status
        == RegistrationStatus.REGISTERED
    )
    assert (
        services.sign_up(actor=system_actor(), event=event, member=third).status
        == RegistrationStatus.WAITING
    )
    assert Registration.objects.filter(event=event).count() == 3


def test_signing_up_twice_is_refused():
    event = EventFactory()
    member = MemberFactory()
    services.sign_up(actor=system_actor(), event=event, member=member)
    with pytest.raises(ValidationError) as error:
        services.sign_up(actor=system_actor(), event=event, member=member)
    assert error.value.code == "already_signed_up"


def test_one_registration_per_member_and_event_in_the_database():
    registration = RegistrationFactory()
    with pytest.raises(IntegrityError):
        RegistrationFactory(event=registration.event, member=registration.member)


def test_full_event_without_waiting_list_refuses():
    event = EventFactory(capacity=1, waiting_list_enabled=False)
    services.sign_up(actor=system_actor(), event=event, member=MemberFactory())
    with pytest.raises(ValidationError) as error:
        services.sign_up(actor=system_actor(), event=event, member=MemberFactory())
    assert error.value.code == "full"


def test_cancelling_a_place_moves_the_first_waiting_member_up():
    event = EventFactory(capacity=1)
    holder, first_waiting, second_waiting = MemberFactory.create_batch(3)
    now = timezone.now()
    taken = services.sign_up(actor=system_actor(), event=event, member=holder, now=now)
    services.sign_up(
        actor=system_actor(),
        event=event,
        member=first_waiting,
        now=now + datetime.timedelta(seconds=1),
    )
    services.sign_up(
        actor=system_actor(),
        event=event,
        member=second_waiting,
        now=now + datetime.timedelta(seconds=2),
    )

    promoted = services.cancel(actor=system_actor(), registration=taken)

    assert promoted.member == first_waiting
    statuses = dict(Registration.objects.filter(event=event).values_list("member", "status"))
    assert statuses == {
        holder.pk: RegistrationStatus.CANCELLED,
        first_waiting.pk: RegistrationStatus.REGISTERED,
        second_waiting.pk: RegistrationStatus.WAITING,
    }
    assert Registration.objects.get(member=first_waiting).promoted_at is not None


def test_leaving_the_waiting_list_promotes_nobody():
    event = EventFactory(capacity=1)
    holder, waiting, behind = MemberFactory.create_batch(3)
    services.sign_up(actor=system_actor(), event=event, member=holder)
    waiting_registration = services.sign_up(actor=system_actor(), event=event, member=waiting)
    services.sign_up(actor=system_actor(), event=event, member=behind)
    assert services.cancel(actor=system_actor(), registration=waiting_registration) is None
    assert Registration.objects.get(member=behind).status == RegistrationStatus.WAITING
    assert Registration.objects.get(member=holder).status == RegistrationStatus.REGISTERED


def test_a_cancelled_member_may_sign_up_again_and_queues_at_the_back():
    event = EventFactory(capacity=1)
    member, other = MemberFactory.create_batch(2)
    registration = services.sign_up(actor=system_actor(), event=event, member=member)
    services.cancel(actor=system_actor(), registration=registration)
    services.sign_up(actor=system_actor(), event=event, member=other)
    again = services.sign_up(actor=system_actor(), event=event, member=member)
    assert again.pk == registration.pk
    assert again.status == RegistrationStatus.WAITING
    assert again.cancelled_at is None


@pytest.mark.parametrize(
    "fields",
    [
        {"status": EventStatus.DRAFT},
        {"status": EventStatus.CANCELLED},
        {"signup_enabled": False, "signup_opens_at": None},
        {"signup_opens_at": timezone.now() + datetime.timedelta(days=1)},
        {"signup_closes_at": timezone.now() - datetime.timedelta(minutes=1)},
    ],
    ids=["draft", "cancelled", "no-signup", "not-yet-open", "closed"],
)
def test_sign_up_only_while_open(fields):
    if "signup_closes_at" in fields:
        fields["signup_opens_at"] = timezone.now() - datetime.timedelta(days=2)
    event = EventFactory(**fields)
    with pytest.raises(ValidationError) as error:
        services.sign_up(actor=system_actor(), event=event, member=MemberFactory())
    assert error.value.code == "signup_closed"
    assert not Registration.objects.exists()


def test_cancelling_after_the_start_is_refused():
    event = EventFactory()
    registration = services.sign_up(actor=system_actor(), event=event, member=MemberFactory())
    with pytest.raises(ValidationError):
        services.cancel(
            actor=system_actor(),
            registration=registration,
            now=event.starts_at + datetime.timedelta(1),
        )


def test_check_in_marks_attendance_only_for_registered():
    event = EventFactory(capacity=1)
    registered = services.sign_up(actor=system_actor(), event=event, member=MemberFactory())
    waiting = services.sign_up(actor=system_actor(), event=event, member=MemberFactory())
    services.check_in(actor=system_actor(), registration=registered)
    registered.refresh_from_db()
    assert registered.status == RegistrationStatus.ATTENDED
    assert registered.attended_at is not None
    with pytest.raises(ValidationError):
        services.check_in(actor=system_actor(), registration=waiting)


def test_women_only_event_refuses_men():
    event = EventFactory(audience=Audience.WOMEN)
    assert (
        services.sign_up(actor=system_actor(), event=event, member=woman()).status
        == RegistrationStatus.REGISTERED
    )
    with pytest.raises(ValidationError) as error:
        services.sign_up(actor=system_actor(), event=event, member=man())
    assert error.value.code == "audience_women"


def test_union_event_admits_its_subtree_only():
    township = UnionFactory(name="龙潭镇总工会", kind="township")
    inside = UnionFactory(parent=township)
    outside = UnionFactory()
    event = EventFactory(audience=Audience.UNION, audience_union=township)
    assert services.sign_up(actor=system_actor(), event=event, member=MemberFactory(union=inside))
    with pytest.raises(ValidationError) as error:
        services.sign_up(actor=system_actor(), event=event, member=MemberFactory(union=outside))
    assert error.value.code == "audience_union"
    assert Registration.objects.count() == 1


def test_inactive_members_cannot_sign_up():
    with pytest.raises(ValidationError) as error:
        services.sign_up(
            actor=system_actor(), event=EventFactory(), member=MemberFactory(status="retired")
        )
    assert error.value.code == "inactive_member"


def test_attendance_after_the_fact_only_without_signup():
    event = EventFactory(signup_enabled=False, signup_opens_at=None, capacity=None)
    services.record_attendance(actor=system_actor(), event=event, count=87)
    event.refresh_from_db()
    assert event.attendance_count == 87
    with pytest.raises(ValidationError):
        services.record_attendance(actor=system_actor(), event=EventFactory(), count=5)
    with pytest.raises(IntegrityError):
        EventFactory(attendance_count=3)
