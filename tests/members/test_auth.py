"""Members sign in with their mobile number or their login name (Chinese too); axes never
records a phone number in the clear."""

import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset as reset_axes
from django.contrib.auth import SESSION_KEY, get_user_model
from django.db import connection
from django.urls import reverse

from members.auth import PHONE_STAND_IN, axes_username
from tests.members.factories import MemberFactory, UserFactory
from yuyang_union.personal_data.crypto import digest_phone

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # UserFactory's password
PHONE = "13912345678"


@pytest.fixture(autouse=True)
def _fresh_axes():
    reset_axes()
    yield
    reset_axes()


@pytest.fixture
def member():
    return MemberFactory(name="张晓梅", phone=PHONE, user=UserFactory(username="张晓梅"))


def log_in(client, login, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": login, "password": password}, **extra)


def signed_in_as(client):
    return client.session.get(SESSION_KEY)


@pytest.mark.parametrize("typed", [PHONE, "139 1234 5678", "139-1234-5678", "+86 13912345678"])
def test_member_signs_in_with_the_phone_on_the_roster(client, member, typed):
    response = log_in(client, typed)
    assert response.status_code == 302
    assert signed_in_as(client) == str(member.user.pk)


def test_member_signs_in_with_a_chinese_login_name(client, member):
    response = log_in(client, "张晓梅")
    assert response.status_code == 302
    assert signed_in_as(client) == str(member.user.pk)


def test_a_wrong_password_with_the_phone_signs_nobody_in(client, member):
    response = log_in(client, PHONE, "wrong password")
    assert response.status_code == 200
    assert signed_in_as(client) is None
    assert "手机号或登录名与密码不匹配" in response.content.decode()


def test_a_phone_two_accounts_share_signs_nobody_in(client, member):
    MemberFactory(phone=PHONE, user=UserFactory(username="twin"))
    assert log_in(client, PHONE).status_code == 200
    assert signed_in_as(client) is None
    # Their login names still work.
    assert log_in(client, "twin").status_code == 302


def test_an_inactive_account_cannot_sign_in_by_phone(client, member):
    member.user.is_active = False
    member.user.save()
    assert log_in(client, PHONE).status_code == 200
    assert signed_in_as(client) is None


def test_a_phone_of_a_member_without_an_account_signs_nobody_in(client):
    MemberFactory(phone=PHONE)
    assert log_in(client, PHONE).status_code == 200
    assert signed_in_as(client) is None


def test_the_account_table_holds_no_phone(client, member):
    log_in(client, PHONE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM auth_user")
        rows = cursor.fetchall()
    assert rows
    assert not [row for row in rows if any(PHONE in str(value) for value in row)]


def axes_rows():
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        for row in model.objects.values():
            yield from (str(value) for value in row.values())


def test_axes_records_the_account_name_for_its_phone(client, member, caplog):
    caplog.set_level(logging.DEBUG)
    log_in(client, "139 1234 5678", "wrong password")
    assert AccessAttempt.objects.get().username == "张晓梅"
    assert AccessFailureLog.objects.get().username == "张晓梅"
    log_in(client, PHONE)
    assert AccessLog.objects.get().username == "张晓梅"
    rows = list(axes_rows())
    assert not [value for value in rows if PHONE in value or "1234 5678" in value]
    assert PHONE not in caplog.text


def test_axes_records_a_stand_in_for_a_phone_of_no_account(client, caplog):
    caplog.set_level(logging.DEBUG)
    log_in(client, PHONE, "wrong password")
    stand_in = PHONE_STAND_IN.format(digest_phone(PHONE)[:12])
    assert AccessAttempt.objects.get().username == stand_in
    assert not [value for value in axes_rows() if PHONE in value]
    assert PHONE not in caplog.text


def test_axes_keeps_a_login_name_as_typed(rf):
    request = rf.post("/accounts/login/", {"username": "Tian"})
    assert axes_username(request, None) == "Tian"
    assert axes_username(request, {"username": "tian.xh"}) == "tian.xh"
    assert axes_username(request, {"username": None}) is None


def test_failures_by_phone_and_by_name_count_together(client, member, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login = PHONE if attempt % 2 else "张晓梅"
        response = log_in(client, login, "wrong password")
    assert response.status_code == 429
    assert log_in(client, "张晓梅").status_code == 429
    assert log_in(client, PHONE).status_code == 429
    assert signed_in_as(client) is None


def test_the_login_page_names_both_and_links_activation_and_recovery(client):
    content = client.get(reverse("login")).content.decode()
    assert "手机号或登录名" in content
    assert reverse("events:activate") in content
    assert reverse("events:recover") in content


def test_login_names_of_staff_still_work(client, make_staff):
    from yuyang_union import roles

    staff = make_staff(roles.WELFARE)
    assert log_in(client, staff.username).status_code == 302
    assert get_user_model().objects.get(pk=signed_in_as(client)) == staff
