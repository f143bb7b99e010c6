"""Forgotten passwords: a code texted to the phone on the roster, never for staff accounts."""

import logging
import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from events import services, verbs
from tests.members.factories import MemberFactory, UserFactory
from yuyang_union import roles
from yuyang_union.history.models import ActionEntry

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
OLD_PASSWORD = "correct horse battery staple"  # UserFactory's
NEW_PASSWORD = "Taohuayuan-2026-miao"
RECOVER = reverse("events:recover")
RECOVER_CODE = reverse("events:recover-code")
WRONG_CODE = "验证码不正确或已过期"


@pytest.fixture
def member():
    return MemberFactory(name="冉晓梅", phone=PHONE, user=UserFactory(username="冉晓梅"))


def code_in(text):
    return re.search(r"\b(\d{6})\b", text)[1]


def new_password(code):
    return {"code": code, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}


def test_recovery_by_phone_with_the_console_code(client, member, settings, caplog):
    settings.SMS_BACKEND = "yuyang_union.sms.backends.console.SmsBackend"
    signed_in_elsewhere = Client()
    signed_in_elsewhere.force_login(member.user)

    with caplog.at_level(logging.INFO, logger="yuyang_union.sms"):
        response = client.post(RECOVER, {"login": "139 1234 5678"})
    assert response["Location"] == RECOVER_CODE
    assert "139****5678" in caplog.text
    assert PHONE not in caplog.text

    response = client.post(
        RECOVER_CODE, new_password(code_in(caplog.text.split("SMS to")[-1])), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "新密码已设置" in response.content.decode()
    assert SESSION_KEY not in client.session  # told to sign in, not signed in
    member.user.refresh_from_db()
    assert member.user.check_password(NEW_PASSWORD)
    assert ActionEntry.objects.filter(verb=verbs.PASSWORD_RECOVERED.code).count() == 1
    # Every session of the account ends, as on a password change.
    assert signed_in_elsewhere.get(reverse("events:mine")).context["user"].is_anonymous
    # The new password works, by phone.
    response = client.post(reverse("login"), {"username": PHONE, "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_recovery_by_login_name_in_any_case(client, sms_outbox):
    member = MemberFactory(phone=PHONE, user=UserFactory(username="RanXM"))
    client.post(RECOVER, {"login": "ranxm"})
    assert [m.phone for m in sms_outbox] == [PHONE]
    response = client.post(RECOVER_CODE, new_password(code_in(sms_outbox[0].message)))
    assert response.status_code == 302
    member.user.refresh_from_db()
    assert member.user.check_password(NEW_PASSWORD)


def test_a_code_sets_one_password_only(client, member, sms_outbox):
    client.post(RECOVER, {"login": PHONE})
    code = code_in(sms_outbox[0].message)
    assert client.post(RECOVER_CODE, new_password(code))["Location"] == reverse("login")
    client.post(RECOVER, {"login": PHONE})  # a second round, with the old code
    other = {"password1": "Another-pass-2026", "password2": "Another-pass-2026"}
    response = client.post(RECOVER_CODE, {**new_password(code), **other})
    assert WRONG_CODE in response.content.decode()


def test_an_activation_code_does_not_set_a_password(client, sms_outbox):
    stranger = MemberFactory(phone="13912340001")
    client.post(
        reverse("events:activate"),
        {"name": stranger.name, "id_number": stranger.id_number, "phone": stranger.phone},
    )
    code = code_in(sms_outbox[0].message)
    client.post(RECOVER, {"login": stranger.phone})
    response = client.post(RECOVER_CODE, new_password(code))
    assert WRONG_CODE in response.content.decode()


def test_a_weak_new_password_is_refused_at_the_field(client, member, sms_outbox):
    client.post(RECOVER, {"login": PHONE})
    response = client.post(
        RECOVER_CODE,
        {"code": code_in(sms_outbox[0].message), "password1": "冉晓梅", "password2": "冉晓梅"},
    )
    assert response.context["form"].errors["password1"]
    member.user.refresh_from_db()
    assert member.user.check_password(OLD_PASSWORD)


@pytest.mark.parametrize(
    "make_staff_account",
    [
        lambda make_staff: UserFactory(is_staff=True),
        lambda make_staff: UserFactory(is_superuser=True),
        lambda make_staff: make_staff(roles.GRASSROOTS_OFFICERS),
    ],
    ids=["is_staff", "superuser", "role-group"],
)
def test_staff_accounts_are_never_recovered_by_text(
    client, make_staff, sms_outbox, make_staff_account
):
    staff = make_staff_account(make_staff)
    MemberFactory(phone=PHONE, user=staff)
    for login in (PHONE, staff.username):
        response = client.post(RECOVER, {"login": login})
        assert response["Location"] == RECOVER_CODE
    assert not sms_outbox


def test_a_phone_two_accounts_share_gets_no_code(client, member, sms_outbox):
    MemberFactory(phone=PHONE, user=UserFactory())
    client.post(RECOVER, {"login": PHONE})
    assert not sms_outbox


def without_csrf(content):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content.decode())


def test_the_first_step_answers_the_same_whoever_asks(member, make_staff, sms_outbox):
    staff = make_staff(roles.WELFARE)
    MemberFactory(phone="13912340002", user=staff)
    answers = []
    for login in (PHONE, "13912340001", "nobody", staff.username, "13912340002"):
        visitor = Client()
        posted = visitor.post(RECOVER, {"login": login})
        second = visitor.get(RECOVER_CODE)
        answers.append(
            (
                posted.status_code,
                posted["Location"],
                posted.content,
                second.status_code,
                without_csrf(second.content),
                second["Cache-Control"],
                sorted(posted.cookies),
            )
        )
    assert all(one == answers[0] for one in answers)
    assert [m.phone for m in sms_outbox] == [PHONE]


def test_texts_for_one_member_are_limited_silently(client, member, sms_outbox):
    for number in range(services.MESSAGES_PER_MEMBER + 2):
        login = PHONE if number % 2 else "冉晓梅"
        response = client.post(RECOVER, {"login": login}, REMOTE_ADDR=f"10.0.3.{number}")
        assert response["Location"] == RECOVER_CODE
    assert len(sms_outbox) == services.MESSAGES_PER_MEMBER


def test_requests_from_one_address_are_limited(client, member, sms_outbox):
    for number in range(services.REQUESTS_PER_ADDRESS):
        client.post(RECOVER, {"login": f"nobody{number}"})
    response = client.post(RECOVER, {"login": PHONE})
    assert "尝试次数过多" in response.content.decode()
    assert not sms_outbox


def test_signed_in_members_are_sent_to_their_page(client, member):
    client.force_login(member.user)
    assert client.get(RECOVER)["Location"] == reverse("events:mine")
