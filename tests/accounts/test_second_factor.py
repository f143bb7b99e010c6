"""Two-factor sign-in for staff: nothing opens with the password alone, enrolment is forced at
the first sign-in, recovery codes work once, administrators reset a lost phone."""

import datetime
import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.members.factories import UserFactory
from tests.sign_in import PASSWORD, authenticator_of, current_code
from yuyang_union import roles
from yuyang_union.accounts import second_factor, verbs
from yuyang_union.history.models import ActionEntry

VERIFY = "/accounts/two-factor/"
ENROL = "/accounts/two-factor/setup/"


def sign_in_with_password(user, next_path="/staff/"):
    """A browser-like client that typed the right password on the login page."""
    client = Client()
    response = client.post(
        f"/accounts/login/?next={next_path}",
        {"username": user.username, "password": PASSWORD, "next": next_path},
    )
    assert response.status_code == 302, "the password is right"
    return client


def wait_out_the_throttle(device):
    """After a wrong code a device accepts none for a second or more (django-otp's throttling,
    doubling at each failure): the test moves the failure into the past instead of sleeping."""
    type(device).objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(minutes=1)
    )


def codes_on(page):
    return re.findall(r"<code>([a-z0-9]{4} [a-z0-9]{4})</code>", page)


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_with_the_password_alone_no_staff_or_admin_page_opens(role, make_staff):
    staff = make_staff(role)
    authenticator_of(staff)
    client = sign_in_with_password(staff)
    for path in ("/staff/", "/admin/", "/admin/members/member/", "/staff/members/", "/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(f"{VERIFY}?next="), path


def test_is_staff_and_superusers_need_the_second_factor_too(db):
    for user in (UserFactory(is_staff=True), UserFactory(is_superuser=True)):
        client = sign_in_with_password(user, "/admin/")
        assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_members_sign_in_with_the_password_alone(member_user):
    client = sign_in_with_password(member_user, "/events/mine/")
    assert client.get("/events/mine/").status_code == 200
    assert client.get("/account/my-data/").status_code == 200
    # The second factor's pages are not theirs.
    assert client.get(VERIFY).status_code == 403


def test_first_sign_in_forces_enrolment_with_a_qr_code_drawn_here(make_staff):
    staff = make_staff(roles.WELFARE)
    client = sign_in_with_password(staff)

    to_verify = client.get("/staff/")
    to_enrol = client.get(to_verify["Location"])
    assert to_enrol.status_code == 302
    assert to_enrol["Location"] == f"{ENROL}?next=%2Fstaff%2F"

    page = client.get(to_enrol["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html
    # Drawn on the server: no image from a QR service, and the key never in a URL.
    assert "otpauth://" not in html
    assert not re.search(r"<img[^>]+src=\"https?:", html)
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert second_factor.secret_for_typing(device) in html
    assert page["Cache-Control"].startswith("max-age=0")

    wrong = client.post(ENROL, {"token": "000000", "next": "/staff/"})
    assert "验证码不对或已过期" in wrong.content.decode()
    assert client.get("/staff/").status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    wait_out_the_throttle(device)

    done = client.post(ENROL, {"token": current_code(device), "next": "/staff/"})
    codes = codes_on(done.content.decode())
    assert len(codes) == second_factor.RECOVERY_CODE_COUNT == 10
    assert len(set(codes)) == 10
    assert client.get("/staff/").status_code == 200
    assert ActionEntry.objects.filter(verb=verbs.SECOND_FACTOR_ENROLLED.code, actor=staff).exists()


def test_the_enrolment_page_shows_the_same_key_until_confirmed(make_staff):
    client = sign_in_with_password(make_staff(roles.EVENTS))
    first = client.get(ENROL).content.decode()
    second = client.get(ENROL).content.decode()
    assert TOTPDevice.objects.filter(confirmed=False).count() == 1
    key = second_factor.secret_for_typing(TOTPDevice.objects.get())
    assert key in first
    assert key in second


def test_the_password_alone_cannot_replace_an_authenticator(make_staff):
    staff = make_staff(roles.ORGANISATION)
    device = authenticator_of(staff)
    client = sign_in_with_password(staff)
    response = client.get(ENROL)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=staff)) == [device]


def test_the_authenticator_code_signs_in_and_returns_to_the_page_asked_for(make_staff):
    staff = make_staff(roles.LEGAL)
    device = authenticator_of(staff)
    client = sign_in_with_password(staff, "/staff/")
    wrong = client.post(VERIFY, {"token": "123456", "next": "/staff/"})
    assert wrong.status_code == 200
    assert "验证码不对或已过期" in wrong.content.decode()
    wait_out_the_throttle(device)

    response = client.post(VERIFY, {"token": current_code(device), "next": "/staff/"})
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_verify_never_sends_anyone_off_the_site(make_staff):
    staff = make_staff(roles.LEGAL)
    device = authenticator_of(staff)
    client = sign_in_with_password(staff)
    response = client.post(VERIFY, {"token": current_code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def recovery_codes_for(staff):
    authenticator_of(staff)
    return second_factor.renew_recovery_codes(actor=staff)


def test_a_recovery_code_works_once(make_staff):
    staff = make_staff(roles.COMPETITIONS)
    codes = recovery_codes_for(staff)

    client = sign_in_with_password(staff)
    # Typed as printed: two groups of four.
    response = client.post(VERIFY, {"token": second_factor.format_recovery_code(codes[0])})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200
    assert StaticToken.objects.filter(device__user=staff).count() == 9
    entry = ActionEntry.objects.get(verb=verbs.RECOVERY_CODE_USED.code)
    assert entry.data == {"left": 9}

    again = sign_in_with_password(staff)
    refused = again.post(VERIFY, {"token": codes[0]})
    assert refused.status_code == 200
    assert again.get("/staff/").status_code == 302
    wait_out_the_throttle(StaticDevice.objects.get(user=staff))
    assert again.post(VERIFY, {"token": codes[1]}).status_code == 302
    assert again.get("/staff/").status_code == 200


def test_few_recovery_codes_left_are_announced(make_staff):
    staff = make_staff(roles.COMPETITIONS)
    codes = recovery_codes_for(staff)
    StaticToken.objects.filter(token__in=codes[2:9]).delete()
    client = sign_in_with_password(staff)
    response = client.post(VERIFY, {"token": codes[0]}, follow=True)
    assert "只剩 2 个恢复码" in response.content.decode()


def test_new_recovery_codes_replace_the_old_ones(client, make_staff):
    staff = make_staff(roles.LEADERS)
    old = recovery_codes_for(staff)
    client.force_login(staff)
    page = client.post(reverse("accounts:security")).content.decode()
    new = [code.replace(" ", "") for code in codes_on(page)]
    assert len(new) == 10
    assert not set(new) & set(old)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)


def test_an_administrator_resets_a_lost_phone(client, make_staff):
    staff = make_staff(roles.WELFARE)
    recovery_codes_for(staff)
    their_session = Client()
    their_session.force_login(staff)
    from tests.sign_in import verify_session

    verify_session(their_session, staff)
    assert their_session.get("/staff/").status_code == 200

    administrator = make_staff(roles.ADMINISTRATORS)
    client.force_login(administrator)
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [staff.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()
    entry = ActionEntry.objects.get(verb=verbs.SECOND_FACTOR_RESET.code)
    assert (entry.actor, entry.object_id, entry.data) == (
        administrator,
        str(staff.pk),
        {"devices": 2},
    )

    # Their open session lost its verification: the next page asks them to enrol again.
    to_verify = their_session.get("/staff/")
    assert to_verify["Location"].startswith(VERIFY)
    assert their_session.get(to_verify["Location"])["Location"].startswith(ENROL)


def test_only_who_may_change_users_resets_devices(client, make_staff):
    staff = make_staff(roles.WELFARE)
    authenticator_of(staff)
    client.force_login(make_staff(roles.ORGANISATION))
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [staff.pk]},
    )
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=staff).exists()


