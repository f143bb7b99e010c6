"""Lockouts that hold: per username whatever the address, per address whatever the username,
the address read right behind PROXY_COUNT proxies, a Chinese page that says when, and the
administrator's unlock."""

import datetime

from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.members.factories import UserFactory
from tests.sign_in import PASSWORD
from yuyang_union import roles
from yuyang_union.accounts import verbs
from yuyang_union.history.models import ActionEntry

LOGIN = "/accounts/login/"


def attempt(username, password, *, address="10.0.0.7", forwarded=None):
    client = Client(REMOTE_ADDR=address)
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    response = client.post(LOGIN, {"username": username, "password": password}, **extra)
    response.signed_in = SESSION_KEY in client.session
    return response


def test_a_username_stays_locked_from_every_address(settings):
    victim = UserFactory()
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(victim.username, "wrong", address=f"10.0.1.{number}")
    # A guesser who moves to a new address for every try is still stopped ...
    response = attempt(victim.username, PASSWORD, address="10.0.2.1")
    assert response.status_code == 429
    assert not response.signed_in


def test_an_address_is_locked_whatever_the_username(settings):
    users = UserFactory.create_batch(settings.AXES_FAILURE_LIMIT + 1)
    for user in users[:-1]:
        attempt(user.username, "wrong", address="10.0.0.66")
    # ... and so is one address trying one password on many names.
    assert attempt(users[-1].username, PASSWORD, address="10.0.0.66").status_code == 429
    # Another address signs the same user in.
    assert attempt(users[-1].username, PASSWORD, address="10.0.0.8").signed_in


def test_failures_below_the_limit_leave_others_alone(settings):
    victim, colleague = UserFactory(), UserFactory()
    for _number in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(victim.username, "wrong", address="10.0.0.66")
    assert attempt(colleague.username, PASSWORD, address="10.0.0.66").signed_in
    assert attempt(victim.username, PASSWORD, address="10.0.0.7").signed_in


def test_behind_a_proxy_the_client_is_the_address_the_proxy_saw(settings):
    settings.PROXY_COUNT = 1
    victim = UserFactory()
    # Every request comes from the proxy (REMOTE_ADDR); the guesser forges what it can: the
    # entries to the left of the one the proxy appends.
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(
            f"guess-{number}",
            "wrong",
            address="10.0.0.1",
            forwarded=f"198.51.100.{number}, 203.0.113.5",
        )
    locked = attempt(victim.username, PASSWORD, address="10.0.0.1", forwarded="203.0.113.5")
    assert locked.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    # Another worker behind the same proxy is not locked with them.
    assert attempt(victim.username, PASSWORD, address="10.0.0.1", forwarded="203.0.113.9").signed_in


def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client(settings):
    settings.PROXY_COUNT = 2
    user = UserFactory()
    attempt(user.username, "wrong", address="10.0.0.1", forwarded="1.2.3.4, 203.0.113.5, 10.0.0.2")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"


def test_without_a_proxy_a_forwarded_header_is_ignored(settings):
    settings.PROXY_COUNT = 0
    users = UserFactory.create_batch(settings.AXES_FAILURE_LIMIT + 1)
    for number, user in enumerate(users[:-1]):
        attempt(user.username, "wrong", address="10.0.0.66", forwarded=f"198.51.100.{number}")
    assert attempt(users[-1].username, PASSWORD, address="10.0.0.66").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.66"}


def test_the_lockout_page_says_in_chinese_when_to_try_again(settings):
    user = UserFactory()
    for _number in range(settings.AXES_FAILURE_LIMIT):
        attempt(user.username, "wrong")
    before = timezone.localtime() + settings.AXES_COOLOFF_TIME
    response = attempt(user.username, PASSWORD)
    after = timezone.localtime() + settings.AXES_COOLOFF_TIME
    page = response.content.decode()
    assert response.status_code == 429
    assert "登录失败次数过多" in page
    assert any(f"{moment:%H:%M}" in page for moment in (before, after))
    assert "15 分钟" in page


def test_an_administrator_lifts_a_lockout_from_the_admin(settings, client, make_staff):
    victim = UserFactory()
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(victim.username, "wrong", address=f"10.0.1.{number}")
    assert attempt(victim.username, PASSWORD).status_code == 429
    administrator = make_staff(roles.ADMINISTRATORS)
    client.force_login(administrator)
    one = AccessAttempt.objects.filter(username=victim.username).first()

    response = client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "lift_lockout", "_selected_action": [one.pk]},
    )

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=victim.username).exists()
    assert attempt(victim.username, PASSWORD).signed_in
    entry = ActionEntry.objects.get(verb=verbs.LOCKOUT_LIFTED.code)
    assert entry.actor == administrator
    assert entry.data == {"target": victim.username}


def test_only_who_may_delete_attempts_lifts_lockouts(settings, client, make_staff):
    victim = UserFactory()
    for _number in range(settings.AXES_FAILURE_LIMIT):
        attempt(victim.username, "wrong")
    client.force_login(make_staff(roles.ORGANISATION))
    response = client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "lift_lockout", "_selected_action": [AccessAttempt.objects.first().pk]},
    )
    assert response.status_code == 403
    assert AccessAttempt.objects.filter(username=victim.username).exists()


def test_the_retry_time_is_a_full_cool_off_after_the_last_try(settings):
    user = UserFactory()
    for _number in range(settings.AXES_FAILURE_LIMIT):
        attempt(user.username, "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=14))
    # One minute before the cool-off ends the lock still holds; each try starts it again.
    assert attempt(user.username, PASSWORD).status_code == 429
