"""Sign-up and check-in posted twice (a double tap, a reload), in turn or at once: one
registration, one check-in, and the second request is told so, never an error page."""

from functools import partial

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from events import services, verbs
from events.models import Registration, RegistrationStatus
from tests.concurrency import at_once
from tests.events.factories import EventFactory
from tests.members.factories import MemberFactory, UserFactory
from tests.sign_in import VerifiedClient
from yuyang_union import roles
from yuyang_union.history.actors import system_actor
from yuyang_union.history.models import ActionEntry


@pytest.fixture(autouse=True)
def _chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"


def member_with_login():
    member = MemberFactory()
    member.user = UserFactory()
    member.save()
    return member


def messages_of(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.mark.django_db
def test_a_repeated_sign_up_keeps_one_place_and_says_so(client):
    event = EventFactory(capacity=5)
    member = member_with_login()
    client.force_login(member.user)
    url = reverse("events:sign-up", args=[event.pk])
    client.post(url)

    response = client.post(url)

    assert response.status_code == 302
    assert "您已经报过名了。" in messages_of(response)
    [registration] = Registration.objects.filter(event=event)
    assert registration.status == RegistrationStatus.REGISTERED
    assert ActionEntry.objects.filter(verb=verbs.SIGNED_UP.code).count() == 1


@pytest.mark.django_db
def test_a_repeated_check_in_checks_in_once(client, make_staff):
    event = EventFactory(capacity=5)
    registration = services.sign_up(actor=system_actor(), event=event, member=MemberFactory())
    client.force_login(make_staff(roles.EVENTS))
    url = reverse("events:check-in", args=[event.pk])
    client.post(url, {"registration": registration.pk})

    response = client.post(url, {"registration": registration.pk})

    assert response.status_code == 302
    assert "已签到" in messages_of(response)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ATTENDED
    assert ActionEntry.objects.filter(verb=verbs.CHECKED_IN.code).count() == 1


def test_a_double_tap_signing_up_at_once_takes_one_place(committed_rows):
    event = EventFactory(capacity=5)
    member = member_with_login()
    clients = [VerifiedClient(), VerifiedClient()]
    for each in clients:
        each.force_login(member.user)

    def tap(each):
        response = each.post(reverse("events:sign-up", args=[event.pk]))
        return response.status_code, messages_of(response)

    outcomes = at_once(*(partial(tap, each) for each in clients))

    assert [status for status, _text in outcomes] == [302, 302]
    assert sorted(text for _status, text in outcomes)[0].startswith("您已经报过名了")
    assert Registration.objects.filter(event=event).count() == 1
