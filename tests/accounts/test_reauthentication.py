"""Sensitive acts ask for the password and code again when the last check is 15 minutes old:
revealing an identifier, exporting personal data, changing users, roles or devices."""

import time

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.events.factories import EventFactory
from tests.members.factories import MemberFactory
from tests.sign_in import PASSWORD, authenticator_of, current_code
from yuyang_union import roles
from yuyang_union.accounts.reauth import CHECKED_AT
from yuyang_union.personal_data.models import IdentifierAccessLog
from yuyang_union.personal_data.reveal import reveal_url

CONFIRM = "/accounts/confirm/"


def checked_minutes_ago(client, minutes):
    session = client.session
    session[CHECKED_AT] = int(time.time()) - minutes * 60
    session.save()


@pytest.fixture
def organisation(client, make_staff):
    """An officer who may reveal and export numbers, signed in 16 minutes ago."""
    staff = make_staff(roles.ORGANISATION)
    client.force_login(staff)
    checked_minutes_ago(client, 16)
    return staff


def sent_to_confirm(response):
    return response.status_code == 302 and response["Location"].startswith(f"{CONFIRM}?next=")


def test_a_reveal_after_15_minutes_asks_again_then_opens(client, organisation):
    member = MemberFactory()
    url = reveal_url(member, "id_number")
    response = client.get(url)
    assert sent_to_confirm(response)

    confirm = client.get(response["Location"])
    assert confirm.status_code == 200
    assert "密码" in confirm.content.decode()
    done = client.post(
        response["Location"],
        {"password": PASSWORD, "token": current_code(authenticator_of(organisation))},
    )
    assert done.status_code == 302
    assert done["Location"] == url
    assert client.get(url).status_code == 200


def test_a_check_within_15_minutes_is_enough(client, organisation):
    checked_minutes_ago(client, 14)
    assert client.get(reveal_url(MemberFactory(), "id_number")).status_code == 200


def test_a_stale_reveal_post_shows_nothing_and_logs_nothing(client, organisation):
    member = MemberFactory()
    response = client.post(reveal_url(member, "id_number"), {"reason": "verification"})
    assert sent_to_confirm(response)
    assert member.id_number not in response.content.decode()
    assert not IdentifierAccessLog.objects.exists()


def test_a_wrong_password_or_code_is_refused_and_counted(client, organisation):
    member = MemberFactory()
    url = reverse("accounts:confirm") + "?next=" + reveal_url(member, "id_number")
    wrong_password = client.post(
        url, {"password": "not it", "token": current_code(authenticator_of(organisation))}
    )
    assert "密码不对" in wrong_password.content.decode()
    assert AccessAttempt.objects.filter(username=organisation.username).exists()
    wrong_code = client.post(url, {"password": PASSWORD, "token": "000000"})
    assert "验证码不对或已过期" in wrong_code.content.decode()
    assert sent_to_confirm(client.get(reveal_url(member, "id_number")))


def test_a_full_export_asks_again(client, make_staff):
    client.force_login(make_staff(roles.ADMINISTRATORS))
    checked_minutes_ago(client, 16)
    event = EventFactory()
    url = reverse("events:registrations", args=[event.pk])
    response = client.post(
        url, {"full-reason": "verification", "full-full_identifiers": "True"}, HTTP_REFERER=url
    )
    assert sent_to_confirm(response)
    assert response["Location"].endswith("next=" + url.replace("/", "%2F"))


def test_the_admin_export_in_full_asks_again(client, organisation):
    response = client.post(
        reverse("admin:members_member_export"),
        {"format": "0", "full_identifiers": "on", "full_reason": "verification"},
    )
    assert sent_to_confirm(response)


def test_a_persons_copy_asks_again(client, organisation):
    member = MemberFactory()
    from yuyang_union.personal_data.views import subject_copy_url

    assert sent_to_confirm(client.get(subject_copy_url(member)))


@pytest.mark.parametrize(
    "url_name",
    ["admin:auth_user_change", "admin:auth_user_password_change", "admin:auth_group_change"],
)
def test_changing_users_and_roles_asks_again(client, make_staff, url_name):
    administrator = make_staff(roles.ADMINISTRATORS)
    client.force_login(administrator)
    checked_minutes_ago(client, 16)
    target = administrator.groups.first() if "group" in url_name else administrator
    assert sent_to_confirm(client.get(reverse(url_name, args=[target.pk])))


def test_resetting_devices_asks_again(client, make_staff):
    administrator = make_staff(roles.ADMINISTRATORS)
    staff = make_staff(roles.WELFARE)
    authenticator_of(staff)
    client.force_login(administrator)
    checked_minutes_ago(client, 16)
    changelist = reverse("admin:auth_user_changelist")
    response = client.post(
        changelist,
        {"action": "reset_second_factor", "_selected_action": [staff.pk]},
        HTTP_REFERER=f"http://testserver{changelist}",
    )
    assert sent_to_confirm(response)
    assert staff.totpdevice_set.exists()


def test_members_confirm_with_the_password_alone(client, member_user):
    client.force_login(member_user)
    page = client.get(CONFIRM + "?next=/account/my-data/").content.decode()
    assert 'name="token"' not in page
    response = client.post(CONFIRM + "?next=/account/my-data/", {"password": PASSWORD})
    assert response["Location"] == "/account/my-data/"