def test_the_user_admin_tells_whether_the_second_factor_is_set_up(client, make_staff):
    staff = make_staff(roles.WELFARE)
    recovery_codes_for(staff)
    client.force_login(make_staff(roles.ADMINISTRATORS))
    page = client.get(reverse("admin:auth_user_change", args=[staff.pk])).content.decode()
    assert "已设置；剩余 10 个恢复码" in page
    # Nothing of the device's secret.
    device = TOTPDevice.objects.get(user=staff)
    assert device.key not in page
    assert second_factor.secret_for_typing(device) not in page


def test_the_devices_keys_have_no_admin_screen():
    from django.contrib import admin

    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)


def test_logging_out_works_before_the_second_factor(make_staff):
    staff = make_staff(roles.WELFARE)
    client = sign_in_with_password(staff)
    client.post("/accounts/logout/")
    assert SESSION_KEY not in client.session


def test_a_recovery_code_of_digits_only_still_works(make_staff):
    staff = make_staff(roles.COMPETITIONS)
    recovery_codes_for(staff)
    StaticToken.objects.filter(device__user=staff).update(token="23456789")
    client = sign_in_with_password(staff)
    assert client.post(VERIFY, {"token": "2345 6789"}).status_code == 302
    assert client.get("/staff/").status_code == 200
